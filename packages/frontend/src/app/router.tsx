import { useState } from "react";
import { createBrowserRouter, RouterProvider, type RouteObject } from "react-router";
import { AppRoot } from "./routes/app-root";
import { NotFoundRoute } from "./routes/not-found";
import { RouteError } from "./routes/route-error";
import { StatusRoute } from "./routes/status";

export const routes: RouteObject[] = [
  {
    element: <AppRoot />,
    errorElement: <RouteError />,
    children: [
      {
        // Errors below the layout render inside it, so the top bar stays usable.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <StatusRoute /> },
          // Auth, chat, admin and profile join here as lazy routes
          // (`lazy: () => import("./routes/chat")`) so their code stays out of the first load.
          { path: "*", element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
