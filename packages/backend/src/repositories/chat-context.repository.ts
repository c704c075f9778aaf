import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";
import { containsPattern } from "../lib/like.js";

export type ChatContextRow = Selectable<DB["chat_contexts"]>;

export class ChatContextRepository {
  constructor(private readonly db: Db) {}

  create(ownerId: string, name: string | undefined, db: Db = this.db): Promise<ChatContextRow> {
    return db
      .insertInto("chat_contexts")
      .values({ owner_id: ownerId, ...(name && { name }) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findOwned(id: string, ownerId: string, db: Db = this.db, opts: { forUpdate?: boolean } = {}) {
    const query = db.selectFrom("chat_contexts").selectAll().where("id", "=", id).where("owner_id", "=", ownerId);
    return (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  /** Most recent activity first; `after` is the last row of the previous page. */
  list(ownerId: string, opts: { query?: string; after?: { at: Date; id: string }; limit: number }) {
    let query = this.db.selectFrom("chat_contexts").selectAll().where("owner_id", "=", ownerId);
    if (opts.query) query = query.where("name", "ilike", containsPattern(opts.query));
    if (opts.after) {
      const { at, id } = opts.after;
      query = query.where((eb) =>
        eb.or([eb("last_activity_at", "<", at), eb.and([eb("last_activity_at", "=", at), eb("id", "<", id)])]),
      );
    }
    return query.orderBy("last_activity_at", "desc").orderBy("id", "desc").limit(opts.limit).execute();
  }

  update(
    id: string,
    patch: { name?: string; conversation_model_id?: string | null; codegen_model_id?: string | null },
    db: Db,
  ): Promise<ChatContextRow> {
    return db
      .updateTable("chat_contexts")
      .set({ ...patch, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Marks new activity, and makes `currentVersionId` the chat's current version when given. */
  touch(id: string, db: Db, currentVersionId?: string): Promise<ChatContextRow> {
    return db
      .updateTable("chat_contexts")
      .set({ last_activity_at: new Date(), ...(currentVersionId && { current_version_id: currentVersionId }) })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(id: string, db: Db): Promise<void> {
    await db.deleteFrom("chat_contexts").where("id", "=", id).execute();
  }

  /** Every chat of a person, oldest first (the data export). */
  allOfOwner(ownerId: string): Promise<ChatContextRow[]> {
    return this.db
      .selectFrom("chat_contexts")
      .selectAll()
      .where("owner_id", "=", ownerId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  /** The sweep: every chat of a person, with its items, versions and files (they cascade). */
  async deleteAllOfOwner(ownerId: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("chat_contexts").where("owner_id", "=", ownerId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
