import { useState } from "react";
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from "react-router";
import { AppRoot } from "./routes/app-root";
import { NotFoundRoute } from "./routes/not-found";
import { RouteError } from "./routes/route-error";

export const routes: RouteObject[] = [
  {
    element: <AppRoot />,
    errorElement: <RouteError />,
    children: [
      {
        // Errors below the layout render inside it, so the top bar stays usable.
        errorElement: <RouteError />,
        // Opening a lazy page first thing: the top bar shows while its code loads.
        hydrateFallbackElement: <div aria-busy="true" className="flex-1" />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import("./routes/home")).HomeRoute }) },
          {
            path: "chat",
            children: [
              { index: true, lazy: async () => ({ Component: (await import("./routes/chat")).ChatIndexRoute }) },
              { path: ":chatId", lazy: async () => ({ Component: (await import("./routes/chat")).ChatRoute }) },
              {
                path: ":chatId/versions/:versionId",
                lazy: async () => ({ Component: (await import("./routes/chat")).ChatRoute }),
              },
              {
                path: ":chatId/compare",
                lazy: async () => ({ Component: (await import("./routes/chat-compare")).ChatCompareRoute }),
              },
            ],
          },
          { path: "login", lazy: async () => ({ Component: (await import("./routes/auth-login")).LoginRoute }) },
          {
            path: "register",
            lazy: async () => ({ Component: (await import("./routes/auth-register")).RegisterRoute }),
          },
          {
            path: "forgot-password",
            lazy: async () => ({ Component: (await import("./routes/auth-forgot-password")).ForgotPasswordRoute }),
          },
          {
            path: "reactivate",
            lazy: async () => ({ Component: (await import("./routes/auth-reactivate")).ReactivateRoute }),
          },
          {
            path: "account/confirm",
            lazy: async () => ({ Component: (await import("./routes/account-confirm")).AccountConfirmRoute }),
          },
          {
            path: "admin",
            lazy: async () => ({ Component: (await import("./routes/admin")).AdminRoute }),
            children: [
              { index: true, element: <Navigate to="users" replace /> },
              {
                path: "users",
                lazy: async () => ({ Component: (await import("./routes/admin-users")).AdminUsersRoute }),
              },
              {
                path: "users/:userId/tokens",
                lazy: async () => ({ Component: (await import("./routes/admin-user-tokens")).AdminUserTokensRoute }),
              },
              {
                path: "settings",
                lazy: async () => ({ Component: (await import("./routes/admin-settings")).AdminSettingsRoute }),
              },
              {
                path: "audit",
                lazy: async () => ({ Component: (await import("./routes/admin-audit")).AdminAuditRoute }),
              },
              {
                path: "waitlist",
                lazy: async () => ({ Component: (await import("./routes/admin-waitlist")).AdminWaitlistRoute }),
              },
              {
                path: "invitations",
                lazy: async () => ({
                  Component: (await import("./routes/admin-invitations")).AdminInvitationsRoute,
                }),
              },
              {
                path: "jobs",
                lazy: async () => ({ Component: (await import("./routes/admin-jobs")).AdminJobsRoute }),
              },
              {
                path: "status",
                lazy: async () => ({ Component: (await import("./routes/status")).StatusRoute }),
              },
            ],
          },
          {
            path: "waitlist",
            children: [
              { index: true, lazy: async () => ({ Component: (await import("./routes/waitlist")).WaitlistRoute }) },
              {
                path: "confirm",
                lazy: async () => ({ Component: (await import("./routes/waitlist-confirm")).WaitlistConfirmRoute }),
              },
              {
                path: "status",
                lazy: async () => ({ Component: (await import("./routes/waitlist-status")).WaitlistStatusRoute }),
              },
            ],
          },
          {
            path: "profile",
            lazy: async () => ({ Component: (await import("./routes/profile")).ProfileRoute }),
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import("./routes/profile-account")).ProfileAccountRoute }),
              },
              {
                path: "security",
                lazy: async () => ({ Component: (await import("./routes/profile-security")).ProfileSecurityRoute }),
              },
              {
                path: "data",
                lazy: async () => ({ Component: (await import("./routes/profile-data")).ProfileDataRoute }),
              },
              {
                path: "invitations",
                lazy: async () => ({
                  Component: (await import("./routes/profile-invitations")).ProfileInvitationsRoute,
                }),
              },
              {
                path: "shares",
                lazy: async () => ({ Component: (await import("./routes/profile-shares")).ProfileSharesRoute }),
              },
              {
                path: "tokens",
                lazy: async () => ({ Component: (await import("./routes/profile-tokens")).ProfileTokensRoute }),
              },
            ],
          },
          { path: "shared", lazy: async () => ({ Component: (await import("./routes/shared")).SharedRoute }) },
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
