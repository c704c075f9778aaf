import { LlmModelListSchema } from "@chat3d/shared";
import type { LlmRegistry } from "../ai/providers/registry.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";

export function llmRoutes(models: LlmRegistry, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/llm", { tag: "llm", access: "user" }, deps).add({
    method: "get",
    path: "/models",
    summary: "The models usable now, with their roles and whether they read images, and the defaults",
    responses: { 200: LlmModelListSchema },
    handle: () => models.list(),
  });
}
