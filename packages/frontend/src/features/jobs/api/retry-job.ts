import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiClientError, type ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { failedJobsKey } from "./get-failed-jobs";

export function retryJob(api: ApiClient, id: string): Promise<void> {
  return api.post(`/api/admin/jobs/${encodeURIComponent(id)}/retry`);
}

export function useRetryJob() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => retryJob(api, id),
    // A retried job leaves the list on its next load; the row says "Queued" until then, so nothing jumps.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: failedJobsKey, refetchType: "none" }),
    onError: (error) => {
      // Someone else retried it, or it was cleaned up: the list is out of date.
      if (error instanceof ApiClientError && error.status === 404) {
        void queryClient.invalidateQueries({ queryKey: failedJobsKey });
      }
    },
  });
}
