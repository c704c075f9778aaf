import * as shared from "@chat3d/shared";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { generate, PostgresDialect } from "kysely-codegen";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase, type TestDatabase } from "../helpers/database.js";

const GENERATED = fileURLToPath(new URL("../../src/db/generated.ts", import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createMigratedDatabase();
});
afterAll(() => database.drop());

async function typesOfMigratedSchema(): Promise<string> {
  const raw = await generate({
    db: database.db as never,
    dialect: new PostgresDialect(),
    defaultSchemas: ["public"],
    excludePattern: "kysely_migration*",
    outFile: null,
    print: false,
  });
  const options = await prettier.resolveConfig(GENERATED);
  return prettier.format(raw, { ...options, filepath: GENERATED });
}

describe("the database types", () => {
  it("when the migrations run, then src/db/generated.ts is exactly what kysely-codegen reads off the schema (run `npm run db:types` after a migration)", async () => {
    const fresh = await typesOfMigratedSchema();
    if (process.env.UPDATE_DB_TYPES === "1") writeFileSync(GENERATED, fresh);
    expect(readFileSync(GENERATED, "utf8")).toBe(fresh);
  });

  it("when the database has an enum, then the shared package names it with the same values", async () => {
    const pairs: Array<[string, readonly string[]]> = [
      ["user_role", shared.UserRoleSchema.options],
      ["user_status", shared.UserStatusSchema.options],
      ["waitlist_status", shared.WaitlistStatusSchema.options],
      ["invitation_status", shared.InvitationStatusSchema.options],
      ["account_action_type", shared.AccountActionTypeSchema.options],
      ["data_export_status", shared.DataExportStatusSchema.options],
      ["chat_item_type", shared.ChatItemSchema.options.map((o) => o.shape.type.value)],
      ["chat_item_state", shared.ItemStateSchema.options],
      ["version_source", shared.VersionSourceSchema.options],
      ["result_kind", shared.ResultKindSchema.options],
      ["render_quality", shared.RenderQualitySchema.options],
      ["query_state", shared.QueryStateSchema.options],
      ["chat_item_role", shared.ChatItemRoleSchema.options],
      ["registration_token_source", shared.RegistrationTokenSourceSchema.options],
      ["account_action_status", shared.AccountActionStatusSchema.options],
      ["version_file_role", shared.VersionFileSchema.options.map((o) => o.shape.role.value)],
    ];
    const { rows } = await sql<{ name: string; values: string[] }>`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`.execute(database.db);
    const inDatabase = Object.fromEntries(rows.map((r) => [r.name, [...r.values].sort()]));
    for (const [name, values] of pairs) expect([name, [...values].sort()]).toEqual([name, inDatabase[name]]);
    // A new enum in a migration must be named in shared too, or the API could send a value the UI does not know.
    expect(Object.keys(inDatabase).sort()).toEqual(pairs.map(([name]) => name).sort());
  });
});
