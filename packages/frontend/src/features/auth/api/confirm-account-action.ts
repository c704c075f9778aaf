import { AccountActionPreviewSchema, type ConfirmAccountActionRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { useSessionActions } from "../components/auth-provider";

export function confirmAccountAction(api: ApiClient, input: ConfirmAccountActionRequest) {
  return api.post("/api/profile/actions/confirm", input, { schema: envelope("action", AccountActionPreviewSchema) });
}

export function useConfirmAccountAction() {
  const api = useApiClient();
  const { signedOut } = useSessionActions();
  return useMutation({
    mutationFn: (input: ConfirmAccountActionRequest) => confirmAccountAction(api, input),
    // A password reset ends every session of the account, this browser's too.
    onSuccess: signedOut,
  });
}
