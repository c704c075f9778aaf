import type { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProvider } from "@/app/provider";
import { routes } from "@/app/router";
import { createApiClient } from "@/lib/api-client";
import type { RealtimeOptions } from "@/lib/realtime/realtime-provider";

type RenderAppOptions = {
  path?: string;
  apiUrl?: string;
  /** A client the test can seed (who is signed in) and inspect. */
  queryClient?: QueryClient;
  /** The event stream's EventSource and back-off; its URL defaults to `apiUrl`'s stream. */
  realtime?: RealtimeOptions;
};

/** Renders the whole app at a path, talking to the API at `apiUrl` (a test server). */
export function renderApp({ path = "/", apiUrl = "http://127.0.0.1:9", queryClient, realtime }: RenderAppOptions = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return {
    router,
    ...render(
      <AppProvider
        apiClient={createApiClient({ baseUrl: apiUrl })}
        queryClient={queryClient}
        realtime={realtime && { url: `${apiUrl}/api/events/stream`, ...realtime }}
      >
        <RouterProvider router={router} />
      </AppProvider>,
    ),
  };
}
