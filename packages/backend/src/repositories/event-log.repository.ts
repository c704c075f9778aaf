import { sql } from "kysely";
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

  /**
   * Inserts the events, in order, under a transaction-scoped advisory lock, and queues one NOTIFY for the
   * commit, in one round trip: the lock is taken in the row source, before any row (and its id) exists.
   * Returns the ids in the order of `entries`.
   */
  async appendAndNotify(
    entries: Array<{ userId: string | null; type: string; payload: unknown }>,
    ordering: { lock: number; channel: string },
    db: Db,
  ): Promise<string[]> {
    const rows = sql.join(
      entries.map(
        (e, i) =>
          sql`(${i}::int, ${e.userId}::uuid, ${e.userId === null}::boolean, ${e.type}::varchar, ${JSON.stringify(e.payload)}::jsonb)`,
      ),
    );
    const { rows: inserted } = await sql<{ id: string }>`
      WITH input (ord, user_id, for_admins, event_type, payload) AS (VALUES ${rows})
      INSERT INTO event_log (user_id, for_admins, event_type, payload)
      SELECT input.user_id, input.for_admins, input.event_type, input.payload
      FROM (SELECT pg_advisory_xact_lock(${ordering.lock})) AS locked, input
      ORDER BY input.ord
      RETURNING id, pg_notify(${ordering.channel}, '')`.execute(db);
    // Ids are drawn in insertion order, which follows `ord`.
    return inserted.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
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

  /** The sweep: a person's replayable events (their payloads name their chats and notifications). */
  async deleteAllOf(userId: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("event_log").where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
