import { useQueryClient } from "@tanstack/react-query";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { invitationsKey, mergeInvitations } from "../api/get-invitations";

/** Keeps the invitation list current as invitees confirm, register or links expire. */
export function useLiveInvitations() {
  const queryClient = useQueryClient();
  useServerEvent("invitation.updated", (invitation) => {
    mergeInvitations(queryClient, [invitation]);
    // The quota counts statuses; the server is the one that knows the new numbers.
    void queryClient.invalidateQueries({ queryKey: invitationsKey });
  });
}
