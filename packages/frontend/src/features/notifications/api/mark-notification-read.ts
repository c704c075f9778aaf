import { NotificationResponseSchema, type Notification } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { updateCachedNotifications } from "./get-notifications";
import { markReadOptimistically } from "./mark-read-optimistically";

export async function markNotificationRead(api: ApiClient, id: string): Promise<Notification> {
  const { notification } = await api.post(`/api/notifications/${encodeURIComponent(id)}/read`, undefined, {
    schema: NotificationResponseSchema,
  });
  return notification;
}

export function useMarkNotificationRead() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markNotificationRead(api, id),
    onMutate: (id) => markReadOptimistically(queryClient, { id }),
    onSuccess: (saved) => updateCachedNotifications(queryClient, (n) => (n.id === saved.id ? saved : n)),
    onError: (error, _id, undo) => {
      undo?.();
      toast.error("Couldn't mark the notification as read", { description: error.message });
    },
  });
}
