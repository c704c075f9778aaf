import { CheckYourEmailSchema, type EmailChangeRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function requestEmailChange(api: ApiClient, input: EmailChangeRequest) {
  return api.post("/api/profile/change-email/request", input, { schema: CheckYourEmailSchema });
}

export function useRequestEmailChange() {
  const api = useApiClient();
  return useMutation({ mutationFn: (input: EmailChangeRequest) => requestEmailChange(api, input) });
}
