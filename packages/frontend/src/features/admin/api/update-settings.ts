import { AppSettingsSchema, type AppSettings, type AppSettingsPatch } from "@chat3d/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { envelope } from "@/lib/api-params";
import { auditLogKey } from "./get-audit-log";
import { adminSettingsKey } from "./get-settings";

type SettingsData = { settings: AppSettings };

export function updateSettings(api: ApiClient, patch: AppSettingsPatch): Promise<SettingsData> {
  return api.patch("/api/admin/settings", patch, { schema: envelope("settings", AppSettingsSchema) });
}

/**
 * Saves one change at a time, showing it at once; a refused change puts back only the fields it touched,
 * so another change still in flight keeps its own value.
 */
export function useUpdateSettings() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AppSettingsPatch) => updateSettings(api, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: adminSettingsKey });
      const before = queryClient.getQueryData<SettingsData>(adminSettingsKey)?.settings;
      queryClient.setQueryData<SettingsData>(adminSettingsKey, (data) =>
        data ? { settings: { ...data.settings, ...patch } } : data,
      );
      return { before };
    },
    onError: (_error, patch, context) => {
      const before = context?.before;
      if (!before) return;
      const restored = Object.fromEntries(
        Object.keys(patch).map((key) => [key, before[key as keyof AppSettingsPatch]]),
      );
      queryClient.setQueryData<SettingsData>(adminSettingsKey, (data) =>
        data ? { settings: { ...data.settings, ...restored } } : data,
      );
    },
    onSuccess: (data) => {
      queryClient.setQueryData(adminSettingsKey, data);
      void queryClient.invalidateQueries({ queryKey: auditLogKey });
    },
  });
}
