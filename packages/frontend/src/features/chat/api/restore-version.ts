import { RenderCodeResponseSchema, type RenderCodeResponse } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { keepNewVersion } from "./render-code";

export function restoreVersion(api: ApiClient, chatId: string, versionId: string): Promise<RenderCodeResponse> {
  return api.post(
    `/api/chat/contexts/${encodeURIComponent(chatId)}/versions/${encodeURIComponent(versionId)}/restore`,
    undefined,
    { schema: RenderCodeResponseSchema },
  );
}

/** Brings an old version back as a new one; the old one stays as it was. */
export function useRestoreVersion(chatId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) => restoreVersion(api, chatId, versionId),
    onSuccess: (response) => keepNewVersion(queryClient, response),
  });
}
