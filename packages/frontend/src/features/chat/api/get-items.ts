import { ChatItemListSchema, type ChatItem, type ChatItemList, type QueryStatus } from "@chat3d/shared";
import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";

export const ITEMS_PAGE_SIZE = 50;

export const itemsKey = (chatId: string) => ["chat", "items", chatId] as const;

export type ItemPages = InfiniteData<ChatItemList, string | undefined>;

export function getItems(
  api: ApiClient,
  chatId: string,
  before: string | undefined,
  signal?: AbortSignal,
): Promise<ChatItemList> {
  return api.get(
    `/api/chat/contexts/${encodeURIComponent(chatId)}/items${searchString({ before, limit: ITEMS_PAGE_SIZE })}`,
    { schema: ChatItemListSchema, signal },
  );
}

/** The timeline from its newest page back: each older page is fetched as a "previous" page. */
export function itemsQueryOptions(api: ApiClient, chatId: string) {
  return infiniteQueryOptions({
    queryKey: itemsKey(chatId),
    queryFn: ({ pageParam, signal }) => getItems(api, chatId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getPreviousPageParam: (first) => first.before_cursor ?? undefined,
    getNextPageParam: () => undefined,
    meta: { live: true },
  });
}

export function useItems(chatId: string) {
  return useInfiniteQuery(itemsQueryOptions(useApiClient(), chatId));
}

/**
 * A new entry goes at the end of the timeline; a changed one is replaced where it is, unless `keepCached`
 * (an answer the event stream has already been writing into is newer than the request's copy of it).
 */
export function upsertCachedItem(queryClient: QueryClient, item: ChatItem, { keepCached = false } = {}) {
  queryClient.setQueryData<ItemPages>(itemsKey(item.chat_context_id), (data) => {
    if (!data?.pages.length) return data;
    const present = data.pages.some((page) => page.items.some((entry) => entry.id === item.id));
    if (present && keepCached) return data;
    const pages = data.pages.map((page, index) => {
      if (present) return { ...page, items: page.items.map((entry) => (entry.id === item.id ? item : entry)) };
      return index === data.pages.length - 1 ? { ...page, items: [...page.items, item] } : page;
    });
    return { ...data, pages };
  });
}

export function removeCachedItem(queryClient: QueryClient, chatId: string, itemId: string) {
  queryClient.setQueryData<ItemPages>(
    itemsKey(chatId),
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({ ...page, items: page.items.filter((entry) => entry.id !== itemId) })),
      },
  );
}

/** Changes one cached entry in place; `false` when the chat's timeline is not cached or lacks it. */
export function patchCachedItem(
  queryClient: QueryClient,
  chatId: string,
  itemId: string,
  patch: (item: ChatItem) => ChatItem,
): boolean {
  let found = false;
  queryClient.setQueryData<ItemPages>(itemsKey(chatId), (data) => {
    if (!data) return data;
    const pages = data.pages.map((page) =>
      page.items.some((entry) => entry.id === itemId)
        ? {
            ...page,
            items: page.items.map((entry) => {
              if (entry.id !== itemId) return entry;
              found = true;
              return patch(entry);
            }),
          }
        : page,
    );
    return found ? { ...data, pages } : data;
  });
  return found;
}

/** The query record on an answer, changed by a stage or step event before the item itself is sent again. */
export function patchCachedQuery(
  queryClient: QueryClient,
  chatId: string,
  itemId: string,
  patch: (query: QueryStatus) => QueryStatus,
): boolean {
  return patchCachedItem(queryClient, chatId, itemId, (item) =>
    item.query ? { ...item, query: patch(item.query) } : item,
  );
}
