import { ShareListSchema, type Share, type ShareList } from "@chat3d/shared";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const sharesKey = ["shares"] as const;

export function getShares(api: ApiClient, signal?: AbortSignal): Promise<ShareList> {
  return api.get("/api/shares", { schema: ShareListSchema, signal });
}

export function sharesQueryOptions(api: ApiClient) {
  return queryOptions({ queryKey: sharesKey, queryFn: ({ signal }) => getShares(api, signal), meta: { live: true } });
}

export function useShares() {
  return useQuery(sharesQueryOptions(useApiClient()));
}

/** Puts a new or changed share into the cached list at once (new ones first). */
export function mergeShare(queryClient: QueryClient, share: Share) {
  queryClient.setQueryData<ShareList>(sharesKey, (list) => {
    if (!list) return list;
    const known = list.items.some((item) => item.id === share.id);
    return {
      items: known ? list.items.map((item) => (item.id === share.id ? share : item)) : [share, ...list.items],
    };
  });
}
