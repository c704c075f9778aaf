import { QueryClient } from "@tanstack/react-query";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: {
      /** Kept fresh by server events: refetched whenever the event stream may have missed some. */
      live?: boolean;
    };
  }
}
import { ApiClientError } from "@/lib/api-client";

const MAX_RETRIES = 1;

function shouldRetry(failureCount: number, error: unknown) {
  // A 4xx will not change on retry; one retry absorbs a dropped connection or a restart.
  if (error instanceof ApiClientError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A second view mounting the same data within half a minute reuses it instead of refetching.
        staleTime: 30_000,
        retry: shouldRetry,
      },
      mutations: {
        retry: false,
      },
    },
  });
}
