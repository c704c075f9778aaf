import { useQueryClient } from "@tanstack/react-query";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { chatKey } from "../api/get-chat";
import { removeCachedChat, upsertCachedChat } from "../api/get-chats";
import { itemsKey, removeCachedItem, upsertCachedItem } from "../api/get-items";
import { addCachedVersion, versionsKey } from "../api/get-versions";
import { useQueryEvents } from "./use-query-events";

/** Keeps every open chat current while another tab or the AI pipeline changes it. */
export function useChatEvents() {
  const queryClient = useQueryClient();

  useServerEvent("chat.context.updated", ({ context }) => {
    queryClient.setQueryData(chatKey(context.id), context);
    upsertCachedChat(queryClient, context);
  });

  useServerEvent("chat.context.deleted", ({ chat_context_id: id }) => {
    removeCachedChat(queryClient, id);
    // The open chat learns it is gone (its query answers 404 now) instead of showing what no longer exists.
    void queryClient.resetQueries({ queryKey: chatKey(id) });
    queryClient.removeQueries({ queryKey: itemsKey(id) });
    queryClient.removeQueries({ queryKey: versionsKey(id) });
  });

  useServerEvent("chat.item.updated", ({ chat_context_id: chatId, item_id: itemId, item }) => {
    if (item) upsertCachedItem(queryClient, item);
    else removeCachedItem(queryClient, chatId, itemId);
  });

  useServerEvent("chat.version.created", ({ version }) => addCachedVersion(queryClient, version));

  useQueryEvents();
}
