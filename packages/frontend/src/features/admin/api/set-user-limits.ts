import { AdminUserSchema, type AdminUser, type UserLimitsPatch } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { auditLogKey } from "./get-audit-log";
import { showChangedUser } from "./get-users";

export function setUserLimits(api: ApiClient, userId: string, limits: UserLimitsPatch): Promise<{ user: AdminUser }> {
  return api.patch(`/api/admin/users/${encodeURIComponent(userId)}/limits`, limits, {
    schema: envelope("user", AdminUserSchema),
  });
}

export function useSetUserLimits() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, limits }: { userId: string; limits: UserLimitsPatch }) => setUserLimits(api, userId, limits),
    onSuccess: ({ user }) => {
      showChangedUser(queryClient, user);
      void queryClient.invalidateQueries({ queryKey: auditLogKey });
    },
  });
}
