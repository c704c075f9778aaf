import {
  AccessTokenListSchema,
  AccessTokenResponseSchema,
  CreatedAccessTokenSchema,
  type AccessToken,
  type CreateAccessTokenRequest,
} from "@chat3d/shared";
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

/** Mine, or (for an admin) another person's: the same list under two paths. */
const base = (userId?: string) =>
  userId ? `/api/admin/users/${encodeURIComponent(userId)}/tokens` : "/api/profile/tokens";
export const accessTokensKey = (userId?: string) => ["access-tokens", userId ?? "mine"] as const;

export function accessTokensQueryOptions(api: ApiClient, userId?: string) {
  return queryOptions({
    queryKey: accessTokensKey(userId),
    queryFn: ({ signal }) => api.get(base(userId), { schema: AccessTokenListSchema, signal }),
  });
}

export function useAccessTokens(userId?: string) {
  return useQuery(accessTokensQueryOptions(useApiClient(), userId));
}

function merge(queryClient: QueryClient, token: AccessToken, userId?: string) {
  queryClient.setQueryData(accessTokensKey(userId), (list: { tokens: AccessToken[] } | undefined) => {
    if (!list) return list;
    const known = list.tokens.some((t) => t.id === token.id);
    return { tokens: known ? list.tokens.map((t) => (t.id === token.id ? token : t)) : [token, ...list.tokens] };
  });
}

export function useCreateAccessToken() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAccessTokenRequest) =>
      api.post("/api/profile/tokens", body, { schema: CreatedAccessTokenSchema }),
    onSuccess: ({ token }) => merge(queryClient, token),
  });
}

export function useRevokeAccessToken(userId?: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.delete(`${base(userId)}/${encodeURIComponent(id)}`, { schema: AccessTokenResponseSchema }),
    onSuccess: ({ token }) => merge(queryClient, token, userId),
    onError: () => void queryClient.invalidateQueries({ queryKey: accessTokensKey(userId) }),
  });
}
