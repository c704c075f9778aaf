import { ChatItemSchema, QueryStatusSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { patchCachedQuery } from "./get-items";
import { cacheItems } from "./send-query";

/** Cancel a running answer, retry a failed one, or ask for another answer to the same question. */
export type QueryAction = "cancel" | "retry" | "regenerate";

const ResultSchema = z.object({ query: QueryStatusSchema, items: z.array(ChatItemSchema).optional() });

export function controlQuery(api: ApiClient, queryId: string, action: QueryAction) {
  return api.post(`/api/query/${encodeURIComponent(queryId)}/${action}`, undefined, { schema: ResultSchema });
}

export function useControlQuery(chatId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ queryId, action }: { queryId: string; itemId: string; action: QueryAction }) =>
      controlQuery(api, queryId, action),
    onSuccess: ({ query, items }, { itemId, action }) => {
      // Regenerate answers with a new answer item; cancel and retry change this one (its item event follows).
      if (items) cacheItems(queryClient, items);
      if (action !== "regenerate") patchCachedQuery(queryClient, chatId, itemId, () => query);
    },
  });
}
