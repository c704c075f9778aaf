import { TERMINAL_QUERY_STATES, type QueryAttempt, type QueryStep } from "@chat3d/shared";
import type { Insertable, Selectable, Updateable } from "kysely";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";

export type QueryRow = Selectable<DB["chat_queries"]>;

export class ChatQueryRepository {
  constructor(private readonly db: Db) {}

  insert(row: Insertable<DB["chat_queries"]>, db: Db): Promise<QueryRow> {
    return db.insertInto("chat_queries").values(row).returningAll().executeTakeFirstOrThrow();
  }

  find(id: string, db: Db = this.db, opts: { forUpdate?: boolean } = {}): Promise<QueryRow | undefined> {
    const query = db.selectFrom("chat_queries").selectAll().where("id", "=", id);
    return (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  findOwned(id: string, ownerId: string, db: Db = this.db, opts: { forUpdate?: boolean } = {}) {
    const query = db.selectFrom("chat_queries").selectAll().where("id", "=", id).where("owner_id", "=", ownerId);
    return (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  byAnswerItems(itemIds: string[], db: Db = this.db): Promise<QueryRow[]> {
    if (!itemIds.length) return Promise.resolve([]);
    return db.selectFrom("chat_queries").selectAll().where("answer_item_id", "in", itemIds).execute();
  }

  update(id: string, patch: Updateable<DB["chat_queries"]>, db: Db): Promise<QueryRow> {
    return db
      .updateTable("chat_queries")
      .set({ ...patch, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Appends one tool call (and its attempt) to an open query in the database, never rewriting the lists. */
  appendStep(id: string, step: QueryStep, attempt: QueryAttempt | undefined, db: Db): Promise<QueryRow | undefined> {
    return db
      .updateTable("chat_queries")
      .set({
        steps: sql`steps || ${JSON.stringify([step])}::jsonb`,
        ...(attempt && { attempts: sql`attempts || ${JSON.stringify([attempt])}::jsonb` }),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .where("state", "not in", TERMINAL_QUERY_STATES)
      .returningAll()
      .executeTakeFirst();
  }

  /** Adds a model call's tokens and cost to the query's totals, in one statement. */
  async addSpend(id: string, spend: { input: number; output: number; cost: number }, db: Db = this.db) {
    await db
      .updateTable("chat_queries")
      .set({
        input_tokens: sql`input_tokens + ${spend.input}`,
        output_tokens: sql`output_tokens + ${spend.output}`,
        cost_usd: sql`cost_usd + ${spend.cost}`,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
  }

  /** Queries the person started since `since`, and what their queries cost since `monthStart`. */
  async usage(
    ownerId: string,
    since: Date,
    monthStart: Date,
    db: Db = this.db,
  ): Promise<{ today: number; monthCostUsd: number }> {
    const row = await db
      .selectFrom("chat_queries")
      .select([
        sql<string>`count(*) FILTER (WHERE created_at >= ${since})`.as("today"),
        sql<string>`coalesce(sum(cost_usd) FILTER (WHERE created_at >= ${monthStart}), 0)`.as("month_cost"),
      ])
      .where("owner_id", "=", ownerId)
      .where("created_at", ">=", since < monthStart ? since : monthStart)
      .executeTakeFirstOrThrow();
    return { today: Number(row.today), monthCostUsd: Number(row.month_cost) };
  }

  /** Per owner, the queries started since `since` and their cost: one grouped query for a page of people. */
  async usageByOwner(ownerIds: string[], since: Date): Promise<Map<string, { count: number; costUsd: number }>> {
    if (!ownerIds.length) return new Map();
    const rows = await this.db
      .selectFrom("chat_queries")
      .select(["owner_id", sql<string>`count(*)`.as("count"), sql<string>`coalesce(sum(cost_usd), 0)`.as("cost")])
      .where("owner_id", "in", ownerIds)
      .where("created_at", ">=", since)
      .groupBy("owner_id")
      .execute();
    return new Map(rows.map((r) => [r.owner_id, { count: Number(r.count), costUsd: Number(r.cost) }]));
  }

  /** A chat's tokens and cost over all its queries. */
  async totals(chatContextIds: string[], db: Db = this.db) {
    if (!chatContextIds.length)
      return new Map<string, { input_tokens: number; output_tokens: number; cost_usd: number }>();
    const rows = await db
      .selectFrom("chat_queries")
      .select([
        "chat_context_id",
        sql<string>`sum(input_tokens)`.as("input"),
        sql<string>`sum(output_tokens)`.as("output"),
        sql<string>`sum(cost_usd)`.as("cost"),
      ])
      .where("chat_context_id", "in", chatContextIds)
      .groupBy("chat_context_id")
      .execute();
    return new Map(
      rows.map((r) => [
        r.chat_context_id,
        { input_tokens: Number(r.input), output_tokens: Number(r.output), cost_usd: Number(r.cost) },
      ]),
    );
  }

  /** Unfinished queries nobody has touched since `before`: interrupted work the sweeper ends. */
  stale(before: Date, db: Db = this.db): Promise<QueryRow[]> {
    return db
      .selectFrom("chat_queries")
      .selectAll()
      .where("state", "not in", TERMINAL_QUERY_STATES)
      .where("updated_at", "<", before)
      .execute();
  }
}
