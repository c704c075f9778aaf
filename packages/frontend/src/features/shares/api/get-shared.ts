import { SharedVersionResponseSchema, type SharedVersion } from "@chat3d/shared";
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { tokenHeaders } from "@/lib/link-token";

/** The secret stays in memory and in the header: the key holds only a marker that it is present. */
export const sharedKey = (token: string) => ["shared", token] as const;

export async function getShared(api: ApiClient, token: string, signal?: AbortSignal): Promise<SharedVersion> {
  return (await api.get("/api/shared", { schema: SharedVersionResponseSchema, headers: tokenHeaders(token), signal }))
    .shared;
}

export function useShared(token: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: sharedKey(token ?? ""),
    enabled: Boolean(token),
    queryFn: ({ signal }) => getShared(api, token!, signal),
    retry: (count, error) => count < 2 && !("status" in error && error.status === 404),
  });
}

/** Fetches one file of the shared version, its secret in the header (never in the file's URL). */
export function useSharedFileLoader(token: string) {
  const api = useApiClient();
  return useCallback(
    async (fileId: string) => {
      const res = await fetch(api.url(`/api/shared/files/${encodeURIComponent(fileId)}`), {
        headers: tokenHeaders(token),
        credentials: "omit",
      });
      if (!res.ok) throw new Error(res.status === 404 ? "This link no longer opens this file." : `HTTP ${res.status}`);
      return res.arrayBuffer();
    },
    [api, token],
  );
}
