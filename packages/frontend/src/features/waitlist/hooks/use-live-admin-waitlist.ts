import { useQueryClient } from "@tanstack/react-query";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { adminWaitlistKey, updateCachedEntries } from "../api/get-admin-waitlist";

/** Keeps the admin's waitlist current: changed rows update in place, and new requests appear. */
export function useLiveAdminWaitlist() {
  const queryClient = useQueryClient();
  useServerEvent("waitlist.entry.updated", (entry) => {
    if (!updateCachedEntries(queryClient, [entry])) {
      void queryClient.invalidateQueries({ queryKey: adminWaitlistKey });
    }
  });
}
