import { InvitationSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { adminInvitationsKey } from "./get-admin-invitations";

export function adminRevokeInvitation(api: ApiClient, id: string) {
  return api.delete(`/api/admin/invitations/${encodeURIComponent(id)}`, {
    schema: envelope("invitation", InvitationSchema),
  });
}

export function useAdminRevokeInvitation() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => adminRevokeInvitation(api, id),
    // Revoked or refused (404, 409: the list is stale), the pages are loaded again.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: adminInvitationsKey }),
  });
}
