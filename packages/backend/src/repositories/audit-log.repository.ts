import type { Db } from "../db/database.js";

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export class AuditLogRepository {
  constructor(private readonly db: Db) {}

  async insert(entry: AuditEntry, db: Db = this.db): Promise<void> {
    await db
      .insertInto("audit_log")
      .values({
        actor_user_id: entry.actorUserId,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        ip: entry.ip ?? null,
      })
      .execute();
  }

  async list(filter: { action?: string; limit: number; offset: number }) {
    let query = this.db.selectFrom("audit_log").leftJoin("users", "users.id", "audit_log.actor_user_id");
    if (filter.action) query = query.where("audit_log.action", "=", filter.action);
    const [items, { total }] = await Promise.all([
      query
        .select([
          "audit_log.id",
          "audit_log.action",
          "audit_log.target_type",
          "audit_log.target_id",
          "audit_log.before",
          "audit_log.after",
          "audit_log.ip",
          "audit_log.created_at",
          "audit_log.actor_user_id",
          "users.email as actor_email",
        ])
        .orderBy("audit_log.id", "desc")
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total) };
  }

  /**
   * The sweep keeps the trail (what happened, to which id, by which id, when) and removes what names the
   * person in it: the addresses they acted from, and the before/after snapshots of rows about them.
   */
  async scrubPersonalData(userId: string, db: Db): Promise<number> {
    const result = await db
      .updateTable("audit_log")
      .set({ ip: null, before: null, after: null })
      .where((eb) =>
        eb.or([
          eb("actor_user_id", "=", userId),
          eb.and([eb("target_type", "=", "user"), eb("target_id", "=", userId)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
