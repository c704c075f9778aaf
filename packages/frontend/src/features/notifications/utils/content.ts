import { NotificationContentSchema, type Notification, type NotificationContent } from "@chat3d/shared";

/** What to show for a notification; a payload without a title (from a newer server, say) still reads sensibly. */
export function notificationContent(notification: Notification): NotificationContent {
  const content = NotificationContentSchema.safeParse(notification.payload);
  if (content.success) return content.data;
  const title = notification.payload.title;
  return { title: typeof title === "string" && title ? title : "New notification" };
}
