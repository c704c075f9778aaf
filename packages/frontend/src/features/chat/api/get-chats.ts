import { ChatContextListSchema, type ChatContext, type ChatContextList } from "@chat3d/shared";
import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";

export const CHATS_PAGE_SIZE = 30;

export const chatsKey = ["chat", "contexts"] as const;

export type ChatPages = InfiniteData<ChatContextList, string | undefined>;

export function getChats(
  api: ApiClient,
  params: { query?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<ChatContextList> {
  const search = searchString({ query: params.query, cursor: params.cursor, limit: params.limit ?? CHATS_PAGE_SIZE });
  return api.get(`/api/chat/contexts${search}`, { schema: ChatContextListSchema, signal });
}

export function chatsQueryOptions(api: ApiClient, query = "") {
  return infiniteQueryOptions({
    queryKey: [...chatsKey, { query }],
    queryFn: ({ pageParam, signal }) => getChats(api, { query: query || undefined, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    meta: { live: true },
  });
}

/** The person's chats, most recent activity first, filtered by name; more pages on request. */
export function useChats(query = "") {
  return useInfiniteQuery(chatsQueryOptions(useApiClient(), query));
}

/** Splits `items` back into pages of the sizes the pages had, the last one taking what is left over. */
function repage(data: ChatPages, items: ChatContext[]): ChatPages {
  let at = 0;
  const pages = data.pages.map((page, index) => {
    const size = index === data.pages.length - 1 ? items.length - at : Math.min(page.items.length, items.length - at);
    const slice = items.slice(at, at + size);
    at += size;
    return { ...page, items: slice };
  });
  return { ...data, pages };
}

/**
 * Puts a created, renamed or active chat where it belongs in every cached list, most recent activity first.
 * A search list only updates the chats it holds: the server decides what matches.
 */
export function upsertCachedChat(queryClient: QueryClient, chat: ChatContext) {
  for (const [key, data] of queryClient.getQueriesData<ChatPages>({ queryKey: chatsKey })) {
    if (!data) continue;
    const filtered = Boolean((key[2] as { query?: string } | undefined)?.query);
    const all = data.pages.flatMap((page) => page.items);
    const present = all.some((item) => item.id === chat.id);
    if (filtered && !present) continue;
    const rest = all.filter((item) => item.id !== chat.id);
    let at = rest.findIndex((item) => item.last_activity_at < chat.last_activity_at);
    if (at === -1) {
      // It sorts past the loaded pages: the next page brings it.
      if (data.pages.at(-1)?.next_cursor) {
        if (present) queryClient.setQueryData<ChatPages>(key, repage(data, rest));
        continue;
      }
      at = rest.length;
    }
    queryClient.setQueryData<ChatPages>(key, repage(data, [...rest.slice(0, at), chat, ...rest.slice(at)]));
  }
}

export function removeCachedChat(queryClient: QueryClient, id: string) {
  queryClient.setQueriesData<ChatPages>(
    { queryKey: chatsKey },
    (data) =>
      data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((c) => c.id !== id) })) },
  );
}
