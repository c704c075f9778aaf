import { useQueryClient } from "@tanstack/react-query";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { dataExportsKey } from "../api/data-exports";
import { sessionsKey } from "../api/sessions";

/** Keeps the sessions and exports lists current: a device signed out elsewhere, an archive that is ready. */
export function useProfileEvents() {
  const queryClient = useQueryClient();
  useServerEvent("session.ended", () => void queryClient.invalidateQueries({ queryKey: sessionsKey }));
  useServerEvent("notification.created", (notification) => {
    if (notification.event_type === "account.data_export_ready") {
      void queryClient.invalidateQueries({ queryKey: dataExportsKey });
    }
  });
}
