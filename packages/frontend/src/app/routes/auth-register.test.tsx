import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sendAuth, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PASSWORD = "a sturdy passphrase";
const TOKEN = "rt_4f8d2c9a1b7e6f3d5c0a9b8e7d6c5b4a";

describe("sign-up page", () => {
  it("when the server rejects fields, then each message shows under its field and is announced with it", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/register": (_request, res) =>
        sendError(res, 400, "validation_failed", "Some fields are not valid.", {
          email: ["Use an address at a domain that receives mail."],
          password: ["This password appeared in a data breach; choose another."],
        }),
    });

    renderApp({ path: "/register", apiUrl: server.url });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.invalid");
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    const email = screen.getByLabelText("Email");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Use an address at a domain that receives mail.");
    expect(email).toHaveFocus();
    const password = screen.getByLabelText("Password");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAccessibleDescription(
      "At least 10 characters. Avoid common or repetitive passwords. This password appeared in a data breach; choose another.",
    );
    expect(password).toHaveAttribute("autocomplete", "new-password");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when open sign-up is accepted, then the form gives way to the server's check-your-email message and nobody is signed in", async () => {
    const message =
      "Check your email: we sent a message to this address. Open its link to confirm your account, then sign in.";
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/register": (_request, res) => sendJson(res, 202, { status: "check_your_email", message }),
    });

    renderApp({ path: "/register", apiUrl: server.url });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByRole("heading", { level: 2, name: "Check your inbox" })).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent(message);
    expect(screen.queryByRole("form", { name: "Create account" })).not.toBeInTheDocument();
    const signIn = screen.getAllByRole("link", { name: "Sign in" }).map((link) => link.getAttribute("href"));
    expect(signIn).toContain("/login");
    expect(screen.queryByRole("button", { name: /Account menu/ })).not.toBeInTheDocument();
  });

  it("when registration needs an invitation, then the server's explanation shows as an alert", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/register": (_request, res) =>
        sendError(res, 403, "forbidden", "Registration is by invitation while the waitlist is on."),
    });

    renderApp({ path: "/register", apiUrl: server.url });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Registration is by invitation");
    expect(alert).toHaveTextContent("while the waitlist is on.");
  });

  it("when opened from an invitation link, then the token leaves the address, the email is fixed, and both are sent", async () => {
    const ada = makeUser({ email: "ada@example.com" });
    const session = { user: null as typeof ada | null };
    server = await startApiServer({
      ...sessionRoutes(session),
      "POST /api/auth/register": (_request, res) => {
        session.user = ada;
        sendAuth(res, ada, 201);
      },
    });

    const { router } = renderApp({
      path: `/register#token=${TOKEN}&email=${encodeURIComponent("ada@example.com")}`,
      apiUrl: server.url,
    });

    expect(await screen.findByRole("heading", { level: 1, name: "Accept your invitation" })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.hash).toBe(""));
    expect(router.state.location.pathname).toBe("/register");
    const email = screen.getByLabelText("Email");
    expect(email).toHaveValue("ada@example.com");
    expect(email).toHaveAttribute("readonly");
    expect(email).toHaveAccessibleDescription("Your invitation is for this address.");

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Name/), "Ada Lovelace");
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByRole("button", { name: "Account menu for ada@example.com" })).toBeInTheDocument();
    // Home sends a signed-in person on to the workspace.
    await waitFor(() => expect(router.state.location.pathname).toBe("/chat"));
    expect(server.calls("POST /api/auth/register")[0]?.body).toEqual({
      email: "ada@example.com",
      password: PASSWORD,
      display_name: "Ada Lovelace",
      registration_token: TOKEN,
    });
  });

  it("when opened from a waitlist approval link, then it says the request was approved, not that someone invited them", async () => {
    server = await startApiServer({ ...sessionRoutes({ user: null }) });
    const { router } = renderApp({
      path: `/register#token=${TOKEN}&email=${encodeURIComponent("ada@example.com")}&via=waitlist`,
      apiUrl: server.url,
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Your request was approved" })).toBeInTheDocument();
    expect(screen.queryByText(/invited to Chat3D|your invitation/i)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Your approved request is for this address.");
    // The fragment moves into history state: a reload keeps the wording.
    await waitFor(() => expect(router.state.location.hash).toBe(""));
    expect(router.state.location.state).toMatchObject({ invitation: { approved: true } });
  });

  it("when an invitation link has been used up, then the alert says the invitation can't be used", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/register": (_request, res) =>
        sendError(res, 422, "invalid_registration_token", "This registration link is invalid or has expired."),
    });

    renderApp({ path: `/register#token=${TOKEN}`, apiUrl: server.url });
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Accept your invitation" })).toBeInTheDocument();
    const email = screen.getByLabelText("Email");
    expect(email).not.toHaveAttribute("readonly");
    await user.type(email, "ada@example.com");
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This invitation can't be used");
    expect(alert).toHaveTextContent("This registration link is invalid or has expired.");
  });
});

describe("sign-up page while the waitlist is on", () => {
  const waitlistOn = {
    ...sessionRoutes({ user: null }),
    "GET /api/auth/registration": (_request: unknown, res: Parameters<typeof sendJson>[0]) =>
      sendJson(res, 200, { waitlist_enabled: true }),
  };

  it("when someone arrives without an invitation, then an explanation points them to the waitlist instead of the form", async () => {
    server = await startApiServer(waitlistOn);

    renderApp({ path: "/register", apiUrl: server.url });

    const note = await screen.findByRole("note");
    expect(note).toHaveTextContent("Registration is by invitation");
    expect(screen.getByRole("link", { name: "Join the waitlist" })).toHaveAttribute("href", "/waitlist");
    expect(screen.queryByRole("form", { name: "Create account" })).not.toBeInTheDocument();
  });

  it("when someone arrives with an invitation link, then they see the normal form", async () => {
    server = await startApiServer(waitlistOn);

    renderApp({ path: `/register#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "Accept your invitation" })).toBeInTheDocument();
    await waitFor(() => expect(server?.calls("GET /api/auth/registration")).toHaveLength(1));
    expect(screen.getByRole("form", { name: "Create account" })).toBeInTheDocument();
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
  });

  it("when the server refuses registration, then the alert links to the waitlist", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/register": (_request, res) =>
        sendError(res, 403, "forbidden", "Registration is by invitation while the waitlist is on."),
    });

    renderApp({ path: "/register", apiUrl: server.url });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("link", { name: "Join the waitlist" })).toHaveAttribute("href", "/waitlist");
  });
});
