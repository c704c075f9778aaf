import { ChatContextResponseSchema, type ChatContext } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { chatKey } from "./get-chat";
import { upsertCachedChat } from "./get-chats";

export async function createChat(api: ApiClient, name?: string): Promise<ChatContext> {
  const { context } = await api.post("/api/chat/contexts", name ? { name } : {}, { schema: ChatContextResponseSchema });
  return context;
}

export function useCreateChat() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name?: string) => createChat(api, name),
    onSuccess: (chat) => {
      queryClient.setQueryData(chatKey(chat.id), chat);
      upsertCachedChat(queryClient, chat);
    },
  });
}
