import { ReadinessSchema, type Readiness } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function getReadiness(api: ApiClient, signal?: AbortSignal): Promise<Readiness> {
  // 503 carries the same report with status "not_ready"; it is an answer, not a failure.
  return api.get("/api/ready", { schema: ReadinessSchema, acceptStatus: [503], signal });
}

export function readinessQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: ["system", "readiness"],
    queryFn: ({ signal }) => getReadiness(api, signal),
  });
}

export function useReadiness() {
  return useQuery(readinessQueryOptions(useApiClient()));
}
