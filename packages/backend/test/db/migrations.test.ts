import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrator.js";
import { createEmptyDatabase, type TestDatabase } from "../helpers/database.js";

async function schemaFingerprint(test: TestDatabase) {
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, column_name`.execute(test.db);
  return rows;
}

describe("migrations", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createEmptyDatabase();
  });
  afterAll(() => test.drop());

  it("when the database is empty, then every migration applies in order and the plan's tables exist", async () => {
    const applied = await migrateToLatest(test.db);
    expect(applied).toEqual([
      "001_initial_schema",
      "002_auth_admin_waitlist_invites",
      "003_notifications_account_lifecycle",
      "004_sessions_audit_email",
      "005_event_log",
      "006_waitlist_tokens",
      "007_files",
      "008_email_delivery_claims",
      "009_chat_workspace",
      "010_account_lifecycle",
      "011_ai_pipeline",
      "012_shares",
      "014_email_confirmation",
    ]);
    const tables = new Set((await schemaFingerprint(test)).map((r) => r.table_name));
    for (const table of [
      "users",
      "app_settings",
      "waitlist_entries",
      "registration_tokens",
      "invitations",
      "account_actions",
      "notifications",
      "chat_contexts",
      "chat_items",
    ]) {
      expect(tables).toContain(table);
    }
    const settings = await test.db.selectFrom("app_settings").selectAll().execute();
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({
      waitlist_enabled: false,
      invitations_enabled: true,
      invitation_quota_per_user: 3,
    });
  });

  it("when run a second time, then nothing is applied and the schema is unchanged", async () => {
    const before = await schemaFingerprint(test);
    expect(await migrateToLatest(test.db)).toEqual([]);
    expect(await schemaFingerprint(test)).toEqual(before);
  });

  it("when several instances migrate at once, then exactly one applies the migrations", async () => {
    const fresh = await createEmptyDatabase();
    try {
      const results = await Promise.all([
        migrateToLatest(fresh.db),
        migrateToLatest(fresh.db),
        migrateToLatest(fresh.db),
      ]);
      expect(results.map((r) => r.length).sort()).toEqual([0, 0, 13]);
    } finally {
      await fresh.drop();
    }
  });

  it("when a chat belongs to a deleted user, then it goes with the user", async () => {
    const user = await test.db
      .insertInto("users")
      .values({ email: "gone@example.test", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await test.db.insertInto("chat_contexts").values({ owner_id: user.id }).execute();
    await test.db.deleteFrom("users").where("id", "=", user.id).execute();
    const left = await test.db.selectFrom("chat_contexts").selectAll().where("owner_id", "=", user.id).execute();
    expect(left).toEqual([]);
  });
});
