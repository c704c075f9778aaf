import { ChatItemResponseSchema, type ChatItem, type FaceReference } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { upsertCachedItem } from "./get-items";

export const sendMessageKey = (chatId: string) => ["chat", "send", chatId] as const;

/** A message on its way: its text, and the faces picked in the viewer that it talks about. */
export type MessageDraft = { text: string; faces?: FaceReference[] };

export async function sendMessage(api: ApiClient, chatId: string, { text, faces }: MessageDraft): Promise<ChatItem> {
  const { item } = await api.post(
    `/api/chat/contexts/${encodeURIComponent(chatId)}/items`,
    { text, ...(faces?.length && { faces }) },
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
    mutationFn: (draft: MessageDraft) => sendMessage(api, chatId, draft),
    onSuccess: (item) => upsertCachedItem(queryClient, item),
  });
}
