import { UnreadCountSchema, type UnreadCount } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { notificationKeys } from "@/lib/realtime/notification-cache";

export function getUnreadCount(api: ApiClient, signal?: AbortSignal): Promise<UnreadCount> {
  return api.get("/api/notifications/unread-count", { schema: UnreadCountSchema, signal });
}

export function unreadCountQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) => getUnreadCount(api, signal),
  });
}

export function useUnreadCount() {
  return useQuery(unreadCountQueryOptions(useApiClient()));
}
