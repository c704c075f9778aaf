import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type * as React from "react";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { createApiClient, type ApiClient } from "@/lib/api-client";
import { ApiClientProvider } from "@/lib/api-client-provider";
import { createQueryClient } from "@/lib/react-query";
import { ThemeProvider } from "@/lib/theme";

type AppProviderProps = {
  children: React.ReactNode;
  /** Tests pass a client aimed at their own server; the app talks to its own origin. */
  apiClient?: ApiClient;
  queryClient?: QueryClient;
};

export function AppProvider({ children, apiClient, queryClient }: AppProviderProps) {
  const [api] = useState(() => apiClient ?? createApiClient());
  const [queries] = useState(() => queryClient ?? createQueryClient());

  return (
    <ThemeProvider>
      <QueryClientProvider client={queries}>
        <ApiClientProvider client={api}>
          <TooltipProvider>
            {children}
            <Toaster />
          </TooltipProvider>
        </ApiClientProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
