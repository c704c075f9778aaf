import { createContext, use } from "react";
import type * as React from "react";
import type { ApiClient } from "@/lib/api-client";

const ApiClientContext = createContext<ApiClient | null>(null);

/** Hands the API client to features, so tests can point a whole route at a server of their own. */
export function ApiClientProvider({ client, children }: { client: ApiClient; children: React.ReactNode }) {
  return <ApiClientContext value={client}>{children}</ApiClientContext>;
}

export function useApiClient(): ApiClient {
  const client = use(ApiClientContext);
  if (!client) throw new Error("useApiClient must be used inside <ApiClientProvider>");
  return client;
}
