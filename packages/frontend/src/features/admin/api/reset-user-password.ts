import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { auditLogKey } from "./get-audit-log";

/** Queues the reset email; the server answers 202 once the job is in. */
export async function resetUserPassword(api: ApiClient, userId: string): Promise<void> {
  await api.post(`/api/admin/users/${encodeURIComponent(userId)}/reset-password`);
}

export function useResetUserPassword() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => resetUserPassword(api, userId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: auditLogKey }),
  });
}
