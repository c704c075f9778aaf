import { AppSettingsSchema, type AppSettings } from "@chat3d/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";

/** `{ settings }`; the admin events write here when another admin changes them. */
export const adminSettingsKey = ["admin", "settings"] as const;

export function getSettings(api: ApiClient, signal?: AbortSignal): Promise<{ settings: AppSettings }> {
  return api.get("/api/admin/settings", { schema: envelope("settings", AppSettingsSchema), signal });
}

export function settingsQueryOptions(api: ApiClient) {
  return queryOptions({
    queryKey: adminSettingsKey,
    queryFn: ({ signal }) => getSettings(api, signal),
    meta: { live: true },
  });
}

export function useSettings() {
  return useQuery(settingsQueryOptions(useApiClient()));
}
