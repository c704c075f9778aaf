import { WaitlistConfirmationPreviewSchema } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { tokenHeaders } from "@/lib/link-token";

/** What confirming would do, without doing it (link scanners follow GETs, so only the POST confirms). */
export function previewConfirmation(api: ApiClient, token: string, signal?: AbortSignal) {
  return api.get("/api/waitlist/confirm-email", {
    schema: WaitlistConfirmationPreviewSchema,
    headers: tokenHeaders(token),
    signal,
  });
}

export function confirmationPreviewQueryOptions(api: ApiClient, token: string) {
  return queryOptions({
    // The token is the link's secret: it stays out of the key, and the answer goes when the page does.
    queryKey: ["waitlist", "confirmation"],
    queryFn: ({ signal }) => previewConfirmation(api, token, signal),
    gcTime: 0,
    staleTime: Infinity,
  });
}

export function useConfirmationPreview(token: string | null) {
  return useQuery({ ...confirmationPreviewQueryOptions(useApiClient(), token ?? ""), enabled: token !== null });
}
