import { useApiClient } from "@/lib/api-client-provider";

/** Where the browser fetches one of the person's files itself (a preview image, a download). */
export function useFileUrl(): (fileId: string) => string {
  const api = useApiClient();
  return (fileId) => api.url(`/api/files/${encodeURIComponent(fileId)}`);
}
