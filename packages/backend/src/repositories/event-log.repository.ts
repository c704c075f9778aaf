import type { Db } from "../db/database.js";

export interface LoggedEvent {
  id: string;
  event_type: string;
  payload: unknown;
}

export interface RelayedRow extends LoggedEvent {
  user_id: string | null;
}

export class EventLogRepository {
  constructor(private readonly db: Db) {}

  async append(entry: { userId: string | null; type: string; payload: unknown }, db: Db): Promise<string> {
    const { id } = await db
      .insertInto("event_log")
      .values({
        user_id: entry.userId,
        for_admins: entry.userId === null,
        event_type: entry.type,
        payload: JSON.stringify(entry.payload),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  }

  /** Every event after `afterId`, whoever it is for, oldest first: what the relay fans out. */
  after(afterId: string, limit: number): Promise<RelayedRow[]> {
    return this.db
      .selectFrom("event_log")
      .select(["id", "user_id", "event_type", "payload"])
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** The events a user may see after `afterId`, oldest first; at most `limit`. */
  since(user: { id: string; isAdmin: boolean }, afterId: string, limit: number): Promise<LoggedEvent[]> {
    return this.db
      .selectFrom("event_log")
      .select(["id", "event_type", "payload"])
      .where("id", ">", afterId)
      .where((eb) =>
        user.isAdmin ? eb.or([eb("user_id", "=", user.id), eb("for_admins", "=", true)]) : eb("user_id", "=", user.id),
      )
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  async latestId(): Promise<string> {
    const row = await this.db
      .selectFrom("event_log")
      .select((eb) => eb.fn.max("id").as("max"))
      .executeTakeFirst();
    return (row?.max as string | null) ?? "0";
  }

  async pruneOlderThan(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom("event_log").where("created_at", "<", cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
