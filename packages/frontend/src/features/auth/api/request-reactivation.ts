import { CheckYourEmailSchema, type ReactivateRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

/** The same answer for every address: only an account waiting to be deleted gets a link. */
export function requestReactivation(api: ApiClient, input: ReactivateRequest) {
  return api.post("/api/profile/reactivate/request", input, { schema: CheckYourEmailSchema });
}

export function useRequestReactivation() {
  const api = useApiClient();
  return useMutation({ mutationFn: (input: ReactivateRequest) => requestReactivation(api, input) });
}
