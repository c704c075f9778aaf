import { z } from "zod";
import { DECIMAL_ID_PATTERN } from "./stream.js";
import { PageQuerySchema, paginated } from "./pagination.js";

export const NotificationSchema = z.object({
  id: z.string(),
  event_type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  read_at: z.string().nullable(),
  created_at: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = PageQuerySchema.extend({
  unread_only: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});
export const NotificationListSchema = paginated(NotificationSchema).extend({ unread_count: z.number().int() });
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const UnreadCountSchema = z.object({ unread_count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

/** `POST /api/notifications/:id/read`. */
export const NotificationResponseSchema = z.object({ notification: NotificationSchema });
/** `POST /api/notifications/read-all`: how many were unread. */
export const MarkAllReadResponseSchema = z.object({ updated: z.number().int() });

export const NotificationIdParamSchema = z.object({
  id: z.string().regex(DECIMAL_ID_PATTERN, "Not a valid notification id."),
});

/** What every notification payload carries for display; a `link` is an in-app path. */
export const NotificationContentSchema = z.object({
  title: z.string(),
  body: z.string().optional(),
  link: z.string().startsWith("/").optional(),
});
export type NotificationContent = z.infer<typeof NotificationContentSchema>;
