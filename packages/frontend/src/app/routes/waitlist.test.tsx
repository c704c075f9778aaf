import { WaitlistTokenStatusSchema, type WaitlistEntry, type WaitlistTokenStatus } from "@chat3d/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { sessionRoutes, uuid } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer, type RouteHandler } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = "tok_".padEnd(43, "A");
const GENERIC = "Check your inbox: if this address can join the waitlist, we've sent it a confirmation link.";
const STATUS_UNKNOWN = "Open the link from your confirmation email to see your status.";

function entry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: uuid(),
    email: "grace@example.com",
    marketing_consent: false,
    status: "pending_admin_approval",
    email_confirmed_at: "2026-03-02T09:00:00.000Z",
    approved_at: null,
    rejected_at: null,
    created_at: "2026-03-01T09:00:00.000Z",
    updated_at: "2026-03-02T09:00:00.000Z",
    ...overrides,
  };
}

/** What the status page gets for a token: the public fields of an entry (zod drops the rest). */
const tokenStatus = (overrides: Partial<WaitlistEntry> = {}): WaitlistTokenStatus =>
  WaitlistTokenStatusSchema.parse(entry(overrides));

const tokenOf = (req: IncomingMessage) => req.headers["x-chat3d-token"];

function startWaitlistApi(routes: Record<string, RouteHandler> = {}) {
  return startApiServer({
    ...sessionRoutes({ user: null }),
    "GET /api/waitlist/status": (_request, res, req) =>
      tokenOf(req) === TOKEN
        ? sendJson(res, 200, { known: true, entry: tokenStatus() })
        : sendJson(res, 200, { known: false, message: STATUS_UNKNOWN }),
    ...routes,
  });
}

const steps = () => within(screen.getByRole("list", { name: "Progress of your request" })).getAllByRole("listitem");

describe("joining the waitlist", () => {
  it("when someone joins, then the answer is the same generic 'check your inbox' whatever the address", async () => {
    server = await startWaitlistApi({
      "POST /api/waitlist/join": (_request, res) =>
        sendJson(res, 202, { status: "check_your_email", message: GENERIC }),
    });
    renderApp({ path: "/waitlist", apiUrl: server.url });
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 1, name: "Join the Chat3D waitlist" })).toBeInTheDocument();
    const consent = screen.getByRole("checkbox", { name: "Also email me occasional news about Chat3D" });
    expect(consent).not.toBeChecked();
    expect(consent).toHaveAccessibleDescription(/no effect on your place on the waitlist/);

    await user.type(screen.getByLabelText("Email"), "  Grace@Example.com ");
    await user.click(consent);
    await user.click(screen.getByRole("button", { name: "Join the waitlist" }));

    const heading = await screen.findByRole("heading", { name: "Check your inbox" });
    expect(heading).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent(GENERIC);
    expect(screen.queryByRole("form", { name: "Join the waitlist" })).not.toBeInTheDocument();
    expect(server.calls("POST /api/waitlist/join")[0]?.body).toEqual({
      email: "grace@example.com",
      marketing_consent: true,
    });

    await user.click(screen.getByRole("button", { name: "Use a different email" }));
    expect(screen.getByRole("form", { name: "Join the waitlist" })).toBeInTheDocument();
  });

  it("when the address is not valid, then the field says so without asking the server", async () => {
    server = await startWaitlistApi();
    renderApp({ path: "/waitlist", apiUrl: server.url });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText("Email"), "not-an-email");
    await user.click(screen.getByRole("button", { name: "Join the waitlist" }));

    const email = screen.getByLabelText("Email");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Enter a valid email address.");
    expect(email).toHaveFocus();
    expect(server.calls("POST /api/waitlist/join")).toHaveLength(0);
  });

  it("when the server is rate limiting, then the form says when to try again", async () => {
    server = await startWaitlistApi({
      "POST /api/waitlist/join": (_request, res) =>
        sendError(res, 429, "rate_limited", "Too many requests.", { retry_after_s: 600 }),
    });
    renderApp({ path: "/waitlist", apiUrl: server.url });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText("Email"), "grace@example.com");
    await user.click(screen.getByRole("button", { name: "Join the waitlist" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("You can try again in 10 minutes.");
    expect(screen.queryByRole("heading", { name: "Check your inbox" })).not.toBeInTheDocument();
  });
});

