import { WaitlistEntrySchema } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";

export function confirmEmail(api: ApiClient, token: string) {
  return api.post("/api/waitlist/confirm-email", { token }, { schema: envelope("entry", WaitlistEntrySchema) });
}

export function useConfirmEmail() {
  const api = useApiClient();
  return useMutation({ mutationFn: (token: string) => confirmEmail(api, token) });
}
