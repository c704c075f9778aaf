import { AccountActionPreviewSchema } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { tokenHeaders } from "@/lib/link-token";

/** What an account email link will do, without doing it (link scanners follow GETs, so only the POST acts). */
export function getAccountAction(api: ApiClient, token: string, signal?: AbortSignal) {
  return api.get("/api/profile/actions/confirm", {
    schema: AccountActionPreviewSchema,
    headers: tokenHeaders(token),
    signal,
  });
}

export function accountActionQueryOptions(api: ApiClient, token: string) {
  return queryOptions({
    // The token is the link's secret: it stays out of the key, and the answer goes when the page does.
    queryKey: ["auth", "account-action"],
    queryFn: ({ signal }) => getAccountAction(api, token, signal),
    gcTime: 0,
    staleTime: Infinity,
  });
}

export function useAccountAction(token: string | null) {
  return useQuery({ ...accountActionQueryOptions(useApiClient(), token ?? ""), enabled: token !== null });
}
