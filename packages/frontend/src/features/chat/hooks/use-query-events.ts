import { useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { itemsKey, patchCachedItem, patchCachedQuery } from "../api/get-items";

/**
 * Follows the AI's answers as they are written: the stage and tool steps onto the answer's query record, and
 * the streamed text onto the answer. Deltas are ordered; one that does not continue the text seen so far
 * means some were missed (this tab connected late), so the stored answer is fetched instead. A stage event
 * carries the query's totals, so the terminal one is the final record: nothing is fetched after it.
 */
export function useQueryEvents() {
  const queryClient = useQueryClient();
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

  useServerEvent("chat.query.state", (event) => {
    const { chat_context_id: chatId, item_id: itemId, state } = event;
    patchCachedQuery(queryClient, chatId, itemId, (query) => ({
      ...query,
      state,
      error: event.message,
      version_id: event.version_id,
      usage: event.usage,
      cost_usd: event.cost_usd,
      finished_at: event.finished_at,
    }));
    if (state !== "conversation" && outOfStep.current.delete(itemId)) {
      // The conversation's text is stored once it ends: now the server has all of it.
      void queryClient.invalidateQueries({ queryKey: itemsKey(chatId) });
    }
  });

  useServerEvent("chat.query.step", ({ chat_context_id: chatId, item_id: itemId, step }) => {
    patchCachedQuery(queryClient, chatId, itemId, (query) =>
      query.steps.some((s) => s.number === step.number) ? query : { ...query, steps: [...query.steps, step] },
    );
  });
}
