import { UnreadCountSchema, type UnreadCount } from "@chat3d/shared";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { notificationsKey } from "./notifications-key";

export const unreadCountKey = [...notificationsKey, "unread-count"] as const;

export function getUnreadCount(api: ApiClient, signal?: AbortSignal): Promise<UnreadCount> {
  return api.get("/api/notifications/unread-count", { schema: UnreadCountSchema, signal });
}

export function unreadCountQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: unreadCountKey,
    queryFn: ({ signal }) => getUnreadCount(api, signal),
    meta: { live: true },
  });
}

export function useUnreadCount() {
  return useQuery(unreadCountQueryOptions(useApiClient()));
}

export function getCachedUnreadCount(queryClient: QueryClient) {
  return queryClient.getQueryData<UnreadCount>(unreadCountKey);
}

export function setCachedUnreadCount(queryClient: QueryClient, update: (count: number) => number) {
  queryClient.setQueryData<UnreadCount>(unreadCountKey, (data) =>
    data ? { unread_count: Math.max(0, update(data.unread_count)) } : data,
  );
}
