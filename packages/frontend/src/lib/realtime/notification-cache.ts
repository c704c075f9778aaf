import {
  NotificationContentSchema,
  type Notification,
  type NotificationContent,
  type NotificationList,
  type UnreadCount,
} from "@chat3d/shared";
import type { InfiniteData, QueryClient } from "@tanstack/react-query";

/**
 * The notifications caches, shared by the notifications feature (which fetches them) and the event stream
 * (which keeps them fresh), so both agree on their keys and shapes.
 */
export const notificationKeys = {
  all: ["notifications"] as const,
  list: ["notifications", "list"] as const,
  unreadCount: ["notifications", "unread-count"] as const,
};

export type NotificationPages = InfiniteData<NotificationList, number>;

export function getCachedNotifications(queryClient: QueryClient) {
  return queryClient.getQueryData<NotificationPages>(notificationKeys.list);
}

export function getCachedUnreadCount(queryClient: QueryClient) {
  return queryClient.getQueryData<UnreadCount>(notificationKeys.unreadCount);
}

export function setCachedUnreadCount(queryClient: QueryClient, update: (count: number) => number) {
  queryClient.setQueryData<UnreadCount>(notificationKeys.unreadCount, (data) =>
    data ? { unread_count: Math.max(0, update(data.unread_count)) } : data,
  );
}

/** Rewrites every cached notification through `update` (marking read, for one or all). */
export function updateCachedNotifications(
  queryClient: QueryClient,
  update: (notification: Notification) => Notification,
) {
  queryClient.setQueryData<NotificationPages>(
    notificationKeys.list,
    (data) => data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(update) })) },
  );
}

/** Puts a notification pushed by the server at the top of the list and counts it as unread. */
export function addCachedNotification(queryClient: QueryClient, notification: Notification) {
  const list = getCachedNotifications(queryClient);
  // A replay after a reconnect can repeat one the list already holds.
  if (list?.pages.some((page) => page.items.some((item) => item.id === notification.id))) return;
  const unread = notification.read_at === null ? 1 : 0;

  queryClient.setQueryData<NotificationPages>(notificationKeys.list, (data) =>
    data?.pages.length
      ? {
          ...data,
          pages: data.pages.map((page, index) => ({
            ...page,
            items: index === 0 ? [notification, ...page.items] : page.items,
            total: page.total + 1,
          })),
        }
      : data,
  );
  if (getCachedUnreadCount(queryClient)) {
    setCachedUnreadCount(queryClient, (count) => count + unread);
  } else {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount });
  }
}

/** What to show for a notification; a payload without a title (from a newer server, say) still reads sensibly. */
export function notificationContent(notification: Notification): NotificationContent {
  const content = NotificationContentSchema.safeParse(notification.payload);
  if (content.success) return content.data;
  const title = notification.payload.title;
  return { title: typeof title === "string" && title ? title : "New notification" };
}
