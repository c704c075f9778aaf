import { screen, waitFor } from "@testing-library/react";
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

const ada = makeUser({ email: "ada@example.com", display_name: null });

async function signInAs(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  return user;
}

describe("sign-in page", () => {
  it("when the credentials are right, then the person is signed in and taken home, with the account in the top bar", async () => {
    const session = { user: null as typeof ada | null };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = await startApiServer({
      ...sessionRoutes(session),
      "POST /api/auth/login": async (_request, res) => {
        await gate;
        session.user = ada;
        sendAuth(res, ada);
      },
    });

    const { router } = renderApp({ path: "/login", apiUrl: server.url });
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to Chat3D" })).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("autocomplete", "email");
    expect(screen.getByLabelText("Password")).toHaveAttribute("autocomplete", "current-password");

    await signInAs("  Ada@Example.com ", "correct horse battery");

    const pending = screen.getByRole("button", { name: "Signing in…" });
    expect(pending).toBeDisabled();
    release();

    expect(await screen.findByRole("button", { name: "Account menu for ada@example.com" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/");
    expect(server.calls("POST /api/auth/login")[0]?.body).toEqual({
      email: "ada@example.com",
      password: "correct horse battery",
    });
  });

  it("when the credentials are wrong, then one generic message shows and no field is blamed", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/login": (_request, res) =>
        sendError(res, 401, "invalid_credentials", "The email or password is incorrect."),
    });

    renderApp({ path: "/login", apiUrl: server.url });
    await signInAs("ada@example.com", "wrong password");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't sign you in");
    expect(alert).toHaveTextContent("The email or password is incorrect.");
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(server.calls("POST /api/auth/refresh")).toHaveLength(1);
  });

  it("when the account is waiting to be deleted, then the sign-in page says so and sends a reactivation link in one click", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/login": (_request, res) =>
        sendError(res, 403, "account_pending_deletion", "This account is deactivated and will be deleted.", {
          deactivated_until: "2026-03-31T10:00:00.000Z",
        }),
      "POST /api/profile/reactivate/request": (_request, res) =>
        sendJson(res, 202, { status: "check_your_email", message: "If this email belongs to an account…" }),
    });
    renderApp({ path: "/login", apiUrl: server.url });
    const user = await signInAs("ada@example.com", "right-password");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This account is waiting to be deleted");
    expect(alert).toHaveTextContent("Mar 31, 2026");
    await user.click(screen.getByRole("button", { name: "Email me a reactivation link" }));
    expect(await screen.findByText(/We've sent a reactivation link to ada@example.com/)).toBeInTheDocument();
    expect(server.calls("POST /api/profile/reactivate/request")[0]?.body).toEqual({ email: "ada@example.com" });
  });

  it("when too many attempts were made, then it says when to try again", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/auth/login": (_request, res) =>
        sendError(res, 429, "rate_limited", "Too many attempts. Wait a moment and try again.", { retry_after_s: 840 }),
    });

    renderApp({ path: "/login", apiUrl: server.url });
    await signInAs("ada@example.com", "whatever it is");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many attempts");
    expect(alert).toHaveTextContent("You can try again in 14 minutes.");
  });

  it("when the form is sent empty, then each field says what it needs, the first gets focus, and nothing is sent", async () => {
    server = await startApiServer(sessionRoutes({ user: null }));

    renderApp({ path: "/login", apiUrl: server.url });
    await userEvent.click(await screen.findByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("Email");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Enter a valid email address.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(email).toHaveFocus();
    expect(server.calls("POST /api/auth/login")).toHaveLength(0);

    await userEvent.type(email, "a");
    expect(email).not.toHaveAttribute("aria-invalid");
  });

  it("when the password is shown, then the field turns to text and back", async () => {
    server = await startApiServer(sessionRoutes({ user: null }));

    renderApp({ path: "/login", apiUrl: server.url });
    const password = await screen.findByLabelText("Password");
    expect(password).toHaveAttribute("type", "password");

    await userEvent.click(screen.getByRole("button", { name: "Show password" }));
    expect(password).toHaveAttribute("type", "text");
    await userEvent.click(screen.getByRole("button", { name: "Hide password" }));
    expect(password).toHaveAttribute("type", "password");
  });

  it("when someone already signed in opens the sign-in page, then they go home without seeing the form", async () => {
    server = await startApiServer(sessionRoutes({ user: ada }));

    const { router } = renderApp({ path: "/login", apiUrl: server.url });

    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(screen.queryByRole("button", { name: "Sign in" })).not.toBeInTheDocument();
  });
});

describe("sign-in page footer and top bar", () => {
  it.each([
    [true, ["Join the waitlist"], "/waitlist"],
    [false, ["Create an account", "Create account"], "/register"],
  ])("when the waitlist is %s, then the page offers %j", async (waitlistEnabled, names, href) => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "GET /api/auth/registration": (_request, res) => sendJson(res, 200, { waitlist_enabled: waitlistEnabled }),
    });

    renderApp({ path: "/login", apiUrl: server.url });

    for (const name of names) {
      const links = await screen.findAllByRole("link", { name });
      for (const link of links) expect(link).toHaveAttribute("href", href);
    }
    if (waitlistEnabled) {
      // Both the footer and the top bar point at the waitlist, and nothing offers an open sign-up.
      expect(await screen.findAllByRole("link", { name: "Join the waitlist" })).toHaveLength(2);
      expect(screen.queryByRole("link", { name: /^Create (an )?account$/ })).not.toBeInTheDocument();
      expect(screen.getByText(/Registration is by invitation/)).toBeInTheDocument();
    } else {
      expect(screen.queryByRole("link", { name: "Join the waitlist" })).not.toBeInTheDocument();
    }
  });
});
