import { ChatItemResponseSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { upsertCachedItem } from "./get-items";

/** Thumbs down, thumbs up, or no rating. */
export type Rating = -1 | 1 | null;

export async function rateItem(api: ApiClient, itemId: string, rating: Rating) {
  const { item } = await api.patch(
    `/api/chat/items/${encodeURIComponent(itemId)}`,
    { rating },
    { schema: ChatItemResponseSchema },
  );
  return item;
}

/** Thumbs up or down on an answer; pressing the same thumb again takes the rating back. */
export function useRateItem() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, rating }: { itemId: string; rating: Rating }) => rateItem(api, itemId, rating),
    onSuccess: (item) => upsertCachedItem(queryClient, item),
  });
}
