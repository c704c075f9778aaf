import { VersionResponseSchema, type Version } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const versionKey = (id: string) => ["chat", "version", id] as const;

export async function getVersion(api: ApiClient, id: string, signal?: AbortSignal): Promise<Version> {
  const { version } = await api.get(`/api/chat/versions/${encodeURIComponent(id)}`, {
    schema: VersionResponseSchema,
    signal,
  });
  return version;
}

/** A version never changes once made, so what was fetched stays good for as long as the tab lives. */
export function versionQueryOptions(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: versionKey(id),
    queryFn: ({ signal }) => getVersion(api, id, signal),
    staleTime: Infinity,
  });
}

export function useVersion(id: string | undefined) {
  const api = useApiClient();
  return useQuery({ ...versionQueryOptions(api, id ?? ""), enabled: Boolean(id) });
}