describe("confirming a waitlist email", () => {
  function confirmApi(confirm: Record<string, RouteHandler> = {}) {
    return startWaitlistApi({
      "GET /api/waitlist/confirm-email": (_request, res, req) =>
        tokenOf(req) === TOKEN
          ? sendJson(res, 200, { email: "grace@example.com", status: "pending_email_confirmation", expired: false })
          : sendError(res, 404, "not_found", "This confirmation link is not valid."),
      "POST /api/waitlist/confirm-email": (_request, res) => sendJson(res, 200, { entry: entry() }),
      ...confirm,
    });
  }

  it("when the link is opened, then its token leaves the address, the page shows what will happen, and confirming shows the status", async () => {
    server = await confirmApi();
    const { router } = renderApp({ path: `/waitlist/confirm#token=${TOKEN}`, apiUrl: server.url });
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { name: "Confirm your email" })).toBeInTheDocument();
    expect(router.state.location.hash).toBe("");
    expect(screen.getByText("grace@example.com")).toBeInTheDocument();
    expect(server.calls("POST /api/waitlist/confirm-email")).toHaveLength(0);
    expect(server.calls("GET /api/waitlist/confirm-email")[0]?.query.toString()).toBe("");

    await user.click(screen.getByRole("button", { name: "Confirm my email" }));

    expect(await screen.findByRole("heading", { name: "Email confirmed" })).toHaveFocus();
    expect(server.calls("POST /api/waitlist/confirm-email")[0]?.body).toEqual({ token: TOKEN });
    expect(screen.getByText("Waiting for approval")).toBeInTheDocument();
    const [joined, confirmed, approval] = steps();
    expect(joined).toHaveTextContent("Joined the waitlist (Done)");
    expect(confirmed).toHaveTextContent("Email confirmed (Done)");
    expect(approval).toHaveTextContent("Approval (In progress)");
    expect(approval).toHaveAttribute("aria-current", "step");
  });

  it("when the email was confirmed meanwhile (409), then the page says so and shows where the request stands", async () => {
    server = await confirmApi({
      "POST /api/waitlist/confirm-email": (_request, res) =>
        sendError(res, 409, "already_confirmed", "This email is already confirmed."),
    });
    renderApp({ path: `/waitlist/confirm#token=${TOKEN}`, apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Confirm my email" }));

    expect(await screen.findByRole("heading", { name: "Your email is already confirmed" })).toBeInTheDocument();
    expect(await screen.findByRole("list", { name: "Progress of your request" })).toBeInTheDocument();
    expect(server.calls("GET /api/waitlist/status")).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Confirm my email" })).not.toBeInTheDocument();
  });

  it("when confirming is refused as invalid or expired (422), then the page offers to join again", async () => {
    server = await confirmApi({
      "POST /api/waitlist/confirm-email": (_request, res) =>
        sendError(
          res,
          422,
          "invalid_token",
          "This confirmation link is not valid or has expired. Join the waitlist again.",
        ),
    });
    renderApp({ path: `/waitlist/confirm#token=${TOKEN}`, apiUrl: server.url });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Confirm my email" }));

    expect(await screen.findByRole("heading", { name: "This link can't be used" })).toBeInTheDocument();
    expect(screen.getByText(/not valid or has expired/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Join the waitlist again" })).toHaveAttribute("href", "/waitlist");
  });

  it("when the link is not one the server knows (404), then no confirm button is offered", async () => {
    server = await confirmApi();
    renderApp({ path: `/waitlist/confirm#token=${"B".repeat(43)}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "This link isn't valid" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Confirm my email" })).not.toBeInTheDocument();
  });

  it("when the link has expired, then the page says so before anything is tried", async () => {
    server = await confirmApi({
      "GET /api/waitlist/confirm-email": (_request, res) =>
        sendJson(res, 200, { email: "grace@example.com", status: "pending_email_confirmation", expired: true }),
    });
    renderApp({ path: `/waitlist/confirm#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "This link has expired" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Confirm my email" })).not.toBeInTheDocument();
  });

  it("when the page is opened without a token, then it asks for the email link and calls nothing", async () => {
    server = await confirmApi();
    renderApp({ path: "/waitlist/confirm", apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "Open the link from your email" })).toBeInTheDocument();
    expect(server.calls("GET /api/waitlist/confirm-email")).toHaveLength(0);
  });
});

describe("waitlist status", () => {
  it("when opened with a token, then the entry's progress shows as a timeline", async () => {
    server = await startWaitlistApi({
      "GET /api/waitlist/status": (_request, res, req) =>
        tokenOf(req) === TOKEN
          ? sendJson(res, 200, { known: true, entry: tokenStatus({ status: "approved", marketing_consent: true }) })
          : sendJson(res, 200, { known: false, message: STATUS_UNKNOWN }),
    });
    const { router } = renderApp({ path: `/waitlist/status#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "Your waitlist status" })).toBeInTheDocument();
    expect(router.state.location.hash).toBe("");
    expect(await screen.findByText("Approved", { selector: "[data-slot=badge]" })).toBeInTheDocument();
    expect(steps().map((step) => step.textContent)).toEqual([
      expect.stringContaining("Joined the waitlist (Done)"),
      expect.stringContaining("Email confirmed (Done)"),
      expect.stringContaining("Approved (Done)"),
    ]);
    expect(screen.getByText(/personal sign-up link/)).toBeInTheDocument();
  });

  it("when a request was not approved, then the last step says so plainly", async () => {
    server = await startWaitlistApi({
      "GET /api/waitlist/status": (_request, res) =>
        sendJson(res, 200, { known: true, entry: tokenStatus({ status: "rejected" }) }),
    });
    renderApp({ path: `/waitlist/status#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("list", { name: "Progress of your request" })).toBeInTheDocument();
    expect(steps()[2]).toHaveTextContent("Not approved (Not approved)");
  });

  it("when opened without a token, then the generic message and a way to join show", async () => {
    server = await startWaitlistApi();
    renderApp({ path: "/waitlist/status", apiUrl: server.url });

    expect(await screen.findByText(STATUS_UNKNOWN)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Join the waitlist" })).toHaveAttribute("href", "/waitlist");
    expect(server.calls("GET /api/waitlist/status")).toHaveLength(1);
  });
});
