import { ChatItemResponseSchema, type ChatItem } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { upsertCachedItem } from "./get-items";

export const sendMessageKey = (chatId: string) => ["chat", "send", chatId] as const;

export async function sendMessage(api: ApiClient, chatId: string, text: string): Promise<ChatItem> {
  const { item } = await api.post(
    `/api/chat/contexts/${encodeURIComponent(chatId)}/items`,
    { text },
    { schema: ChatItemResponseSchema },
  );
  return item;
}

/**
 * Sends a message. While it travels (and if it fails) the timeline shows it from the mutation's own state
 * (`useMutationState` with `sendMessageKey`), so nothing fake enters the cache.
 */
export function useSendMessage(chatId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: sendMessageKey(chatId),
    mutationFn: (text: string) => sendMessage(api, chatId, text),
    onSuccess: (item) => upsertCachedItem(queryClient, item),
  });
}
