import { TERMINAL_QUERY_STATES } from "@chat3d/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { useApiClient } from "@/lib/api-client-provider";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { chatKey } from "../api/get-chat";
import { itemsKey, patchCachedItem, patchCachedQuery } from "../api/get-items";
import { getQuery } from "../api/get-query";

/**
 * Follows the AI's answers as they are written: the stage and tool steps onto the answer's query record, and
 * the streamed text onto the answer. Deltas are ordered; one that does not continue the text seen so far
 * means some were missed (this tab connected late), so the stored answer is fetched instead.
 */
export function useQueryEvents() {
  const queryClient = useQueryClient();
  const api = useApiClient();
  // Answers whose stream this tab joined part-way: their text comes from the server once it is stored.
  const outOfStep = useRef(new Set<string>());

  useServerEvent("chat.answer.delta", ({ chat_context_id: chatId, item_id: itemId, delta, length }) => {
    if (outOfStep.current.has(itemId)) return;
    let missed = false;
    patchCachedItem(queryClient, chatId, itemId, (item) => {
      if (item.type !== "message") return item;
      if (item.text.length + delta.length === length) return { ...item, text: item.text + delta };
      // Already there: the stored text arrived with the item before this delta did.
      if (item.text.length >= length) return item;
      missed = true;
      return item;
    });
    if (missed) {
      outOfStep.current.add(itemId);
      void queryClient.invalidateQueries({ queryKey: itemsKey(chatId) });
    }
  });

  useServerEvent("chat.query.state", ({ chat_context_id: chatId, item_id: itemId, query_id: queryId, state }) => {
    patchCachedQuery(queryClient, chatId, itemId, (query) => ({ ...query, state }));
    if (state !== "conversation" && outOfStep.current.delete(itemId)) {
      // The conversation's text is stored once it ends: now the server has all of it.
      void queryClient.invalidateQueries({ queryKey: itemsKey(chatId) });
    }
    if (TERMINAL_QUERY_STATES.includes(state)) {
      // The final record (finish time, tokens, cost) and the chat's totals.
      void getQuery(api, queryId)
        .then((query) => patchCachedQuery(queryClient, chatId, itemId, () => query))
        .catch(() => queryClient.invalidateQueries({ queryKey: itemsKey(chatId) }));
      void queryClient.invalidateQueries({ queryKey: chatKey(chatId) });
    }
  });

  useServerEvent("chat.query.step", ({ chat_context_id: chatId, item_id: itemId, step }) => {
    patchCachedQuery(queryClient, chatId, itemId, (query) =>
      query.steps.some((s) => s.number === step.number) ? query : { ...query, steps: [...query.steps, step] },
    );
  });
}
