import { AuthResponseSchema, type AuthResponse, type LoginRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { useSessionActions } from "../components/auth-provider";

export function login(api: ApiClient, input: LoginRequest): Promise<AuthResponse> {
  return api.post("/api/auth/login", input, { schema: AuthResponseSchema });
}

export function useLogin() {
  const api = useApiClient();
  const { signedIn } = useSessionActions();
  return useMutation({
    mutationFn: (input: LoginRequest) => login(api, input),
    onSuccess: ({ user }) => signedIn(user),
  });
}
