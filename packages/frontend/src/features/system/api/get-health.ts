import { HealthSchema, type Health } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function getHealth(api: ApiClient, signal?: AbortSignal): Promise<Health> {
  return api.get("/api/health", { schema: HealthSchema, signal });
}

export function healthQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: ["system", "health"],
    queryFn: ({ signal }) => getHealth(api, signal),
  });
}

export function useHealth() {
  return useQuery(healthQueryOptions(useApiClient()));
}
