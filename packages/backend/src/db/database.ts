import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

// BIGSERIAL ids stay strings (they can exceed 2^53); timestamps come back as Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export type Db = Kysely<Database>;

export function createDatabase(
  connectionString: string,
  poolMax = 10,
  onIdleError: (err: Error) => void = () => undefined,
): Db {
  // A bounded wait turns pool exhaustion into an error instead of a silent hang.
  const pool = new pg.Pool({
    connectionString,
    max: poolMax,
    application_name: "chat3d",
    connectionTimeoutMillis: 10_000,
  });
  // An idle client dropped by a server restart is replaced on next use; unhandled, the event would kill the process.
  pool.on("error", onIdleError);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
