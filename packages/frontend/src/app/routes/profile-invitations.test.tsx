import type { Invitation, InvitationList, User } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EventSource } from "eventsource";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { openStream, type StreamConnection } from "@/testing/event-stream-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function invitation(email: string, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: uuid(),
    invitee_email: email,
    status: "registration_sent",
    created_at: daysAgo(3),
    updated_at: daysAgo(3),
    ...overrides,
  };
}

type Options = { user?: User; list?: Partial<InvitationList>; limit?: number | null };

/** The invitations API over an in-memory list, counting the quota as the real one does. */
async function startInvitationsApi({ user = makeUser(), list = {}, limit = 5 }: Options = {}) {
  const state: InvitationList & { streams: StreamConnection[] } = {
    items: [invitation("ada@example.com", { status: "accepted", updated_at: daysAgo(1) })],
    invitations_enabled: true,
    waitlist_required: false,
    quota: { limit, used: 0, remaining: limit },
    streams: [],
    ...list,
  };
  const quota = () => {
    const used = state.items.filter((item) => item.status !== "revoked").length;
    return { limit, used, remaining: limit === null ? null : Math.max(0, limit - used) };
  };
  const { streams } = state;

  server = await startApiServer({
    ...sessionRoutes({ user }),
    "GET /api/events/stream": (_request, res, req) => void streams.push(openStream(req, res, { retryMs: 20 })),
    "GET /api/invitations": (_request, res) => {
      const { streams: _streams, ...body } = state;
      sendJson(res, 200, { ...body, quota: quota() });
    },
    "POST /api/invitations": ({ body }, res) => {
      if (!state.invitations_enabled)
        return sendError(res, 403, "forbidden", "Invitations are turned off on this server.");
      const results = (body as { emails: string[] }).emails.map((email) => {
        const existing = state.items.find((item) => item.invitee_email === email && item.status !== "revoked");
        if (existing) return { email, outcome: "already_invited", invitation: existing };
        const { remaining } = quota();
        if (remaining !== null && remaining <= 0) return { email, outcome: "quota_exceeded" };
        const created = invitation(email, {
          status: state.waitlist_required ? "waitlisted" : "registration_sent",
          created_at: new Date().toISOString(),
        });
        state.items.unshift(created);
        return { email, outcome: "invited", invitation: created };
      });
      sendJson(res, 201, { results, quota: quota() });
    },
    "DELETE /api/invitations/:id": ({ params }, res) => {
      const item = state.items.find(({ id }) => id === params.id);
      if (!item) return sendError(res, 404, "not_found", "No such invitation.");
      item.status = "revoked";
      item.updated_at = new Date().toISOString();
      sendJson(res, 200, { invitation: item });
    },
  });
  return { server, state };
}

const renderInvitations = (apiUrl: string, realtime = false) =>
  renderApp({ path: "/profile/invitations", apiUrl, realtime: realtime ? { EventSource } : undefined });

const emailBox = () => screen.getByLabelText("Email addresses");
const chips = () => within(screen.getByRole("list", { name: "Addresses to invite" })).getAllByRole("listitem");
const sentList = () => screen.getByRole("list", { name: "Sent invitations" });
const quotaBar = () => screen.getByRole("progressbar", { name: "Invitations used" });

