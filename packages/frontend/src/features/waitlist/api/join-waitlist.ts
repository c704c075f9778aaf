import { WaitlistJoinResponseSchema, type WaitlistJoinRequest } from "@chat3d/shared";
import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";

export function joinWaitlist(api: ApiClient, body: WaitlistJoinRequest) {
  return api.post("/api/waitlist/join", body, { schema: WaitlistJoinResponseSchema });
}

export function useJoinWaitlist() {
  const api = useApiClient();
  return useMutation({ mutationFn: (body: WaitlistJoinRequest) => joinWaitlist(api, body) });
}
