import type { WaitlistEntry } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EventSource } from "eventsource";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { listHandler, sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { openStream, type StreamConnection } from "@/testing/event-stream-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admin = makeUser({ email: "root@example.com", role: "admin" });
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function entry(email: string, overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: uuid(),
    email,
    marketing_consent: false,
    status: "pending_admin_approval",
    email_confirmed_at: hoursAgo(1),
    approved_at: null,
    rejected_at: null,
    created_at: hoursAgo(2),
    updated_at: hoursAgo(1),
    ...overrides,
  };
}

const stateLabel = { approve: "approved", reject: "rejected" } as const;

/** The admin waitlist API over an in-memory list, filtering, paging and deciding as the real one does. */
async function startWaitlistApi(entries: WaitlistEntry[]) {
  const streams: StreamConnection[] = [];
  const decide = (id: string, action: "approve" | "reject") => {
    const found = entries.find((item) => item.id === id);
    if (!found) return { ok: false as const, error: "No such waitlist entry." };
    const allowed = action === "approve" ? found.status === "pending_admin_approval" : found.status !== "approved";
    if (!allowed || found.status === "rejected") {
      return {
        ok: false as const,
        error: `This entry is already ${found.status}, so it cannot be ${stateLabel[action]}.`,
      };
    }
    found.status = stateLabel[action];
    found.updated_at = new Date().toISOString();
    return { ok: true as const, entry: { ...found } };
  };

  server = await startApiServer({
    ...sessionRoutes({ user: admin }),
    "GET /api/events/stream": (_request, res, req) => void streams.push(openStream(req, res, { retryMs: 20 })),
    "GET /api/admin/waitlist": listHandler(entries, (item) => item.email),
    "PATCH /api/admin/waitlist/:id/approve": ({ params }, res) => {
      const result = decide(params.id!, "approve");
      if (result.ok) sendJson(res, 200, { entry: result.entry });
      else sendError(res, 409, "invalid_state", result.error);
    },
    "POST /api/admin/waitlist/bulk": ({ body }, res) => {
      const { action, ids } = body as { action: "approve" | "reject"; ids: string[] };
      sendJson(res, 200, { results: ids.map((id) => ({ id, ...decide(id, action) })) });
    },
  });
  return { server, streams };
}

const table = () => screen.getByRole("table", { name: "Waitlist" });
// The first render loads the admin route's code, which can take a moment on a cold start.
const findTable = () => screen.findByRole("table", { name: "Waitlist" }, { timeout: 4000 });
const row = (email: string) => within(table()).getByRole("row", { name: new RegExp(email) });
/** The row's status, shown once in its own column and once under the email for phones (CSS shows one). */
const statusOf = (email: string) =>
  within(row(email))
    .getAllByText((_, element) => element?.getAttribute("data-slot") === "badge")
    .map((badge) => badge.textContent)
    .filter((text) => text !== "Yes");

