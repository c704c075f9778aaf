import { Migrator, type Migration, type MigrationResultSet } from "kysely";
import type { Db } from "./database.js";
import * as m001 from "./migrations/001_initial_schema.js";
import * as m002 from "./migrations/002_auth_admin_waitlist_invites.js";
import * as m003 from "./migrations/003_notifications_account_lifecycle.js";
import * as m004 from "./migrations/004_sessions_audit_email.js";
import * as m005 from "./migrations/005_event_log.js";
import * as m006 from "./migrations/006_waitlist_tokens.js";
import * as m007 from "./migrations/007_files.js";
import * as m008 from "./migrations/008_email_delivery_claims.js";
import * as m009 from "./migrations/009_chat_workspace.js";
import * as m010 from "./migrations/010_account_lifecycle.js";
import * as m011 from "./migrations/011_ai_pipeline.js";
import * as m012 from "./migrations/012_shares.js";
import * as m014 from "./migrations/014_email_confirmation.js";
import * as m017 from "./migrations/017_personal_access_tokens.js";

// A static list keeps the compiled bundle self-contained; the order is the filename order.
const migrations: Record<string, Migration> = {
  "001_initial_schema": m001,
  "002_auth_admin_waitlist_invites": m002,
  "003_notifications_account_lifecycle": m003,
  "004_sessions_audit_email": m004,
  "005_event_log": m005,
  "006_waitlist_tokens": m006,
  "007_files": m007,
  "008_email_delivery_claims": m008,
  "009_chat_workspace": m009,
  "010_account_lifecycle": m010,
  "011_ai_pipeline": m011,
  "012_shares": m012,
  "014_email_confirmation": m014,
  "017_personal_access_tokens": m017,
};

export class MigrationError extends Error {
  constructor(migration: string | undefined, cause: unknown) {
    super(`Migration ${migration ?? "(unknown)"} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "MigrationError";
  }
}

/**
 * Brings the schema to the latest version. Kysely's Postgres adapter holds a transaction-scoped advisory
 * lock while it runs, so API instances starting together migrate exactly once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) throw new MigrationError(failed?.migrationName, error);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
