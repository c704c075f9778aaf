import { AuthResponseSchema, type AuthResponse, type RegisterRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { useSessionActions } from "../components/auth-provider";

export function register(api: ApiClient, input: RegisterRequest): Promise<AuthResponse> {
  return api.post("/api/auth/register", input, { schema: AuthResponseSchema });
}

export function useRegister() {
  const api = useApiClient();
  const { signedIn } = useSessionActions();
  return useMutation({
    mutationFn: (input: RegisterRequest) => register(api, input),
    onSuccess: ({ user }) => signedIn(user),
  });
}
