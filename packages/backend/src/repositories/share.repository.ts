import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";

export type ShareRow = Selectable<DB["shares"]> & {
  chat_context_id: string;
  chat_name: string;
  version_number: number;
};
/** A share found by its secret, with what decides whether it still opens. */
export type ShareLookupRow = ShareRow & {
  owner_status: string;
  owner_deleted_at: Date | null;
  owner_display_name: string | null;
};

export class ShareRepository {
  constructor(private readonly db: Db) {}

  private withVersion(db: Db) {
    return db
      .selectFrom("shares")
      .innerJoin("chat_versions", "chat_versions.id", "shares.version_id")
      .innerJoin("chat_contexts", "chat_contexts.id", "chat_versions.chat_context_id")
      .selectAll("shares")
      .select([
        "chat_versions.chat_context_id",
        "chat_contexts.name as chat_name",
        "chat_versions.number as version_number",
      ]);
  }

  async insert(share: Insertable<DB["shares"]>, db: Db = this.db): Promise<ShareRow> {
    const { id } = await db.insertInto("shares").values(share).returning("id").executeTakeFirstOrThrow();
    return this.withVersion(db).where("shares.id", "=", id).executeTakeFirstOrThrow();
  }

  /** Newest first. */
  listOwned(ownerId: string): Promise<ShareRow[]> {
    return this.withVersion(this.db)
      .where("shares.owner_id", "=", ownerId)
      .orderBy("shares.created_at", "desc")
      .orderBy("shares.id", "desc")
      .execute();
  }

  /** Undefined when the share does not exist or is someone else's: both answer the same 404. */
  findOwned(id: string, ownerId: string, db: Db = this.db): Promise<ShareRow | undefined> {
    return this.withVersion(db).where("shares.id", "=", id).where("shares.owner_id", "=", ownerId).executeTakeFirst();
  }

  /** Marks it revoked (once: a second revoke keeps the first time). */
  async revoke(id: string, at: Date, db: Db): Promise<void> {
    await db
      .updateTable("shares")
      .set({ revoked_at: at })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
  }

  findByTokenHash(tokenHash: string): Promise<ShareLookupRow | undefined> {
    return this.withVersion(this.db)
      .innerJoin("users", "users.id", "shares.owner_id")
      .select([
        "users.status as owner_status",
        "users.deleted_at as owner_deleted_at",
        "users.display_name as owner_display_name",
      ])
      .where("shares.token_hash", "=", tokenHash)
      .executeTakeFirst();
  }
}
