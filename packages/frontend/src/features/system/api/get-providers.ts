import { ProviderStatusListSchema, type ProviderStatusList } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function getProviders(api: ApiClient, signal?: AbortSignal): Promise<ProviderStatusList> {
  return api.get("/api/admin/status/providers", { schema: ProviderStatusListSchema, signal });
}

export function providersQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: ["system", "providers"],
    queryFn: ({ signal }) => getProviders(api, signal),
  });
}

/** Each configured AI provider: whether the server reaches it, and the models it offers. */
export function useProviders() {
  return useQuery(providersQueryOptions(useApiClient()));
}
