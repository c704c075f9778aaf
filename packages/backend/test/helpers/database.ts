import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Db } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrator.js";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL!;
}

/** A brand-new, empty database per test file, so files run in parallel without seeing each other. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = `chat3d_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), 5);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createMigratedDatabase(): Promise<TestDatabase> {
  const test = await createEmptyDatabase();
  await migrateToLatest(test.db);
  return test;
}
