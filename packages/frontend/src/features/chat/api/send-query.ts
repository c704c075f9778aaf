import {
  ChatItemSchema,
  QueryStatusSchema,
  type ChatItem,
  type CreateQueryRequest,
  type FaceReference,
  type MessageAttachment,
} from "@chat3d/shared";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { upsertCachedItem } from "./get-items";
import { sendMessageKey } from "./send-message";

const AcceptedSchema = z.object({ query: QueryStatusSchema, items: z.array(ChatItemSchema) });

/** A question as the composer hands it over; the attachments are already uploaded. */
export type Question = {
  text: string;
  attachments: MessageAttachment[];
  faces: FaceReference[];
  conversationModelId?: string;
  codegenModelId?: string;
};

/** A question for the AI, as opposed to a note: only a question carries pictures. */
export const isQuestion = (sent: { text: string }): sent is Question => "attachments" in sent;

export async function sendQuery(api: ApiClient, chatId: string, question: Question) {
  const body: CreateQueryRequest = {
    chat_context_id: chatId,
    query: question.text,
    conversation_model_id: question.conversationModelId,
    codegen_model_id: question.codegenModelId,
    ...(question.attachments.length && { attachments: question.attachments.map((a) => a.file_id) }),
    ...(question.faces.length && { faces: question.faces }),
  };
  return api.post("/api/query", body, { schema: AcceptedSchema });
}

/** The items a query request answered with; copies the event stream already brought (and extended) win. */
export function cacheItems(queryClient: QueryClient, items: ChatItem[]) {
  for (const item of items) upsertCachedItem(queryClient, item, { keepCached: true });
}

/**
 * Asks the AI. The question travels like a plain message (the timeline shows it from the mutation's state under
 * `sendMessageKey`, with retry if it is refused); once accepted, the question and its pending answer enter the
 * cache and the answer streams in over the event stream.
 */
export function useSendQuery(chatId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: sendMessageKey(chatId),
    mutationFn: (question: Question) => sendQuery(api, chatId, question),
    onSuccess: ({ items }) => cacheItems(queryClient, items),
  });
}
