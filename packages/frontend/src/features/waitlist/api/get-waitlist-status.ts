import { WaitlistStatusResponseSchema } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { tokenHeaders } from "@/lib/link-token";

export const waitlistStatusKey = ["waitlist", "status"] as const;

/** The entry a confirmation link belongs to; without a token, the same generic answer for everyone. */
export function getWaitlistStatus(api: ApiClient, token: string | null, signal?: AbortSignal) {
  return api.get("/api/waitlist/status", {
    schema: WaitlistStatusResponseSchema,
    headers: token ? tokenHeaders(token) : undefined,
    signal,
  });
}

export function waitlistStatusQueryOptions(api: ApiClient, token: string | null) {
  return queryOptions({
    // One page holds one token for its lifetime; the answer is not kept once the page goes.
    queryKey: waitlistStatusKey,
    queryFn: ({ signal }) => getWaitlistStatus(api, token, signal),
    gcTime: 0,
  });
}

export function useWaitlistStatus(token: string | null, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...waitlistStatusQueryOptions(useApiClient(), token), enabled });
}
