import { VersionListSchema, type VersionSummary } from "@chat3d/shared";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const versionsKey = (chatId: string) => ["chat", "versions", chatId] as const;

export async function getVersions(api: ApiClient, chatId: string, signal?: AbortSignal): Promise<VersionSummary[]> {
  const { items } = await api.get(`/api/chat/contexts/${encodeURIComponent(chatId)}/versions`, {
    schema: VersionListSchema,
    signal,
  });
  return items;
}

export function versionsQueryOptions(api: ApiClient, chatId: string) {
  return queryOptions({
    queryKey: versionsKey(chatId),
    queryFn: ({ signal }) => getVersions(api, chatId, signal),
    meta: { live: true },
  });
}

/** The chat's versions, newest first. */
export function useVersions(chatId: string) {
  return useQuery(versionsQueryOptions(useApiClient(), chatId));
}

export function addCachedVersion(queryClient: QueryClient, version: VersionSummary) {
  queryClient.setQueryData<VersionSummary[]>(versionsKey(version.chat_context_id), (list) =>
    list && !list.some((v) => v.id === version.id) ? [version, ...list].sort((a, b) => b.number - a.number) : list,
  );
}
