import { Router } from "express";
import { buildOpenApiDocument } from "../openapi.js";
import type { HealthService } from "../services/health.service.js";

export function healthRoutes(health: HealthService): Router {
  const router = Router();
  const openapi = buildOpenApiDocument(health.health().version);
  router.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  router.get("/health", (_req, res) => {
    res.json(health.health());
  });
  router.get("/ready", async (_req, res) => {
    const readiness = await health.readiness();
    res.status(readiness.status === "ready" ? 200 : 503).json(readiness);
  });
  return router;
}
