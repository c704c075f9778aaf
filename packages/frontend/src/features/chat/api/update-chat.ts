import { ChatContextResponseSchema, type ChatContext, type UpdateChatContextRequestSchema } from "@chat3d/shared";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { chatKey } from "./get-chat";
import { upsertCachedChat } from "./get-chats";

export type ChatPatch = z.input<typeof UpdateChatContextRequestSchema>;

export async function updateChat(api: ApiClient, id: string, patch: ChatPatch): Promise<ChatContext> {
  const { context } = await api.patch(`/api/chat/contexts/${encodeURIComponent(id)}`, patch, {
    schema: ChatContextResponseSchema,
  });
  return context;
}

export function cacheChat(queryClient: QueryClient, chat: ChatContext) {
  queryClient.setQueryData(chatKey(chat.id), chat);
  upsertCachedChat(queryClient, chat);
}

/** Stores the chat's model choice, which its next questions use. */
export function useChooseModels(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Pick<ChatPatch, "conversation_model_id" | "codegen_model_id">) => updateChat(api, id, patch),
    onSuccess: (chat) => cacheChat(queryClient, chat),
  });
}
