import {
  AdminWaitlistListSchema,
  type AdminWaitlistList,
  type WaitlistEntry,
  type WaitlistStatus,
} from "@chat3d/shared";
import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";
import { pagedQueryOptions } from "@/lib/paged-query";

export const ADMIN_WAITLIST_PAGE_SIZE = 20;

export type AdminWaitlistParams = { status?: WaitlistStatus; query?: string; page: number; page_size: number };

/** Prefix of every admin waitlist page. */
export const adminWaitlistKey = ["admin", "waitlist"] as const;

export function getAdminWaitlist(api: ApiClient, params: AdminWaitlistParams, signal?: AbortSignal) {
  return api.get(`/api/admin/waitlist${searchString(params)}`, { schema: AdminWaitlistListSchema, signal });
}

export function adminWaitlistQueryOptions(api: ApiClient, params: AdminWaitlistParams) {
  return pagedQueryOptions(adminWaitlistKey, params, (page, signal) => getAdminWaitlist(api, page, signal), {
    live: true,
  });
}

export function useAdminWaitlist(params: AdminWaitlistParams) {
  return useQuery(adminWaitlistQueryOptions(useApiClient(), params));
}

/**
 * Shows changed entries where they are listed, without refetching: a row that no longer matches the filter
 * stays put (with its new status) until the list is next loaded, so nothing moves under the admin's pointer.
 * Returns whether every entry was on a cached page.
 */
export function updateCachedEntries(queryClient: QueryClient, entries: readonly WaitlistEntry[]): boolean {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const found = new Set<string>();
  queryClient.setQueriesData<AdminWaitlistList>({ queryKey: adminWaitlistKey }, (list) => {
    if (!list) return list;
    return {
      ...list,
      items: list.items.map((item) => {
        const entry = byId.get(item.id);
        if (!entry) return item;
        found.add(item.id);
        return entry;
      }),
    };
  });
  // Counts and filters are settled the next time a page loads.
  void queryClient.invalidateQueries({ queryKey: adminWaitlistKey, refetchType: "none" });
  return found.size === byId.size;
}
