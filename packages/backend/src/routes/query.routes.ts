import { ChatItemSchema, CreateQueryRequestSchema, QueryParamsSchema, QueryStatusSchema } from "@chat3d/shared";
import { z } from "zod";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { QueryService } from "../services/query.service.js";

const AcceptedSchema = z.object({ query: QueryStatusSchema, items: z.array(ChatItemSchema) });
const StatusSchema = z.object({ query: QueryStatusSchema });

export function queryRoutes(queries: QueryService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/query", { tag: "query", access: "user", scope: "ai" }, deps)
    .add({
      method: "post",
      path: "/",
      summary: "Ask the AI; answered 202 at once, then run as a job whose stages arrive as chat.query.state",
      body: CreateQueryRequestSchema,
      responses: {
        202: AcceptedSchema,
        404: "not mine, or no such chat or attachment",
        409: "no language model configured",
        422: "the model is not available, or cannot read images",
        429: "today's question limit or this month's budget is used up",
      },
      handle: ({ user, body }) => queries.create(user, body),
    })
    .add({
      method: "get",
      path: "/:id",
      scope: "read",
      summary: "Where a query stands",
      params: QueryParamsSchema,
      responses: { 200: StatusSchema, 404: "not mine, or no such query" },
      handle: async ({ user, params }) => ({ query: await queries.get(user.id, params.id) }),
    })
    .add({
      method: "post",
      path: "/:id/cancel",
      summary: "Stop a running query, keeping what it said so far",
      params: QueryParamsSchema,
      responses: { 200: StatusSchema, 404: "not mine, or no such query", 409: "already finished" },
      handle: async ({ user, params }) => ({ query: await queries.cancel(user.id, params.id) }),
    })
    .add({
      method: "post",
      path: "/:id/retry",
      summary: "Run a failed or cancelled query again",
      params: QueryParamsSchema,
      responses: {
        202: StatusSchema,
        404: "not mine, or no such query",
        409: "not failed or cancelled",
        429: "limit reached",
      },
      handle: async ({ user, params }) => ({ query: await queries.retry(user, params.id) }),
    })
    .add({
      method: "post",
      path: "/:id/regenerate",
      summary: "A new answer to the same question; the earlier one stays",
      params: QueryParamsSchema,
      responses: { 202: AcceptedSchema, 404: "not mine, or no such query", 409: "still running", 429: "limit reached" },
      handle: ({ user, params }) => queries.regenerate(user, params.id),
    });
}
