import { NotificationListSchema, type Notification, type NotificationList } from "@chat3d/shared";
import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { getCachedUnreadCount, setCachedUnreadCount, unreadCountKey } from "./get-unread-count";
import { notificationsKey } from "./notifications-key";

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const notificationListKey = [...notificationsKey, "list"] as const;

export type NotificationPages = InfiniteData<NotificationList, number>;

export function getNotifications(api: ApiClient, page: number, signal?: AbortSignal): Promise<NotificationList> {
  const query = new URLSearchParams({ page: String(page), page_size: String(NOTIFICATIONS_PAGE_SIZE) });
  return api.get(`/api/notifications?${query}`, { schema: NotificationListSchema, signal });
}

export function notificationsQueryOptions(api: ApiClient, queryClient: QueryClient) {
  return infiniteQueryOptions({
    queryKey: notificationListKey,
    queryFn: async ({ pageParam, signal }) => {
      const list = await getNotifications(api, pageParam, signal);
      // Each page carries the unread count; the badge takes the freshest.
      setCachedUnreadCount(queryClient, () => list.unread_count);
      return list;
    },
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.page_size < last.total ? last.page + 1 : undefined),
    meta: { live: true },
  });
}

export function useNotifications({ enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...notificationsQueryOptions(useApiClient(), useQueryClient()), enabled });
}

/** Rewrites every cached notification through `update` (marking read, for one or all). */
export function updateCachedNotifications(
  queryClient: QueryClient,
  update: (notification: Notification) => Notification,
) {
  queryClient.setQueryData<NotificationPages>(
    notificationListKey,
    (data) => data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(update) })) },
  );
}

/** Puts a notification pushed by the server at the top of the list and counts it as unread. */
export function addCachedNotification(queryClient: QueryClient, notification: Notification) {
  const list = queryClient.getQueryData<NotificationPages>(notificationListKey);
  // A replay after a reconnect can repeat one the list already holds.
  if (list?.pages.some((page) => page.items.some((item) => item.id === notification.id))) return;
  const unread = notification.read_at === null ? 1 : 0;

  queryClient.setQueryData<NotificationPages>(notificationListKey, (data) =>
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
    void queryClient.invalidateQueries({ queryKey: unreadCountKey });
  }
}
