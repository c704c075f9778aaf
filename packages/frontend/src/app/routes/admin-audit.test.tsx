import type { AuditLogEntry } from "@chat3d/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const me = makeUser({ email: "root@example.com", role: "admin" });
const target = uuid();

const deactivation: AuditLogEntry = {
  id: "2",
  actor: { id: me.id, email: me.email },
  action: "user.deactivated",
  target_type: "user",
  target_id: target,
  before: { status: "active" },
  after: { status: "deactivated" },
  ip: "203.0.113.7",
  created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
};

const entries: AuditLogEntry[] = [
  deactivation,
  {
    id: "1",
    actor: null,
    action: "waitlist.email_confirmed",
    target_type: "waitlist_entry",
    target_id: uuid(),
    before: null,
    after: null,
    ip: null,
    created_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  },
];

describe("admin audit log", () => {
  it("when entries exist, then each reads as words, and its details show what changed", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: me }),
      "GET /api/admin/audit-log": ({ query }, res) => {
        const items = entries.filter((entry) => !query.get("action") || entry.action === query.get("action"));
        sendJson(res, 200, { items, total: items.length, page: 1, page_size: 20 });
      },
    });
    const { router } = renderApp({ path: "/admin/audit", apiUrl: server.url });
    const user = userEvent.setup();

    const table = await screen.findByRole("table", { name: "Audit log" });
    const deactivated = (await within(table).findByText("User deactivated")).closest("tr")!;
    expect(within(deactivated).getByText("5 minutes ago")).toHaveAttribute("datetime", deactivation.created_at);
    expect(within(deactivated).getByText(/root@example\.com/)).toHaveTextContent("root@example.com (you)");
    const system = within(table).getByText("Waitlist email confirmed").closest("tr")!;
    expect(within(system).getByText("System")).toBeInTheDocument();
    expect(within(system).getByText("2 days ago")).toBeInTheDocument();

    const toggle = within(deactivated).getByRole("button", { name: /^Details of User deactivated/ });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const details = document.getElementById(toggle.getAttribute("aria-controls")!)!;
    expect(details).toHaveTextContent("statusactive→changed todeactivated");
    expect(details).toHaveTextContent("203.0.113.7");
    expect(details).toHaveTextContent(target);

    await user.selectOptions(screen.getByRole("combobox", { name: "Action" }), "user.deactivated");
    expect(await screen.findByRole("navigation", { name: "Pagination" })).toHaveTextContent("Showing 1–1 of 1");
    expect(within(screen.getByRole("table", { name: "Audit log" })).queryByText("Waitlist email confirmed")).toBeNull();
    expect(router.state.location.search).toBe("?action=user.deactivated");
  });

  it("when a filter matches nothing, then the empty state offers every action again", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: me }),
      "GET /api/admin/audit-log": (_request, res) =>
        sendJson(res, 200, { items: [], total: 0, page: 1, page_size: 20 }),
    });
    renderApp({ path: "/admin/audit?action=invitation.revoked", apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "No matching entries" })).toBeInTheDocument();
    expect(screen.getByText("No “Invitation revoked” entries yet.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show all actions" })).toBeInTheDocument();
  });
});
