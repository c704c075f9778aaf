import { QueryStatusSchema, type QueryStatus } from "@chat3d/shared";
import { z } from "zod";
import type { ApiClient } from "@/lib/api-client";

const StatusSchema = z.object({ query: QueryStatusSchema });

/** Where one query stands: its stage, steps, attempts, tokens and cost. */
export async function getQuery(api: ApiClient, queryId: string, signal?: AbortSignal): Promise<QueryStatus> {
  const { query } = await api.get(`/api/query/${encodeURIComponent(queryId)}`, { schema: StatusSchema, signal });
  return query;
}
