import { AuthResponseSchema, RegistrationAcceptedSchema, type RegisterRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { useSessionActions } from "../components/auth-provider";

/** With an invitation: signed in at once. Open sign-up: "check your email", whether or not the address is new. */
const RegisterResponseSchema = z.union([AuthResponseSchema, RegistrationAcceptedSchema]);
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>;

export function register(api: ApiClient, input: RegisterRequest): Promise<RegisterResponse> {
  return api.post("/api/auth/register", input, { schema: RegisterResponseSchema });
}

export function useRegister() {
  const api = useApiClient();
  const { signedIn } = useSessionActions();
  return useMutation({
    mutationFn: (input: RegisterRequest) => register(api, input),
    onSuccess: (result) => {
      if ("user" in result) signedIn(result.user);
    },
  });
}
