import { MeResponseSchema, type UpdateProfileRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function updateProfile(api: ApiClient, input: UpdateProfileRequest) {
  return api.patch("/api/profile", input, { schema: MeResponseSchema });
}

export function useUpdateProfile() {
  const api = useApiClient();
  return useMutation({ mutationFn: (input: UpdateProfileRequest) => updateProfile(api, input) });
}
