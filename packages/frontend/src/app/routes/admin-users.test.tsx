import type { AdminUserListItem } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { adminUserOf, makeAdminUser, makeUser, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const me = makeUser({ email: "root@example.com", display_name: "Root", role: "admin" });

function population(): AdminUserListItem[] {
  const people = Array.from({ length: 56 }, (_, index) =>
    makeAdminUser({
      email: `person${String(index + 1).padStart(2, "0")}@example.com`,
      display_name: index === 0 ? "Bob Builder" : null,
    }),
  );
  return [makeAdminUser({ ...me }), ...people];
}

/** The admin users API over an in-memory list, filtering and paging as the real one does. */
async function startUsersApi(users = population()) {
  return startApiServer({
    ...sessionRoutes({ user: me }),
    "GET /api/admin/users": ({ query }, res) => {
      const search = (query.get("query") ?? "").toLowerCase();
      const page = Number(query.get("page") ?? 1);
      const size = Number(query.get("page_size") ?? 20);
      const matching = users.filter(
        (user) =>
          (!search || user.email.includes(search) || user.display_name?.toLowerCase().includes(search)) &&
          (!query.get("role") || user.role === query.get("role")) &&
          (!query.get("status") || user.status === query.get("status")),
      );
      sendJson(res, 200, {
        items: matching.slice((page - 1) * size, page * size),
        total: matching.length,
        page,
        page_size: size,
      });
    },
    "PATCH /api/admin/users/:id/deactivate": ({ params }, res) => {
      const user = users.find(({ id }) => id === params.id)!;
      user.status = "deactivated";
      sendJson(res, 200, { user: adminUserOf(user) });
    },
    "POST /api/admin/users/:id/reset-password": (_request, res) => sendJson(res, 202, { status: "queued" }),
    "PATCH /api/admin/users/:id/limits": ({ params, body }, res) => {
      const user = users.find(({ id }) => id === params.id)!;
      Object.assign(user, body);
      sendJson(res, 200, { user: adminUserOf(user) });
    },
    "GET /api/admin/settings": (_request, res) =>
      sendJson(res, 200, {
        settings: {
          waitlist_enabled: false,
          invitations_enabled: true,
          invitation_waitlist_required: false,
          invitation_quota_per_user: 5,
          daily_query_limit: 50,
          monthly_cost_cap_usd: null,
          updated_at: new Date().toISOString(),
          updated_by: null,
        },
      }),
  });
}

const summary = () => screen.getByRole("navigation", { name: "Pagination" });
const row = (name: string) => screen.getByRole("row", { name: new RegExp(name) });

describe("admin users", () => {
  it("when people used the AI and rendered this month, then their row shows questions, renders and spend", async () => {
    const busy = makeAdminUser({
      email: "maker@example.com",
      display_name: "Mia Maker",
      usage: { queries_this_month: 1234, renders_this_month: 1, cost_this_month_usd: 3.456 },
    });
    server = await startUsersApi([makeAdminUser({ ...me }), busy]);
    renderApp({ path: "/admin/users", apiUrl: server.url });

    const table = await screen.findByRole("table", { name: "Users" });
    expect(within(table).getByRole("columnheader", { name: "This month" })).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: "Spend" })).toBeInTheDocument();
    const row = (await within(table).findByText("Mia Maker")).closest("tr")!;
    expect(row).toHaveTextContent("1,234 questions");
    expect(row).toHaveTextContent("1 render");
    expect(row).toHaveTextContent("$3.46");
    expect(within(table).getByText("Root").closest("tr")).toHaveTextContent("0 questions0 renders$0.00");
  });

  it("when there are more users than a page, then Next and Previous walk through them and the address follows", async () => {
    server = await startUsersApi();
    const { router } = renderApp({ path: "/admin/users", apiUrl: server.url });

    expect(await screen.findByText("Bob Builder")).toBeInTheDocument();
    expect(summary()).toHaveTextContent("Showing 1–20 of 57");
    expect(within(screen.getByRole("table", { name: "Users" })).getAllByRole("row")).toHaveLength(21);

    await userEvent.click(screen.getByRole("button", { name: "Next page" }));

    await waitFor(() => expect(summary()).toHaveTextContent("Showing 21–40 of 57"));
    expect(screen.getByText("person20@example.com")).toBeInTheDocument();
    expect(router.state.location.search).toBe("?page=2");
    expect(server.calls("GET /api/admin/users").at(-1)?.query.get("page")).toBe("2");

    await userEvent.click(screen.getByRole("button", { name: "Next page" }));
    await waitFor(() => expect(summary()).toHaveTextContent("Showing 41–57 of 57"));
    const next = screen.getByRole("button", { name: "Next page" });
    expect(next).toHaveAttribute("aria-disabled", "true");

    await userEvent.click(screen.getByRole("button", { name: "Previous page" }));
    await waitFor(() => expect(summary()).toHaveTextContent("Showing 21–40 of 57"));
  });

  it("when the admin types a search, then it is sent once typing pauses, from the first page, and kept in the address", async () => {
    server = await startUsersApi();
    const { router } = renderApp({ path: "/admin/users?page=2", apiUrl: server.url });
    await waitFor(() => expect(summary()).toHaveTextContent("Showing 21–40 of 57"));

    await userEvent.type(screen.getByRole("searchbox", { name: "Search users" }), "bob");

    await waitFor(() => expect(summary()).toHaveTextContent("Showing 1–1 of 1"));
    expect(screen.getByText("Bob Builder")).toBeInTheDocument();
    expect(router.state.location.search).toBe("?query=bob");
    const searches = server.calls("GET /api/admin/users").filter((call) => call.query.get("query"));
    expect(searches.map((call) => call.query.get("query"))).toEqual(["bob"]);

    await userEvent.clear(screen.getByRole("searchbox", { name: "Search users" }));
    await userEvent.type(screen.getByRole("searchbox", { name: "Search users" }), "nobody-here");
    expect(await screen.findByRole("heading", { name: "No users match" })).toBeInTheDocument();
    expect(screen.getByText(/No users match “nobody-here”/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(summary()).toHaveTextContent("Showing 1–20 of 57"));
    expect(screen.getByRole("searchbox", { name: "Search users" })).toHaveValue("");
  });

  it("when the admin deactivates someone, then a dialog names them first, and confirming updates the row and says so", async () => {
    server = await startUsersApi();
    renderApp({ path: "/admin/users", apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Actions for person01@example.com" }));
    await user.click(screen.getByRole("menuitem", { name: "Deactivate" }));

    const dialog = await screen.findByRole("dialog", { name: "Deactivate Bob Builder?" });
    expect(dialog).toHaveAccessibleDescription(/person01@example\.com will be signed out on every device/);
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(server.calls("PATCH /api/admin/users/:id/deactivate")).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Deactivate" }));

    expect(await screen.findByText("Bob Builder was deactivated")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(row("Bob Builder")).getByText("Deactivated")).toBeInTheDocument();
    expect(server.calls("PATCH /api/admin/users/:id/deactivate")).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole("button", { name: "Actions for person01@example.com" })).toHaveFocus());
  });

  it("when the admin opens their own row, then Deactivate is unavailable and says why", async () => {
    server = await startUsersApi();
    renderApp({ path: "/admin/users", apiUrl: server.url });
    const user = userEvent.setup();

    expect(within(await screen.findByRole("row", { name: /Root/ })).getByText("You")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Actions for root@example.com" }));
    const deactivate = screen.getByRole("menuitem", { name: "Deactivate" });
    expect(deactivate).toHaveAttribute("aria-disabled", "true");

    await user.hover(deactivate);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("You can't deactivate your own account.");
    await user.click(deactivate);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("when the admin gives someone AI limits, then the dialog names the defaults, checks the numbers and saves them", async () => {
    server = await startUsersApi();
    renderApp({ path: "/admin/users", apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Actions for person02@example.com" }));
    await user.click(screen.getByRole("menuitem", { name: /AI limits…\s*The server's defaults/ }));
    const dialog = await screen.findByRole("dialog", { name: "AI limits for person02@example.com" });
    const daily = within(dialog).getByRole("spinbutton", { name: "Questions a day" });
    await waitFor(() => expect(daily).toHaveAccessibleDescription("Empty: the server's default (50 questions a day)."));
    expect(within(dialog).getByRole("spinbutton", { name: "Cost a month (USD)" })).toHaveAccessibleDescription(
      "Empty: the server's default (no cap).",
    );

    await user.type(daily, "2.5");
    await user.click(within(dialog).getByRole("button", { name: "Save limits" }));
    expect(daily).toHaveAccessibleDescription(/Enter a whole number\./);
    expect(server.calls("PATCH /api/admin/users/:id/limits")).toHaveLength(0);

    await user.clear(daily);
    await user.type(daily, "3");
    await user.type(within(dialog).getByRole("spinbutton", { name: "Cost a month (USD)" }), "4.5");
    await user.click(within(dialog).getByRole("button", { name: "Save limits" }));

    expect(await screen.findByText("AI limits saved for person02@example.com")).toBeInTheDocument();
    expect(server.calls("PATCH /api/admin/users/:id/limits")[0]?.body).toEqual({
      daily_query_limit: 3,
      monthly_cost_cap_usd: 4.5,
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Actions for person02@example.com" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Actions for person02@example.com" }));
    expect(
      screen.getByRole("menuitem", { name: /AI limits…\s*3 questions a day, \$4\.50 a month/ }),
    ).toBeInTheDocument();
  });

  it("when a password reset is confirmed, then it is sent and a toast says where it went", async () => {
    server = await startUsersApi();
    renderApp({ path: "/admin/users", apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Actions for person02@example.com" }));
    await user.click(screen.getByRole("menuitem", { name: "Send password reset" }));
    const dialog = await screen.findByRole("dialog", { name: "Send person02@example.com a password reset?" });
    await user.click(within(dialog).getByRole("button", { name: "Send reset link" }));

    expect(await screen.findByText("Password reset sent")).toBeInTheDocument();
    expect(screen.getByText("A reset link is on its way to person02@example.com.")).toBeInTheDocument();
    expect(server.calls("POST /api/admin/users/:id/reset-password")).toHaveLength(1);
  });

  it("when the reset is rate limited, then the dialog stays open and says when to try again", async () => {
    server = await startUsersApi();
    server.on("POST /api/admin/users/:id/reset-password", (_request, res) =>
      sendError(res, 429, "rate_limited", "Too many attempts.", { retry_after_s: 3000 }),
    );
    renderApp({ path: "/admin/users", apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Actions for person02@example.com" }));
    await user.click(screen.getByRole("menuitem", { name: "Send password reset" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Send reset link" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent("You can try again in 50 minutes.");
  });

  it("when the list cannot load, then an error with a retry shows, and retrying recovers", async () => {
    let failing = true;
    server = await startUsersApi();
    const users = population();
    server.on("GET /api/admin/users", (_request, res) =>
      failing
        ? sendError(res, 500, "internal_error", "Something went wrong on our side.")
        : sendJson(res, 200, { items: users.slice(0, 20), total: users.length, page: 1, page_size: 20 }),
    );
    renderApp({ path: "/admin/users", apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "Couldn't load users" }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText("Something went wrong on our side.")).toBeInTheDocument();

    failing = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Bob Builder")).toBeInTheDocument();
  });
});
