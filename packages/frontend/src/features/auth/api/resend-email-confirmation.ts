import { CheckYourEmailSchema } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function resendEmailConfirmation(api: ApiClient) {
  return api.post("/api/auth/confirm-email/resend", undefined, { schema: CheckYourEmailSchema });
}

export function useResendEmailConfirmation() {
  const api = useApiClient();
  return useMutation({ mutationFn: () => resendEmailConfirmation(api) });
}
