import {
  RenderCodeOutcomeSchema,
  RenderFailureDetailsSchema,
  type ChatContext,
  type RenderCodeOutcome,
  type RenderCodeRequest,
  type RenderCodeResponse,
} from "@chat3d/shared";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ApiClientError, type ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { chatKey } from "./get-chat";
import { upsertCachedItem } from "./get-items";
import { versionKey } from "./get-version";
import { addCachedVersion } from "./get-versions";

export type RenderFailure = z.infer<typeof RenderFailureDetailsSchema> & { message: string };

export function renderCode(
  api: ApiClient,
  chatId: string,
  body: RenderCodeRequest,
  signal?: AbortSignal,
): Promise<RenderCodeOutcome> {
  return api.post(`/api/chat/contexts/${encodeURIComponent(chatId)}/render`, body, {
    schema: RenderCodeOutcomeSchema,
    signal,
  });
}

/** The script's own failure (422 `render_failed`): its type, message and the line to point at. */
export function renderFailure(error: unknown): RenderFailure | null {
  if (!(error instanceof ApiClientError) || error.code !== "render_failed") return null;
  const details = RenderFailureDetailsSchema.safeParse(error.details);
  return details.success
    ? { ...details.data, message: error.message }
    : { type: "runtime", line: null, traceback: null, message: error.message };
}

/** A new version (rendered or restored) joins every cache that shows it and becomes the chat's current one. */
export function keepNewVersion(queryClient: QueryClient, { version, item }: RenderCodeResponse) {
  queryClient.setQueryData(versionKey(version.id), version);
  addCachedVersion(queryClient, version);
  upsertCachedItem(queryClient, item);
  queryClient.setQueryData<ChatContext>(
    chatKey(version.chat_context_id),
    (chat) => chat && { ...chat, current_version: version },
  );
}

/**
 * Renders code into the chat's next version (or learns that the current version already is it); `signal` drops
 * a superseded request, and the server drops it too.
 */
export function useRenderCode(chatId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, signal }: { body: RenderCodeRequest; signal?: AbortSignal }) =>
      renderCode(api, chatId, body, signal),
    onSuccess: (response) => {
      if (!("unchanged" in response)) keepNewVersion(queryClient, response);
    },
  });
}