describe("invitations in the profile", () => {
  it("when a list of addresses is pasted, then each becomes a chip checked on its own, and sending reports each one", async () => {
    const { server } = await startInvitationsApi({ limit: 2 });
    renderInvitations(server.url);
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { name: "Invite people" })).toBeInTheDocument();
    expect(screen.getByText("Your invitees get a direct sign-up link.")).toBeInTheDocument();
    expect(quotaBar()).toHaveAttribute("aria-valuetext", "1 of 2 invitations used");
    expect(screen.getByText("1 invitation left.")).toBeInTheDocument();

    await user.click(emailBox());
    await user.paste(
      "Grace Hopper <grace@example.com>, linus@example.com\nnot-an-email; ada@example.com GRACE@example.com",
    );

    expect(chips().map((chip) => chip.textContent)).toEqual([
      "grace@example.com",
      "linus@example.com",
      "not-an-email",
      "ada@example.com",
    ]);
    expect(screen.getByRole("button", { name: "Edit not-an-email: Enter a valid email address." })).toBeInTheDocument();
    expect(screen.getByText("Added 4 addresses. Skipped 1 already in the list.")).toBeInTheDocument();

    // An address that failed its check stops the form until it is fixed or removed.
    await user.click(screen.getByRole("button", { name: "Send 3 invitations" }));
    expect(screen.getByText("Fix or remove 1 address marked in red.")).toBeInTheDocument();
    expect(server.calls("POST /api/invitations")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Remove not-an-email" }));
    expect(screen.getByText("You have 1 invitation left. Addresses beyond that won't be sent.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send 3 invitations" }));

    const results = await screen.findByRole("region", { name: "Results" });
    expect(server.calls("POST /api/invitations")[0]?.body).toEqual({
      emails: ["grace@example.com", "linus@example.com", "ada@example.com"],
    });
    expect(within(results).getByRole("status")).toHaveTextContent("1 invited · 1 already invited · 1 over your limit");
    const lines = within(results).getAllByRole("listitem");
    expect(lines[0]).toHaveTextContent("grace@example.comInvited. We emailed them a sign-up link.");
    expect(lines[1]).toHaveTextContent("linus@example.comNot sent: you have no invitations left.");
    expect(lines[2]).toHaveTextContent("ada@example.comYou had already invited this address");

    expect(within(sentList()).getAllByRole("listitem")[0]).toHaveTextContent("grace@example.com");
    expect(quotaBar()).toHaveAttribute("aria-valuetext", "2 of 2 invitations used");
    expect(screen.getByText("No invitations left.")).toBeInTheDocument();
    expect(emailBox()).toHaveAccessibleDescription(/You have used all your invitations/);
    expect(screen.queryByRole("list", { name: "Addresses to invite" })).not.toBeInTheDocument();
  });

  it("when an invitation is revoked, then a dialog asks first and the row and quota follow", async () => {
    const { server } = await startInvitationsApi({
      list: { items: [invitation("linus@example.com"), invitation("ada@example.com", { status: "accepted" })] },
    });
    renderInvitations(server.url);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Revoke invitation to linus@example.com" }));
    expect(screen.queryByRole("button", { name: "Revoke invitation to ada@example.com" })).not.toBeInTheDocument();

    const dialog = await screen.findByRole("dialog", { name: "Revoke the invitation to linus@example.com?" });
    expect(dialog).toHaveAccessibleDescription(/sign-up link we emailed stops working/);
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(server.calls("DELETE /api/invitations/:id")).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByText("Invitation to linus@example.com revoked")).toBeInTheDocument();
    const row = within(sentList()).getAllByRole("listitem")[0]!;
    expect(within(row).getByText("Revoked", { selector: "[data-slot=badge]" })).toBeInTheDocument();
    await waitFor(() => expect(quotaBar()).toHaveAttribute("aria-valuetext", "1 of 5 invitations used"));
    expect(sentList()).toHaveFocus();
  });

  it("when the person is an administrator, then the quota reads Unlimited", async () => {
    const { server } = await startInvitationsApi({ user: makeUser({ role: "admin" }), limit: null });
    renderInvitations(server.url);

    expect(await screen.findByText("Unlimited")).toBeInTheDocument();
    expect(screen.getByText(/Administrators invite without a limit\. 1 invitation sent so far\./)).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("when invitations are off, then the form is disabled and says why", async () => {
    const { server } = await startInvitationsApi({ list: { invitations_enabled: false } });
    renderInvitations(server.url);

    expect(await screen.findByText("Invitations are turned off")).toBeInTheDocument();
    expect(emailBox()).toBeDisabled();
    expect(emailBox()).toHaveAccessibleDescription("Invitations are turned off on this server.");
    expect(screen.getByRole("button", { name: "Send invitation" })).toBeDisabled();
    expect(screen.queryByText(/Your invitees/)).not.toBeInTheDocument();
  });

  it("when invitees must join the waitlist, then the page says so, and results say where each invitee went", async () => {
    const { server } = await startInvitationsApi({ list: { waitlist_required: true } });
    renderInvitations(server.url);
    const user = userEvent.setup();

    expect(await screen.findByText("Your invitees join the waitlist first.")).toBeInTheDocument();
    await user.type(emailBox(), "grace@example.com{Enter}");
    await user.click(screen.getByRole("button", { name: "Send invitation" }));

    const results = await screen.findByRole("region", { name: "Results" });
    expect(within(results).getByRole("listitem")).toHaveTextContent("Invited. They'll join the waitlist first.");
    expect(within(sentList()).getByText("On the waitlist")).toBeInTheDocument();
  });

  it("when nothing was sent yet, then the list says so; when it cannot load, then a retry is offered", async () => {
    const { server } = await startInvitationsApi({ list: { items: [] } });
    let fail = true;
    server.on("GET /api/invitations", (_request, res) =>
      fail
        ? sendError(res, 500, "internal", "Something broke on our side.")
        : sendJson(res, 200, {
            items: [],
            quota: { limit: 5, used: 0, remaining: 5 },
            invitations_enabled: true,
            waitlist_required: false,
          }),
    );
    renderInvitations(server.url);

    expect(
      await screen.findByRole("heading", { name: "Couldn't load your invitations" }, { timeout: 4000 }),
    ).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));

    expect(await screen.findByRole("heading", { name: "No invitations yet" })).toBeInTheDocument();
  });

  it("when an invitee registers, then the invitation.updated event changes the row without a reload", async () => {
    const { server, state } = await startInvitationsApi({ list: { items: [invitation("linus@example.com")] } });
    renderInvitations(server.url, true);

    const list = await screen.findByRole("list", { name: "Sent invitations" });
    expect(within(list).getByText("Sign-up link sent")).toBeInTheDocument();
    await waitFor(() => expect(state.streams.length).toBeGreaterThan(0));

    const accepted = { ...state.items[0]!, status: "accepted" as const, updated_at: new Date().toISOString() };
    state.items[0] = accepted;
    state.streams[0]!.send({ id: "1", event: "invitation.updated", data: accepted });

    expect(await within(sentList()).findByText("Joined", { selector: "[data-slot=badge]" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Revoke invitation to linus@example.com" })).not.toBeInTheDocument();
  });
});
