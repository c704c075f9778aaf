import { useMutation } from "@tanstack/react-query";
import { ApiClientError, type ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { useSessionActions } from "../components/auth-provider";

export async function logout(api: ApiClient): Promise<void> {
  try {
    await api.post("/api/auth/logout");
  } catch (error) {
    // Already signed out on the server: the outcome the person asked for.
    if (!(error instanceof ApiClientError && error.status === 401)) throw error;
  }
}

export function useLogout() {
  const api = useApiClient();
  const { signedOut } = useSessionActions();
  return useMutation({
    mutationFn: () => logout(api),
    onSuccess: signedOut,
  });
}
