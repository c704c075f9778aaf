import {
  CreateInvitationsResponseSchema,
  type CreateInvitationsRequest,
  type Invitation,
  type InvitationList,
} from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { invitationsKey, mergeInvitations } from "./get-invitations";

export function createInvitations(api: ApiClient, body: CreateInvitationsRequest) {
  return api.post("/api/invitations", body, { schema: CreateInvitationsResponseSchema });
}

export function useCreateInvitations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (emails: string[]) => createInvitations(api, { emails }),
    onSuccess: ({ results, quota }) => {
      const invited = results.flatMap(({ outcome, invitation }) =>
        outcome === "invited" && invitation ? [invitation] : ([] as Invitation[]),
      );
      mergeInvitations(queryClient, invited);
      queryClient.setQueryData<InvitationList>(invitationsKey, (list) => list && { ...list, quota });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}
