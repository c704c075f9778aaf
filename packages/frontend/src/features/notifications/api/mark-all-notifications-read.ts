import { MarkAllReadResponseSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { markReadOptimistically } from "./mark-read-optimistically";

export async function markAllNotificationsRead(api: ApiClient): Promise<number> {
  const { updated } = await api.post("/api/notifications/read-all", undefined, { schema: MarkAllReadResponseSchema });
  return updated;
}

export function useMarkAllNotificationsRead() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markAllNotificationsRead(api),
    onMutate: () => markReadOptimistically(queryClient, "all"),
    onError: (error, _variables, undo) => {
      undo?.();
      toast.error("Couldn't mark notifications as read", { description: error.message });
    },
  });
}
