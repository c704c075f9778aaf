import { RevokedSessionsSchema, SessionListSchema, type SessionList } from "@chat3d/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const sessionsKey = ["profile", "sessions"] as const;

export function getSessions(api: ApiClient, signal?: AbortSignal): Promise<SessionList> {
  return api.get("/api/profile/sessions", { schema: SessionListSchema, signal });
}

export function sessionsQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => getSessions(api, signal),
    meta: { live: true },
  });
}

export function useSessions() {
  return useQuery(sessionsQueryOptions(useApiClient()));
}

export function useRevokeSession() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/profile/sessions/${encodeURIComponent(id)}`),
    onSuccess: (_answer, id) =>
      queryClient.setQueryData<SessionList>(sessionsKey, (list) =>
        list ? { items: list.items.filter((s) => s.id !== id) } : list,
      ),
  });
}

export function useRevokeOtherSessions() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/api/profile/sessions/revoke-others", undefined, { schema: RevokedSessionsSchema }),
    onSuccess: () =>
      queryClient.setQueryData<SessionList>(sessionsKey, (list) =>
        list ? { items: list.items.filter((s) => s.current) } : list,
      ),
  });
}
