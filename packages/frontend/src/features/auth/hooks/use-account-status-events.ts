import type { User } from "@chat3d/shared";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { meQueryKey } from "../api/get-me";

/** What a change to the signed-in person's own account means for this tab: a new role, or the end. */
export function useAccountStatusEvents(userId: string) {
  const queryClient = useQueryClient();

  useServerEvent("account.status.changed", (change) => {
    if (change.user_id !== userId) return;
    if (change.status === "active") {
      // A role change applies to what this person may see right away.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      return;
    }
    // The server has already ended every session of this account. Asking it first lets the auth feature see
    // the session end as such (and say so); the user is cleared either way, which also closes the stream.
    void queryClient
      .refetchQueries({ queryKey: meQueryKey })
      .finally(() => queryClient.setQueryData<User | null>(meQueryKey, null));
    toast.error("Your account was deactivated", {
      id: "account-deactivated",
      description: "Ask your administrator if you think this is a mistake.",
    });
  });
}
