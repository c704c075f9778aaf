import { AdminInvitationListSchema, type InvitationStatus } from "@chat3d/shared";
import { useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";
import { pagedQueryOptions } from "@/lib/paged-query";

export const ADMIN_INVITATIONS_PAGE_SIZE = 20;

export type AdminInvitationsParams = { status?: InvitationStatus; query?: string; page: number; page_size: number };

/** Prefix of every admin invitations page. */
export const adminInvitationsKey = ["admin", "invitations"] as const;

export function getAdminInvitations(api: ApiClient, params: AdminInvitationsParams, signal?: AbortSignal) {
  return api.get(`/api/admin/invitations${searchString(params)}`, { schema: AdminInvitationListSchema, signal });
}

export function useAdminInvitations(params: AdminInvitationsParams) {
  const api = useApiClient();
  return useQuery(
    pagedQueryOptions(adminInvitationsKey, params, (page, signal) => getAdminInvitations(api, page, signal)),
  );
}
