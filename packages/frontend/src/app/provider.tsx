import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type * as React from "react";
import { meQueryKey } from "@/features/auth/api/get-me";
import { AuthProvider } from "@/features/auth/components/auth-provider";
import { createApiClient, type ApiClient } from "@/lib/api-client";
import { ApiClientProvider } from "@/lib/api-client-provider";
import { createQueryClient } from "@/lib/react-query";
import { RealtimeProvider, type RealtimeOptions } from "@/lib/realtime/realtime-provider";
import { ThemeProvider } from "@/lib/theme";

type AppProviderProps = {
  children: React.ReactNode;
  /** Tests pass a client aimed at their own server; the app talks to its own origin. */
  apiClient?: ApiClient;
  queryClient?: QueryClient;
  /** Tests aim the event stream at their own server and bring an EventSource (jsdom has none). */
  realtime?: RealtimeOptions;
};

export function AppProvider({ children, apiClient, queryClient, realtime }: AppProviderProps) {
  const [api] = useState(() => apiClient ?? createApiClient());
  const [queries] = useState(() => queryClient ?? createQueryClient());

  return (
    <ThemeProvider>
      <QueryClientProvider client={queries}>
        <ApiClientProvider client={api}>
          <RealtimeProvider
            {...realtime}
            // A 401 looks like any other failure to an EventSource; asking who is signed in tells them apart.
            onConnectionLost={() => void queries.refetchQueries({ queryKey: meQueryKey })}
          >
            <AuthProvider>{children}</AuthProvider>
          </RealtimeProvider>
        </ApiClientProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
