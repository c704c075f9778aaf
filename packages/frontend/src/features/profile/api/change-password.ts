import { RevokedSessionsSchema, type ChangePasswordRequest } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { sessionsKey } from "./sessions";

export function changePassword(api: ApiClient, input: ChangePasswordRequest) {
  return api.post("/api/profile/password", input, { schema: RevokedSessionsSchema });
}

export function useChangePassword() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordRequest) => changePassword(api, input),
    // Every other device was signed out.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
