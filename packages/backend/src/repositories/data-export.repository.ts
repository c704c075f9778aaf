import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";

export type DataExportRow = Selectable<DB["data_exports"]>;

export class DataExportRepository {
  constructor(private readonly db: Db) {}

  create(userId: string, expiresAt: Date, db: Db): Promise<DataExportRow> {
    return db
      .insertInto("data_exports")
      .values({ user_id: userId, expires_at: expiresAt })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findById(id: string, db: Db = this.db): Promise<DataExportRow | undefined> {
    return db.selectFrom("data_exports").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Undefined when the export does not exist or is someone else's: both answer the same 404. */
  findOwned(id: string, userId: string): Promise<DataExportRow | undefined> {
    return this.db
      .selectFrom("data_exports")
      .selectAll()
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  /** The owner's exports that have not expired, newest first. */
  listLive(userId: string, now: Date): Promise<DataExportRow[]> {
    return this.db
      .selectFrom("data_exports")
      .selectAll()
      .where("user_id", "=", userId)
      .where("expires_at", ">", now)
      .orderBy("created_at", "desc")
      .limit(20)
      .execute();
  }

  /** Marks a building export ready; undefined when it is no longer building (expired, removed). */
  markReady(id: string, stored: { key: string; bytes: number; sha256: string }, now: Date) {
    return this.db
      .updateTable("data_exports")
      .set({
        status: "ready",
        storage_key: stored.key,
        size_bytes: stored.bytes,
        sha256: stored.sha256,
        completed_at: now,
      })
      .where("id", "=", id)
      .where("status", "=", "building")
      .returningAll()
      .executeTakeFirst();
  }

  async markFailed(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable("data_exports")
      .set({ status: "failed", completed_at: now })
      .where("id", "=", id)
      .where("status", "=", "building")
      .execute();
  }

  /** Removes the expired rows and returns their ids (whose archives the caller deletes). */
  async deleteExpired(now: Date, db: Db): Promise<string[]> {
    const rows = await db.deleteFrom("data_exports").where("expires_at", "<=", now).returning("id").execute();
    return rows.map((r) => r.id);
  }

  async deleteAllOf(userId: string, db: Db): Promise<string[]> {
    const rows = await db.deleteFrom("data_exports").where("user_id", "=", userId).returning("id").execute();
    return rows.map((r) => r.id);
  }
}
