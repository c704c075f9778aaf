import { AdminUserSchema, type AdminUser, type AdminUserList } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { auditLogKey } from "./get-audit-log";
import { adminUsersKey } from "./get-users";

export type StatusAction = "activate" | "deactivate";

export function setUserStatus(api: ApiClient, userId: string, action: StatusAction): Promise<{ user: AdminUser }> {
  return api.patch(`/api/admin/users/${encodeURIComponent(userId)}/${action}`, undefined, {
    schema: envelope("user", AdminUserSchema),
  });
}

export function useSetUserStatus() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, action }: { userId: string; action: StatusAction }) => setUserStatus(api, userId, action),
    onSuccess: ({ user }) => {
      // The row changes at once; the refetch then settles filters and counts the change may affect.
      queryClient.setQueriesData<AdminUserList>(
        { queryKey: adminUsersKey },
        (list) => list && { ...list, items: list.items.map((item) => (item.id === user.id ? user : item)) },
      );
      void queryClient.invalidateQueries({ queryKey: adminUsersKey });
      void queryClient.invalidateQueries({ queryKey: auditLogKey });
    },
  });
}
