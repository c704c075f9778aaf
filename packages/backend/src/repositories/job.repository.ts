import { sql } from "kysely";
import type { Db } from "../db/database.js";

export interface FailedJobRow {
  id: string;
  name: string;
  retry_count: number;
  created_on: Date;
  completed_on: Date | null;
  recipient: string | null;
  template: string | null;
  error: string | null;
}

/** Reads pg-boss's job table for the admin view. Payloads are never returned: emails carry secret links. */
export class JobRepository {
  constructor(private readonly db: Db) {}

  async listFailed(limit: number, offset: number): Promise<{ items: FailedJobRow[]; total: number }> {
    const [items, total] = await Promise.all([
      sql<FailedJobRow>`
        SELECT id::text, name, retry_count, created_on, completed_on,
               data->>'to' AS recipient, data->>'template' AS template,
               COALESCE(output->>'message', output::text) AS error
        FROM pgboss.job WHERE state = 'failed'
        ORDER BY completed_on DESC NULLS LAST LIMIT ${limit} OFFSET ${offset}`.execute(this.db),
      sql<{ count: string }>`SELECT count(*)::text AS count FROM pgboss.job WHERE state = 'failed'`.execute(this.db),
    ]);
    return { items: items.rows, total: Number(total.rows[0]?.count ?? 0) };
  }

  async findFailed(id: string): Promise<{ id: string; name: string } | undefined> {
    const { rows } = await sql<{ id: string; name: string }>`
      SELECT id::text, name FROM pgboss.job WHERE id = ${id}::uuid AND state = 'failed'`.execute(this.db);
    return rows[0];
  }
}
