import { CheckYourEmailSchema, DataExportListSchema, type DataExportList } from "@chat3d/shared";
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const dataExportsKey = ["profile", "exports"] as const;

export function getDataExports(api: ApiClient, signal?: AbortSignal): Promise<DataExportList> {
  return api.get("/api/profile/exports", { schema: DataExportListSchema, signal });
}

export function dataExportsQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: dataExportsKey,
    queryFn: ({ signal }) => getDataExports(api, signal),
    meta: { live: true },
  });
}

export function useDataExports() {
  return useQuery(dataExportsQueryOptions(useApiClient()));
}

/** The archive's address: a plain link, so the browser downloads it with the session cookie (no token). */
export const dataExportUrl = (id: string) => `/api/profile/exports/${encodeURIComponent(id)}`;

export function useRequestDataExport() {
  const api = useApiClient();
  return useMutation({
    mutationFn: () => api.post("/api/profile/export-data/request", undefined, { schema: CheckYourEmailSchema }),
  });
}
