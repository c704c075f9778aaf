import type { AdminUserList } from "@chat3d/shared";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeAdminUser, makeUser, sendAuth, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admin = makeUser({ email: "root@example.com", display_name: "Root", role: "admin" });
const settings = {
  waitlist_enabled: true,
  invitations_enabled: false,
  invitation_waitlist_required: false,
  invitation_quota_per_user: 5,
  daily_query_limit: null,
  monthly_cost_cap_usd: null,
  updated_at: "2026-02-01T09:00:00.000Z",
  updated_by: null,
};

function userList(): AdminUserList {
  return {
    items: [makeAdminUser({ email: "bob@example.com", display_name: "Bob" })],
    total: 1,
    page: 1,
    page_size: 20,
  };
}

describe("pages that need a signed-in person", () => {
  it("when nobody is signed in, then the person is sent to sign in and, once signed in, comes back to the page", async () => {
    const session = { user: null as typeof admin | null };
    server = await startApiServer({
      ...sessionRoutes(session),
      "POST /api/auth/login": (_request, res) => {
        session.user = admin;
        sendAuth(res, admin);
      },
      "GET /api/admin/settings": (_request, res) => sendJson(res, 200, { settings }),
    });

    const { router } = renderApp({ path: "/admin/settings", apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to Chat3D" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe("?next=%2Fadmin%2Fsettings");

    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email"), "root@example.com");
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("switch", { name: "Waitlist" })).toBeChecked();
    expect(router.state.location.pathname).toBe("/admin/settings");
  });

  it("when the person is signed in but the answer is slow, then a skeleton shows instead of the sign-in page", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = await startApiServer({
      "GET /api/auth/me": async (_request, res) => {
        await gate;
        sendJson(res, 200, { user: admin });
      },
      "GET /api/admin/users": (_request, res) => sendJson(res, 200, userList()),
    });

    const { router } = renderApp({ path: "/admin/users", apiUrl: server.url });

    expect(await screen.findByRole("status")).toHaveTextContent("Loading…");
    expect(screen.queryByRole("button", { name: "Sign in" })).not.toBeInTheDocument();
    release();

    expect(await screen.findByRole("heading", { level: 1, name: "Admin" })).toBeInTheDocument();
    expect(await screen.findByText("Bob")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/admin/users");
  });

  it("when a person without the admin role opens the admin panel, then a 403 page says so", async () => {
    server = await startApiServer(sessionRoutes({ user: makeUser({ role: "user" }) }));

    renderApp({ path: "/admin/users", apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "You don't have access" })).toBeInTheDocument();
    expect(screen.getByText("403")).toBeInTheDocument();
    expect(server.calls("GET /api/admin/users")).toHaveLength(0);
    expect(screen.getByRole("link", { name: "Back to home" })).toHaveAttribute("href", "/");
  });

  it("when the access cookie has expired, then the session is refreshed once and the page loads", async () => {
    let accessValid = false;
    server = await startApiServer({
      "GET /api/auth/me": (_request, res) =>
        accessValid ? sendJson(res, 200, { user: admin }) : sendError(res, 401, "unauthorized", "Sign in to continue."),
      "POST /api/auth/refresh": (_request, res) => {
        accessValid = true;
        sendAuth(res, admin);
      },
      "GET /api/admin/users": (_request, res) => sendJson(res, 200, userList()),
    });

    renderApp({ path: "/admin/users", apiUrl: server.url });

    expect(await screen.findByText("Bob")).toBeInTheDocument();
    expect(server.calls("POST /api/auth/refresh")).toHaveLength(1);
    expect(server.calls("GET /api/auth/me")).toHaveLength(2);
  });

  it("when the session ends while the admin works, then the next call is refused and the sign-in page explains why", async () => {
    const session = { user: admin as typeof admin | null };
    server = await startApiServer({
      ...sessionRoutes(session),
      "GET /api/admin/users": (_request, res) =>
        session.user ? sendJson(res, 200, userList()) : sendError(res, 401, "unauthorized", "Sign in to continue."),
    });

    const { router } = renderApp({ path: "/admin/users", apiUrl: server.url });
    expect(await screen.findByText("Bob")).toBeInTheDocument();

    session.user = null;
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "deactivated");

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to Chat3D" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("You've been signed out");
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe("?next=%2Fadmin%2Fusers%3Fstatus%3Ddeactivated");
    expect(screen.queryByRole("button", { name: /Account menu/ })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create account" })).toBeInTheDocument();
  });

  it("when the person signs out from the account menu, then the session ends and the sign-in page shows without a warning", async () => {
    const session = { user: admin as typeof admin | null };
    server = await startApiServer({
      ...sessionRoutes(session),
      "POST /api/auth/logout": (_request, res) => {
        session.user = null;
        res.writeHead(204).end();
      },
    });

    const { router } = renderApp({ path: "/", apiUrl: server.url });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Account menu for root@example.com" }));
    expect(screen.getByRole("menuitem", { name: "Admin" })).toHaveAttribute("href", "/admin");
    expect(screen.getByRole("menuitem", { name: "Profile" })).toHaveAttribute("href", "/profile");
    await user.click(screen.getByRole("menuitem", { name: "Sign out" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to Chat3D" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(server.calls("POST /api/auth/logout")).toHaveLength(1);
  });
});
