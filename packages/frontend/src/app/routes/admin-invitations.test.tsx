import type { AdminInvitation } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { listHandler, sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admin = makeUser({ email: "root@example.com", role: "admin" });
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const grace = { id: uuid(), email: "grace@example.com", display_name: "Grace Hopper" };

function invitation(invitee: string, overrides: Partial<AdminInvitation> = {}): AdminInvitation {
  return {
    id: uuid(),
    invitee_email: invitee,
    status: "registration_sent",
    created_at: hoursAgo(3),
    updated_at: hoursAgo(3),
    inviter: grace,
    ...overrides,
  };
}

/** The admin invitations API over an in-memory list, filtering, paging and revoking as the real one does. */
async function startInvitationsApi(items: AdminInvitation[]) {
  server = await startApiServer({
    ...sessionRoutes({ user: admin }),
    "GET /api/admin/invitations": listHandler(items, (item) => item.invitee_email),
    "DELETE /api/admin/invitations/:id": ({ params }, res) => {
      const found = items.find((item) => item.id === params.id);
      if (!found) return sendError(res, 404, "not_found", "No such invitation.");
      if (!["pending", "waitlisted", "registration_sent"].includes(found.status)) {
        return sendError(res, 409, "invalid_state", `This invitation is ${found.status} and can no longer be revoked.`);
      }
      found.status = "revoked";
      found.updated_at = new Date().toISOString();
      const { inviter: _inviter, ...view } = found;
      sendJson(res, 200, { invitation: view });
    },
  });
  return server;
}

const findTable = () => screen.findByRole("table", { name: "Invitations" }, { timeout: 4000 });
const row = (email: string) =>
  within(screen.getByRole("table", { name: "Invitations" })).getByRole("row", { name: new RegExp(email) });

describe("admin invitations", () => {
  it("when it opens, then every invitation shows its inviter and status, and the filter asks the server", async () => {
    const api = await startInvitationsApi([
      invitation("ada@example.com"),
      invitation("linus@example.com", { status: "accepted", updated_at: hoursAgo(1) }),
    ]);
    renderApp({ path: "/admin/invitations", apiUrl: api.url });

    expect(await within(await findTable()).findByText("ada@example.com")).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Invitations", selected: true })).toBeInTheDocument();
    expect(within(row("ada@example.com")).getAllByText("Grace Hopper")[0]).toBeInTheDocument();
    expect(within(row("ada@example.com")).getByText("grace@example.com")).toBeInTheDocument();
    expect(within(row("ada@example.com")).getAllByText("Sign-up link sent")[0]).toBeInTheDocument();
    // Only open invitations can be revoked.
    expect(
      within(row("ada@example.com")).getByRole("button", { name: "Revoke invitation to ada@example.com" }),
    ).toBeInTheDocument();
    expect(within(row("linus@example.com")).queryByRole("button", { name: /Revoke/ })).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "accepted");
    await waitFor(() => expect(screen.queryByText("ada@example.com")).not.toBeInTheDocument());
    expect(api.calls("GET /api/admin/invitations").at(-1)?.query.get("status")).toBe("accepted");
    expect(screen.getByText("linus@example.com")).toBeInTheDocument();
  });

  it("when Revoke is confirmed, then the row shows it revoked; a refusal (409) shows the server's reason", async () => {
    const items = [invitation("ada@example.com"), invitation("linus@example.com")];
    const api = await startInvitationsApi(items);
    renderApp({ path: "/admin/invitations", apiUrl: api.url });
    const user = userEvent.setup();

    await within(await findTable()).findByText("ada@example.com");
    await user.click(screen.getByRole("button", { name: "Revoke invitation to ada@example.com" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke the invitation to ada@example.com?" });
    expect(dialog).toHaveAccessibleDescription(/Grace Hopper is told/);
    await user.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));

    expect(await screen.findByText("Invitation to ada@example.com revoked")).toBeInTheDocument();
    expect(api.calls("DELETE /api/admin/invitations/:id")).toHaveLength(1);
    await waitFor(() => expect(within(row("ada@example.com")).getAllByText("Revoked")[0]).toBeInTheDocument());

    // Meanwhile the invitee signed up.
    items[1]!.status = "accepted";
    await user.click(screen.getByRole("button", { name: "Revoke invitation to linus@example.com" }));
    const second = await screen.findByRole("dialog", { name: "Revoke the invitation to linus@example.com?" });
    await user.click(within(second).getByRole("button", { name: "Revoke invitation" }));
    expect(
      await within(second).findByText("This invitation is accepted and can no longer be revoked."),
    ).toBeInTheDocument();
  });

  it("when there are no invitations, then the empty state says where they come from", async () => {
    const api = await startInvitationsApi([]);
    renderApp({ path: "/admin/invitations", apiUrl: api.url });

    expect(await screen.findByRole("heading", { name: "No invitations yet" }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText("Invitations people send from their profile appear here.")).toBeInTheDocument();
  });
});
