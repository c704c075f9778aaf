import { CreatedShareSchema, type CreateShareRequest } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { mergeShare } from "./get-shares";

export function createShare(api: ApiClient, versionId: string, body: CreateShareRequest) {
  return api.post(`/api/chat/versions/${encodeURIComponent(versionId)}/shares`, body, {
    schema: envelope("share", CreatedShareSchema),
  });
}

export function useCreateShare(versionId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateShareRequest) => createShare(api, versionId, body),
    onSuccess: ({ share: { url: _url, ...share } }) => mergeShare(queryClient, share),
  });
}
