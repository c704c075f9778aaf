import { NotificationIdParamSchema, NotificationListQuerySchema } from "@chat3d/shared";
import { Router } from "express";
import { parse } from "../lib/validate.js";
import { requireAuth } from "../middleware/authenticate.js";
import type { NotificationService } from "../services/notification.service.js";

export function notificationsRoutes(notifications: NotificationService): Router {
  const router = Router();
  router.use(requireAuth);

  router.get("/", async (req, res) => {
    res.json(await notifications.list(req.auth!.user.id, parse(NotificationListQuerySchema, req.query)));
  });

  router.get("/unread-count", async (req, res) => {
    res.json({ unread_count: await notifications.unreadCount(req.auth!.user.id) });
  });

  router.post("/read-all", async (req, res) => {
    res.json({ updated: await notifications.markAllRead(req.auth!.user.id) });
  });

  router.post("/:id/read", async (req, res) => {
    const { id } = parse(NotificationIdParamSchema, req.params);
    res.json({ notification: await notifications.markRead(req.auth!.user.id, id) });
  });

  return router;
}
