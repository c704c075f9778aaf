import { ChatItemListSchema, type ChatItem, type ChatItemList } from "@chat3d/shared";
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

/** A new entry goes at the end of the timeline; a changed one is replaced where it is. */
export function upsertCachedItem(queryClient: QueryClient, item: ChatItem) {
  queryClient.setQueryData<ItemPages>(itemsKey(item.chat_context_id), (data) => {
    if (!data?.pages.length) return data;
    const present = data.pages.some((page) => page.items.some((entry) => entry.id === item.id));
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
