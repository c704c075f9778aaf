import { InvitationListSchema, type Invitation, type InvitationList } from "@chat3d/shared";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const invitationsKey = ["invitations"] as const;

export function getInvitations(api: ApiClient, signal?: AbortSignal): Promise<InvitationList> {
  return api.get("/api/invitations", { schema: InvitationListSchema, signal });
}

export function invitationsQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: invitationsKey,
    queryFn: ({ signal }) => getInvitations(api, signal),
    meta: { live: true },
  });
}

export function useInvitations() {
  return useQuery(invitationsQueryOptions(useApiClient()));
}

/** Puts changed invitations into the cached list at once (new ones first); the quota follows on refetch. */
export function mergeInvitations(queryClient: QueryClient, changed: readonly Invitation[]) {
  queryClient.setQueryData<InvitationList>(invitationsKey, (list) => {
    if (!list) return list;
    const byId = new Map(changed.map((invitation) => [invitation.id, invitation]));
    const items = list.items.map((item) => byId.get(item.id) ?? item);
    const known = new Set(list.items.map((item) => item.id));
    const added = changed.filter((invitation) => !known.has(invitation.id));
    return { ...list, items: [...added, ...items] };
  });
}
