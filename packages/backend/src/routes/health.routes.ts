import { HealthSchema, ProviderStatusListSchema, ReadinessSchema } from "@chat3d/shared";
import { Reply, RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { HealthService } from "../services/health.service.js";

/** `document` is read on each request: the OpenAPI document is built from every table, this one included. */
export function healthRoutes(health: HealthService, document: () => unknown, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api", { tag: "system", access: "public" }, deps)
    .add({
      method: "get",
      path: "/openapi.json",
      summary: "This document",
      responses: { 200: "the OpenAPI 3.1 document" },
      handle: () => document(),
    })
    .add({
      method: "get",
      path: "/health",
      summary: "Liveness",
      responses: { 200: HealthSchema },
      handle: () => health.health(),
    })
    .add({
      method: "get",
      path: "/ready",
      summary: "Readiness of the database, Redis and the render service",
      responses: { 200: ReadinessSchema, 503: ReadinessSchema },
      handle: async () => {
        const readiness = await health.readiness();
        return new Reply(readiness.status === "ready" ? 200 : 503, readiness);
      },
    })
    .add({
      method: "get",
      path: "/admin/status/providers",
      // Not on /api/ready: probes call that often, and it would reach out to the providers each time.
      summary: "Each configured AI provider's reachability and the models it offers",
      access: "admin",
      responses: { 200: ProviderStatusListSchema },
      handle: () => health.providers(),
    });
}
