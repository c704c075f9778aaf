import { LlmModelListSchema, type LlmModel, type LlmModelList, type ModelRole } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const modelsKey = ["llm", "models"] as const;

export function getModels(api: ApiClient, signal?: AbortSignal): Promise<LlmModelList> {
  return api.get("/api/llm/models", { schema: LlmModelListSchema, signal });
}

export function modelsQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: modelsKey,
    queryFn: ({ signal }) => getModels(api, signal),
    // What the operator configured changes rarely; Ollama's list is refreshed when the tab comes back.
    staleTime: 5 * 60_000,
  });
}

export function useModels() {
  return useQuery(modelsQueryOptions(useApiClient()));
}

/** The models that can play `role`, and the one a chat uses: its own choice while usable, else the default. */
export function modelsFor(
  list: LlmModelList,
  role: ModelRole,
  chosen: string | null,
): {
  options: LlmModel[];
  selected: LlmModel | undefined;
} {
  const options = list.models.filter((m) => m.roles.includes(role));
  const selected = options.find((m) => m.id === chosen) ?? options.find((m) => m.id === list.defaults[role]);
  return { options, selected };
}