describe("admin waitlist", () => {
  it("when it opens, then it lists requests waiting for approval, with consent, status and dates", async () => {
    const { server } = await startWaitlistApi([
      entry("grace@example.com", { marketing_consent: true }),
      entry("linus@example.com", { status: "pending_email_confirmation", email_confirmed_at: null }),
    ]);
    renderApp({ path: "/admin/waitlist", apiUrl: server.url });

    expect(await within(await findTable()).findByText("grace@example.com")).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Waitlist", selected: true })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Status" })).toHaveValue("pending_admin_approval");
    expect(server.calls("GET /api/admin/waitlist")[0]?.query.get("status")).toBe("pending_admin_approval");
    expect(screen.queryByText("linus@example.com")).not.toBeInTheDocument();
    expect(within(row("grace@example.com")).getByText("Yes")).toBeInTheDocument();
    expect(statusOf("grace@example.com")).toEqual(["Pending approval", "Pending approval"]);
    expect(within(row("grace@example.com")).getAllByText("2 hours ago")[0]).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "all");
    expect(await screen.findByText("linus@example.com")).toBeInTheDocument();
    expect(within(row("linus@example.com")).queryByRole("button", { name: /Approve/ })).not.toBeInTheDocument();
  });

  it("when several are selected and approved at once, then each row's outcome is summarised", async () => {
    const approvedAlready = entry("done@example.com", { status: "approved" });
    const entries = [entry("grace@example.com"), entry("linus@example.com"), entry("ada@example.com")];
    const { server } = await startWaitlistApi([...entries, approvedAlready]);
    renderApp({ path: "/admin/waitlist", apiUrl: server.url });
    const user = userEvent.setup();

    await within(await findTable()).findByText("grace@example.com");
    await user.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    expect(screen.getByRole("toolbar", { name: "Selected entries" })).toHaveTextContent("3 selected");
    await user.click(screen.getByRole("checkbox", { name: "Select ada@example.com" }));
    expect(screen.getByRole("checkbox", { name: "Select all on this page" })).toHaveAttribute("aria-checked", "mixed");
    await user.click(screen.getByRole("checkbox", { name: "Select ada@example.com" }));

    // Meanwhile another admin decides one of them.
    entries[1]!.status = "approved";

    await user.click(screen.getByRole("button", { name: "Approve 3" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve 3 requests?" });
    expect(dialog).toHaveAccessibleDescription(/email with a personal sign-up link/);
    await user.click(within(dialog).getByRole("button", { name: "Approve 3" }));

    const results = await screen.findByRole("region", { name: "Approved 2 of 3" });
    expect(server.calls("POST /api/admin/waitlist/bulk")[0]?.body).toEqual({
      action: "approve",
      ids: entries.map(({ id }) => id),
    });
    expect(within(results).getByText(/1 could not be changed/)).toBeInTheDocument();
    const lines = within(results).getAllByRole("listitem");
    expect(lines[0]).toHaveTextContent("grace@example.comApproved");
    expect(lines[1]).toHaveTextContent("linus@example.comThis entry is already approved, so it cannot be approved.");
    expect(lines[2]).toHaveTextContent("ada@example.comApproved");
    await waitFor(() => expect(within(results).getByRole("heading")).toHaveFocus());

    // The rows stay where they were, with their new status, until the list is next loaded.
    expect(statusOf("grace@example.com")).toEqual(["Approved", "Approved"]);
    expect(screen.queryByRole("toolbar", { name: "Selected entries" })).not.toBeInTheDocument();
  });

  it("when one row is approved, then a toast says so; a refusal (409) shows the server's reason", async () => {
    const entries = [entry("grace@example.com"), entry("linus@example.com")];
    const { server } = await startWaitlistApi(entries);
    renderApp({ path: "/admin/waitlist", apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await within(await findTable()).findByRole("button", { name: "Approve grace@example.com" }));
    expect(await screen.findByText("Approved grace@example.com. We emailed them a sign-up link.")).toBeInTheDocument();
    expect(statusOf("grace@example.com")).toEqual(["Approved", "Approved"]);
    await waitFor(() => expect(screen.getByRole("button", { name: "Approve linus@example.com" })).toHaveFocus());

    entries[1]!.status = "rejected";
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Couldn't approve linus@example.com")).toBeInTheDocument();
    expect(screen.getByText("This entry is already rejected, so it cannot be approved.")).toBeInTheDocument();
  });

  it("when a new request is confirmed elsewhere, then the waitlist.entry.updated event brings it in", async () => {
    const entries = [entry("grace@example.com")];
    const { server, streams } = await startWaitlistApi(entries);
    renderApp({ path: "/admin/waitlist", apiUrl: server.url, realtime: { EventSource } });

    await within(await findTable()).findByText("grace@example.com");
    await waitFor(() => expect(streams.length).toBeGreaterThan(0));

    const newcomer = entry("newcomer@example.com");
    entries.push(newcomer);
    streams[0]!.send({ id: "7", event: "waitlist.entry.updated", data: newcomer });

    expect(await screen.findByText("newcomer@example.com")).toBeInTheDocument();
  });

  it("when nothing is waiting, then the empty state says where requests come from", async () => {
    const { server } = await startWaitlistApi([]);
    renderApp({ path: "/admin/waitlist", apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "No requests waiting" }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText("Requests appear here once people confirm their email.")).toBeInTheDocument();
  });
});
