import type { AppSettings, User } from "@chat3d/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { useCurrentUserId } from "./current-user";
import { addCachedNotification, notificationContent, notificationKeys } from "./notification-cache";
import { adminSettingsKey, adminUsersKey, authMeKey } from "./query-keys";
import { useServerEvent } from "./use-server-event";

/**
 * What each server event does to the cache, in one place. Mounted once, inside the router, so a toast can
 * link into the app.
 */
export function useEventEffects() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const userId = useCurrentUserId();

  useServerEvent("admin.settings.updated", (settings) => {
    queryClient.setQueryData<{ settings: AppSettings }>(adminSettingsKey, { settings });
  });

  useServerEvent("account.status.changed", (change) => {
    void queryClient.invalidateQueries({ queryKey: adminUsersKey });
    if (change.user_id !== userId) return;
    if (change.status === "active") {
      // A role change applies to what this person may see right away.
      void queryClient.invalidateQueries({ queryKey: authMeKey });
      return;
    }
    // The server has already ended every session of this account. Asking it first lets the auth feature see
    // the session end as such (and say so); the user is cleared either way, which also closes the stream.
    void queryClient
      .refetchQueries({ queryKey: authMeKey })
      .finally(() => queryClient.setQueryData<User | null>(authMeKey, null));
    toast.error("Your account was deactivated", {
      id: "account-deactivated",
      description: "Ask your administrator if you think this is a mistake.",
    });
  });

  // Read in another tab or on another device: this tab's badge and list catch up.
  useServerEvent("notification.read", () => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  });

  useServerEvent("notification.created", (notification) => {
    addCachedNotification(queryClient, notification);
    const { title, body, link } = notificationContent(notification);
    toast(title, {
      id: `notification-${notification.id}`,
      description: body,
      // Longer than a plain toast: there is something to read, and maybe to open.
      duration: 8_000,
      action: link ? { label: "View", onClick: () => void navigate(link) } : undefined,
    });
  });
}
