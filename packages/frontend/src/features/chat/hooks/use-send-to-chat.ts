import type { ChatContext, FaceReference, LlmModelList, MessageAttachment } from "@chat3d/shared";
import { modelsFor, useModels } from "../api/get-models";
import { useSendMessage } from "../api/send-message";
import { useSendQuery } from "../api/send-query";
import type { ModelChoice } from "../components/model-picker";

function currentChoice(list: LlmModelList, chat: ChatContext | undefined): ModelChoice {
  return {
    conversation: modelsFor(list, "conversation", chat?.conversation_model_id ?? null).selected,
    codegen: modelsFor(list, "codegen", chat?.codegen_model_id ?? null).selected,
  };
}

/**
 * Sends text to a chat the way the composer does: a question for the AI when a language model is configured
 * (with the chat's model choice), a note otherwise. The composer and "Fix with AI" both send through it.
 */
export function useSendToChat(chatId: string, chat: ChatContext | undefined) {
  const models = useModels();
  const sendMessage = useSendMessage(chatId);
  const sendQuery = useSendQuery(chatId);
  const list = models.data;
  const ai = list && list.models.length > 0 ? list : null;
  const choice = ai ? currentChoice(ai, chat) : null;

  const send = (text: string, extras: { attachments?: MessageAttachment[]; faces?: FaceReference[] } = {}) => {
    const faces = extras.faces ?? [];
    if (!ai) return sendMessage.mutate({ text, faces });
    sendQuery.mutate({
      text,
      attachments: extras.attachments ?? [],
      faces,
      conversationModelId: choice?.conversation?.id,
      codegenModelId: choice?.codegen?.id,
    });
  };

  return { models, list, ai, choice, send };
}
