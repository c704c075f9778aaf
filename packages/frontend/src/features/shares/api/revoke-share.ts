import { ShareSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { mergeShare, sharesKey } from "./get-shares";

export function revokeShare(api: ApiClient, id: string) {
  return api.delete(`/api/shares/${encodeURIComponent(id)}`, { schema: envelope("share", ShareSchema) });
}

export function useRevokeShare() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeShare(api, id),
    onSuccess: ({ share }) => mergeShare(queryClient, share),
    onError: () => void queryClient.invalidateQueries({ queryKey: sharesKey }),
  });
}
