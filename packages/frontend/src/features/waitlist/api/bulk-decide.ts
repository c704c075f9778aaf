import { WaitlistBulkResponseSchema } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import type { Decision } from "./decide-entry";
import { updateCachedEntries } from "./get-admin-waitlist";

export function bulkDecide(api: ApiClient, action: Decision, ids: string[]) {
  return api.post("/api/admin/waitlist/bulk", { action, ids }, { schema: WaitlistBulkResponseSchema });
}

export function useBulkDecide() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ids }: { action: Decision; ids: string[] }) => bulkDecide(api, action, ids),
    onSuccess: ({ results }) =>
      updateCachedEntries(
        queryClient,
        results.flatMap((result) => (result.entry ? [result.entry] : [])),
      ),
  });
}
