import { CheckYourEmailSchema, type DeleteAccountRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function requestAccountDeletion(api: ApiClient, input: DeleteAccountRequest) {
  return api.post("/api/profile/delete-account/request", input, { schema: CheckYourEmailSchema });
}

export function useRequestAccountDeletion() {
  const api = useApiClient();
  return useMutation({ mutationFn: (input: DeleteAccountRequest) => requestAccountDeletion(api, input) });
}
