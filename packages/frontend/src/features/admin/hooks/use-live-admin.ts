import type { AppSettings } from "@chat3d/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { adminSettingsKey } from "../api/get-settings";
import { adminUsersKey } from "../api/get-users";

/** Keeps the admin's caches current while another admin changes settings or accounts. */
export function useLiveAdmin() {
  const queryClient = useQueryClient();

  useServerEvent("admin.settings.updated", (settings) => {
    queryClient.setQueryData<{ settings: AppSettings }>(adminSettingsKey, { settings });
  });

  useServerEvent("account.status.changed", () => {
    void queryClient.invalidateQueries({ queryKey: adminUsersKey });
  });
}
