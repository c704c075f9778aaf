import { FileResponseSchema, type StoredFile } from "@chat3d/shared";
import type { ApiClient } from "@/lib/api-client";

/** Uploads one file to the person's storage (`POST /api/files`), reporting the share sent so far (0…1). */
export async function uploadFile(
  api: ApiClient,
  file: File,
  { onProgress, signal }: { onProgress?: (share: number) => void; signal?: AbortSignal } = {},
): Promise<StoredFile> {
  const body = new FormData();
  body.append("file", file, file.name);
  const { file: stored } = await api.post("/api/files", body, {
    schema: FileResponseSchema,
    signal,
    onUploadProgress: (sent, total) => onProgress?.(total > 0 ? sent / total : 0),
  });
  return stored;
}

export function deleteUpload(api: ApiClient, fileId: string): Promise<unknown> {
  return api.delete(`/api/files/${encodeURIComponent(fileId)}`);
}
