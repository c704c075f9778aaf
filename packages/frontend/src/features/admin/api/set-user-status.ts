import { AdminUserSchema, type AdminUser } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { auditLogKey } from "./get-audit-log";
import { showChangedUser } from "./get-users";

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
      showChangedUser(queryClient, user);
      void queryClient.invalidateQueries({ queryKey: auditLogKey });
    },
  });
}
