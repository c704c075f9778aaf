import { ChatContextResponseSchema, type ChatContext } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const chatKey = (id: string) => ["chat", "context", id] as const;

export async function getChat(api: ApiClient, id: string, signal?: AbortSignal): Promise<ChatContext> {
  const { context } = await api.get(`/api/chat/contexts/${encodeURIComponent(id)}`, {
    schema: ChatContextResponseSchema,
    signal,
  });
  return context;
}

export function chatQueryOptions(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: chatKey(id),
    queryFn: ({ signal }) => getChat(api, id, signal),
    meta: { live: true },
  });
}

export function useChat(id: string) {
  return useQuery(chatQueryOptions(useApiClient(), id));
}
