import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";

export type ChatItemRow = Selectable<DB["chat_items"]>;

export class ChatItemRepository {
  constructor(private readonly db: Db) {}

  insert(item: Insertable<DB["chat_items"]>, db: Db): Promise<ChatItemRow> {
    return db.insertInto("chat_items").values(item).returningAll().executeTakeFirstOrThrow();
  }

  findOwned(id: string, ownerId: string, db: Db = this.db): Promise<ChatItemRow | undefined> {
    return db
      .selectFrom("chat_items")
      .selectAll()
      .where("id", "=", id)
      .where("owner_id", "=", ownerId)
      .executeTakeFirst();
  }

  /** The `limit` items before `beforeSeq` (or the newest), returned oldest first, and whether older ones exist. */
  async page(chatContextId: string, opts: { beforeSeq?: string; limit: number }) {
    let query = this.db.selectFrom("chat_items").selectAll().where("chat_context_id", "=", chatContextId);
    if (opts.beforeSeq) query = query.where("seq", "<", opts.beforeSeq);
    const rows = await query
      .orderBy("seq", "desc")
      .limit(opts.limit + 1)
      .execute();
    return { items: rows.slice(0, opts.limit).reverse(), more: rows.length > opts.limit };
  }

  update(id: string, patch: Updateable<DB["chat_items"]>, db: Db): Promise<ChatItemRow> {
    return db
      .updateTable("chat_items")
      .set({ ...patch, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(id: string, db: Db): Promise<void> {
    await db.deleteFrom("chat_items").where("id", "=", id).execute();
  }

  /** A chat's whole timeline in order (the data export). */
  allOfContext(chatContextId: string): Promise<ChatItemRow[]> {
    return this.db
      .selectFrom("chat_items")
      .selectAll()
      .where("chat_context_id", "=", chatContextId)
      .orderBy("seq")
      .execute();
  }
}
