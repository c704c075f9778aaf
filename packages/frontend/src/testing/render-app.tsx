import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProvider } from "@/app/provider";
import { routes } from "@/app/router";
import { createApiClient } from "@/lib/api-client";

/** Renders the whole app at a path, talking to the API at `apiUrl` (a test server). */
export function renderApp({ path = "/", apiUrl = "http://127.0.0.1:9" }: { path?: string; apiUrl?: string } = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <AppProvider apiClient={createApiClient({ baseUrl: apiUrl })}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
}
