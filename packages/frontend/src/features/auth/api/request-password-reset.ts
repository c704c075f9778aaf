import { PasswordResetRequestedSchema, type PasswordResetRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function requestPasswordReset(api: ApiClient, input: PasswordResetRequest) {
  return api.post("/api/profile/reset-password/request", input, { schema: PasswordResetRequestedSchema });
}

export function useRequestPasswordReset() {
  const api = useApiClient();
  return useMutation({ mutationFn: (input: PasswordResetRequest) => requestPasswordReset(api, input) });
}
