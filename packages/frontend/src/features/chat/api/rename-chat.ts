import { ChatContextResponseSchema, type ChatContext } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { chatKey } from "./get-chat";
import { upsertCachedChat } from "./get-chats";

export async function renameChat(api: ApiClient, id: string, name: string): Promise<ChatContext> {
  const { context } = await api.patch(
    `/api/chat/contexts/${encodeURIComponent(id)}`,
    { name },
    { schema: ChatContextResponseSchema },
  );
  return context;
}

export function useRenameChat() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameChat(api, id, name),
    onSuccess: (chat) => {
      queryClient.setQueryData(chatKey(chat.id), chat);
      upsertCachedChat(queryClient, chat);
    },
  });
}
