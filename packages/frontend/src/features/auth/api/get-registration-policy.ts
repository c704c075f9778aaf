import { RegistrationPolicySchema } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export const registrationPolicyQueryKey = ["auth", "registration"] as const;

/** Whether anyone may sign up, or only people with an invitation (the waitlist is on). */
export function getRegistrationPolicy(api: ApiClient, signal?: AbortSignal) {
  return api.get("/api/auth/registration", { schema: RegistrationPolicySchema, signal });
}

export function registrationPolicyQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: registrationPolicyQueryKey,
    queryFn: ({ signal }) => getRegistrationPolicy(api, signal),
  });
}

export function useRegistrationPolicy() {
  return useQuery(registrationPolicyQueryOptions(useApiClient()));
}
