import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { addCachedNotification } from "../api/get-notifications";
import { notificationsKey } from "../api/notifications-key";
import { notificationContent } from "../utils/content";

/** A new notification joins the list and the badge and pops up as a toast; one read elsewhere is read here too. */
export function useNotificationEvents() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  // Read in another tab or on another device: this tab's badge and list catch up.
  useServerEvent("notification.read", () => {
    void queryClient.invalidateQueries({ queryKey: notificationsKey });
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
