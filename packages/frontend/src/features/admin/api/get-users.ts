import {
  AdminUserListSchema,
  type AdminUser,
  type AdminUserList,
  type UserRole,
  type UserStatus,
} from "@chat3d/shared";
import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";
import { pagedQueryOptions } from "@/lib/paged-query";

export const USERS_PAGE_SIZE = 20;

export type UsersParams = {
  query?: string;
  role?: UserRole;
  status?: UserStatus;
  page: number;
  page_size: number;
};

/** Prefix of every users page; invalidating it refreshes them all (as account events do). */
export const adminUsersKey = ["admin", "users"] as const;

/** Shows a changed account in every loaded page at once; the refetch then settles filters and counts. */
export function showChangedUser(queryClient: QueryClient, user: AdminUser) {
  queryClient.setQueriesData<AdminUserList>(
    { queryKey: adminUsersKey },
    (list) => list && { ...list, items: list.items.map((item) => (item.id === user.id ? { ...item, ...user } : item)) },
  );
  void queryClient.invalidateQueries({ queryKey: adminUsersKey });
}

export function getUsers(api: ApiClient, params: UsersParams, signal?: AbortSignal): Promise<AdminUserList> {
  return api.get(`/api/admin/users${searchString(params)}`, { schema: AdminUserListSchema, signal });
}

export function usersQueryOptions(api: ApiClient, params: UsersParams) {
  return pagedQueryOptions(adminUsersKey, params, (page, signal) => getUsers(api, page, signal), { live: true });
}

export function useUsers(params: UsersParams) {
  return useQuery(usersQueryOptions(useApiClient(), params));
}
