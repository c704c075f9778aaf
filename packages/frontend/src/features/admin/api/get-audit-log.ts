import { AuditLogListSchema, type AuditLogList } from "@chat3d/shared";
import { useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";
import { pagedQueryOptions } from "@/lib/paged-query";

export const AUDIT_PAGE_SIZE = 20;

export type AuditLogParams = { action?: string; page: number; page_size: number };

export const auditLogKey = ["admin", "audit-log"] as const;

export function getAuditLog(api: ApiClient, params: AuditLogParams, signal?: AbortSignal): Promise<AuditLogList> {
  return api.get(`/api/admin/audit-log${searchString(params)}`, { schema: AuditLogListSchema, signal });
}

export function auditLogQueryOptions(api: ApiClient, params: AuditLogParams) {
  return pagedQueryOptions(auditLogKey, params, (page, signal) => getAuditLog(api, page, signal));
}

export function useAuditLog(params: AuditLogParams) {
  return useQuery(auditLogQueryOptions(useApiClient(), params));
}
