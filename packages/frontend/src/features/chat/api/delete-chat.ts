import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { chatKey } from "./get-chat";
import { removeCachedChat } from "./get-chats";

export function deleteChat(api: ApiClient, id: string): Promise<unknown> {
  return api.delete(`/api/chat/contexts/${encodeURIComponent(id)}`);
}

export function useDeleteChat() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteChat(api, id),
    onSuccess: (_data, id) => {
      removeCachedChat(queryClient, id);
      queryClient.removeQueries({ queryKey: chatKey(id) });
    },
  });
}
