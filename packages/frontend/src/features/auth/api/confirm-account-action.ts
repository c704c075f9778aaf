import { AccountActionPreviewSchema, type AccountActionType, type ConfirmAccountActionRequest } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { useSessionActions } from "../components/auth-provider";
import { meQueryKey } from "./get-me";

export function confirmAccountAction(api: ApiClient, input: ConfirmAccountActionRequest) {
  return api.post("/api/profile/actions/confirm", input, { schema: envelope("action", AccountActionPreviewSchema) });
}

/** The actions after which no session of the account is left, this browser's included. */
const ENDS_EVERY_SESSION: ReadonlySet<AccountActionType> = new Set([
  "password_reset",
  "email_change_revert",
  "account_delete",
]);

export function useConfirmAccountAction() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { signedOut } = useSessionActions();
  return useMutation({
    mutationFn: (input: ConfirmAccountActionRequest) => confirmAccountAction(api, input),
    onSuccess: ({ action }) => {
      if (ENDS_EVERY_SESSION.has(action.action_type)) signedOut();
      // A new address, a reactivated account: whoever is signed in here sees it at once.
      else void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
