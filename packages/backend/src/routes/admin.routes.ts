import {
  AdminUserListQuerySchema,
  AdminWaitlistQuerySchema,
  AppSettingsPatchSchema,
  AuditLogQuerySchema,
  IdParamSchema,
  PageQuerySchema,
  WaitlistBulkRequestSchema,
} from "@chat3d/shared";
import { Router, type Request } from "express";
import type { RateLimiter } from "../lib/rate-limiter.js";
import { parse } from "../lib/validate.js";
import { requireRole } from "../middleware/authenticate.js";
import { rateLimit } from "../middleware/rate-limit.js";
import type { AdminUserService } from "../services/admin-user.service.js";
import type { JobAdminService } from "../services/job-admin.service.js";
import type { SettingsService } from "../services/settings.service.js";
import type { WaitlistService } from "../services/waitlist.service.js";

export interface AdminServices {
  users: AdminUserService;
  settings: SettingsService;
  waitlist: WaitlistService;
  jobs: JobAdminService;
}

const actor = (req: Request) => ({ id: req.auth!.user.id, ip: req.ip ?? null });

export function adminRoutes({ users, settings, waitlist, jobs }: AdminServices, limiter: RateLimiter): Router {
  const router = Router();
  router.use(requireRole("admin"));

  router.get("/users", async (req, res) => {
    res.json(await users.list(parse(AdminUserListQuerySchema, req.query)));
  });

  router.patch("/users/:id/activate", async (req, res) => {
    const { id } = parse(IdParamSchema, req.params);
    res.json({ user: await users.activate(id, actor(req)) });
  });

  router.patch("/users/:id/deactivate", async (req, res) => {
    const { id } = parse(IdParamSchema, req.params);
    res.json({ user: await users.deactivate(id, actor(req)) });
  });

  router.post(
    "/users/:id/reset-password",
    rateLimit(limiter, [
      { name: "reset:account", limit: 3, windowMs: 3_600_000, key: (req) => String(req.params.id) },
      { name: "reset:ip", limit: 30, windowMs: 3_600_000, key: (req) => req.ip },
    ]),
    async (req, res) => {
      const { id } = parse(IdParamSchema, req.params);
      await users.triggerPasswordReset(id, actor(req));
      res.status(202).json({ status: "queued" });
    },
  );

  router.get("/settings", async (_req, res) => {
    res.json({ settings: await settings.get() });
  });

  router.patch("/settings", async (req, res) => {
    res.json({ settings: await settings.update(parse(AppSettingsPatchSchema, req.body), actor(req)) });
  });

  router.get("/audit-log", async (req, res) => {
    res.json(await users.auditLog(parse(AuditLogQuerySchema, req.query)));
  });

  router.get("/waitlist", async (req, res) => {
    res.json(await waitlist.list(parse(AdminWaitlistQuerySchema, req.query)));
  });

  router.patch("/waitlist/:id/approve", async (req, res) => {
    const { id } = parse(IdParamSchema, req.params);
    res.json({ entry: await waitlist.approve(id, actor(req)) });
  });

  router.patch("/waitlist/:id/reject", async (req, res) => {
    const { id } = parse(IdParamSchema, req.params);
    res.json({ entry: await waitlist.reject(id, actor(req)) });
  });

  router.post("/waitlist/bulk", async (req, res) => {
    const { action, ids } = parse(WaitlistBulkRequestSchema, req.body);
    res.json(await waitlist.bulk(action, ids, actor(req)));
  });

  router.get("/jobs/failed", async (req, res) => {
    res.json(await jobs.listFailed(parse(PageQuerySchema, req.query)));
  });

  router.post("/jobs/:id/retry", async (req, res) => {
    const { id } = parse(IdParamSchema, req.params);
    await jobs.retry(id, actor(req));
    res.status(202).json({ status: "queued" });
  });

  return router;
}
