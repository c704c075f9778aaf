import { InvitationSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { invitationsKey, mergeInvitations } from "./get-invitations";

export function revokeInvitation(api: ApiClient, id: string) {
  return api.delete(`/api/invitations/${encodeURIComponent(id)}`, { schema: envelope("invitation", InvitationSchema) });
}

export function useRevokeInvitation() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeInvitation(api, id),
    onSuccess: ({ invitation }) => mergeInvitations(queryClient, [invitation]),
    // A revoked invitation gives its slot back; a refused one (404, 409) means the list is stale.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}
