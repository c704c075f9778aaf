import {
  MarkAllReadResponseSchema,
  NotificationIdParamSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationResponseSchema,
  UnreadCountSchema,
} from "@chat3d/shared";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { NotificationService } from "../services/notification.service.js";

export function notificationsRoutes(notifications: NotificationService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/notifications", { tag: "notifications", access: "user" }, deps)
    .add({
      method: "get",
      path: "/",
      summary: "My notifications, newest first",
      query: NotificationListQuerySchema,
      responses: { 200: NotificationListSchema },
      handle: ({ user, query }) => notifications.list(user.id, query),
    })
    .add({
      method: "get",
      path: "/unread-count",
      summary: "Unread count",
      responses: { 200: UnreadCountSchema },
      handle: async ({ user }) => ({ unread_count: await notifications.unreadCount(user.id) }),
    })
    .add({
      method: "post",
      path: "/read-all",
      summary: "Mark all read",
      responses: { 200: MarkAllReadResponseSchema },
      handle: async ({ user }) => ({ updated: await notifications.markAllRead(user.id) }),
    })
    .add({
      method: "post",
      path: "/:id/read",
      summary: "Mark one read",
      params: NotificationIdParamSchema,
      responses: { 200: NotificationResponseSchema, 404: "not yours" },
      handle: async ({ user, params }) => ({ notification: await notifications.markRead(user.id, params.id) }),
    });
}
