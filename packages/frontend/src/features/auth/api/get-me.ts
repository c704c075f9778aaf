import { MeResponseSchema, type User } from "@chat3d/shared";
import { queryOptions } from "@tanstack/react-query";
import { ApiClientError, type ApiClient } from "@/lib/api-client";

/** `User | null`: the API client, the session events and the forms all write here. */
export const meQueryKey = ["auth", "me"] as const;

/** The signed-in user, or null when nobody is (the client has already tried to refresh the session). */
export async function getMe(api: ApiClient, signal?: AbortSignal): Promise<User | null> {
  try {
    const { user } = await api.get("/api/auth/me", { schema: MeResponseSchema, signal });
    return user;
  } catch (error) {
    if (error instanceof ApiClientError && error.status === 401) return null;
    throw error;
  }
}

export function meQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(api, signal),
    // Coming back to the tab re-asks, so a session ended elsewhere (logout, deactivation) shows at once.
    refetchOnWindowFocus: "always",
    meta: { live: true },
  });
}
