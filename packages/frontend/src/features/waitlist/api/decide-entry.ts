import { WaitlistEntrySchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { updateCachedEntries } from "./get-admin-waitlist";

export type Decision = "approve" | "reject";

export function decideEntry(api: ApiClient, id: string, decision: Decision) {
  return api.patch(`/api/admin/waitlist/${encodeURIComponent(id)}/${decision}`, undefined, {
    schema: envelope("entry", WaitlistEntrySchema),
  });
}

export function useDecideEntry() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: Decision }) => decideEntry(api, id, decision),
    onSuccess: ({ entry }) => updateCachedEntries(queryClient, [entry]),
  });
}
