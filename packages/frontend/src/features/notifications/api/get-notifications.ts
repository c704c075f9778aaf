import { NotificationListSchema, type NotificationList } from "@chat3d/shared";
import { infiniteQueryOptions, useInfiniteQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { notificationKeys, setCachedUnreadCount } from "@/lib/realtime/notification-cache";

export const NOTIFICATIONS_PAGE_SIZE = 20;

export function getNotifications(api: ApiClient, page: number, signal?: AbortSignal): Promise<NotificationList> {
  const query = new URLSearchParams({ page: String(page), page_size: String(NOTIFICATIONS_PAGE_SIZE) });
  return api.get(`/api/notifications?${query}`, { schema: NotificationListSchema, signal });
}

export function notificationsQueryOptions(api: ApiClient, queryClient: QueryClient) {
  return infiniteQueryOptions({
    queryKey: notificationKeys.list,
    queryFn: async ({ pageParam, signal }) => {
      const list = await getNotifications(api, pageParam, signal);
      // Each page carries the unread count; the badge takes the freshest.
      setCachedUnreadCount(queryClient, () => list.unread_count);
      return list;
    },
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.page_size < last.total ? last.page + 1 : undefined),
  });
}

export function useNotifications({ enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...notificationsQueryOptions(useApiClient(), useQueryClient()), enabled });
}
