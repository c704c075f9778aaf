import { sql } from "kysely";
import type { Db } from "../db/database.js";

export class NotificationRepository {
  constructor(private readonly db: Db) {}

  insert(userId: string, eventType: string, payload: Record<string, unknown>, db: Db) {
    return db
      .insertInto("notifications")
      .values({ user_id: userId, event_type: eventType, payload: JSON.stringify(payload) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async list(userId: string, opts: { limit: number; offset: number; unreadOnly: boolean }) {
    let query = this.db.selectFrom("notifications").where("user_id", "=", userId);
    if (opts.unreadOnly) query = query.where("read_at", "is", null);
    const [items, { total }] = await Promise.all([
      query.selectAll().orderBy("id", "desc").limit(opts.limit).offset(opts.offset).execute(),
      query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total) };
  }

  async unreadCount(userId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Marks one of the user's notifications read; undefined when it is not theirs or does not exist. */
  markRead(userId: string, id: string, db: Db) {
    return db
      .updateTable("notifications")
      .set((eb) => ({ read_at: eb.fn.coalesce("read_at", eb.val(new Date())) }))
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .returningAll()
      .executeTakeFirst();
  }

  /** Marks read, for everyone, the unread notifications of one type whose payload contains `about`. */
  markReadAbout(eventType: string, about: Record<string, string>, db: Db) {
    return db
      .updateTable("notifications")
      .set({ read_at: new Date() })
      .where("event_type", "=", eventType)
      .where("read_at", "is", null)
      .where(sql<boolean>`payload @> ${JSON.stringify(about)}::jsonb`)
      .returning(["id", "user_id"])
      .execute();
  }

  async markAllRead(userId: string, db: Db): Promise<number> {
    const result = await db
      .updateTable("notifications")
      .set({ read_at: new Date() })
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Every notification of a person, oldest first (the data export). */
  allOf(userId: string) {
    return this.db.selectFrom("notifications").selectAll().where("user_id", "=", userId).orderBy("id").execute();
  }

  async deleteAllOf(userId: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("notifications").where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
