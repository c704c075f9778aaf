import type { AccountActionPreview, User } from "@chat3d/shared";
import { QueryClient } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer, type RouteHandler } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = "pr_".padEnd(43, "Z");
const NEW_PASSWORD = "a brand new passphrase";

function preview(overrides: Partial<AccountActionPreview> = {}): AccountActionPreview {
  return {
    action_type: "password_reset",
    email: "ada@example.com",
    new_email: null,
    status: "pending",
    expires_at: "2026-03-01T10:30:00.000Z",
    ...overrides,
  };
}

function startAccountApi(previewed: AccountActionPreview, routes: Record<string, RouteHandler> = {}) {
  return startApiServer({
    ...sessionRoutes({ user: null }),
    "GET /api/profile/actions/confirm": (_request, res, req) =>
      req.headers["x-chat3d-token"] === TOKEN
        ? sendJson(res, 200, previewed)
        : sendError(res, 404, "not_found", "This link is not valid."),
    ...routes,
  });
}

async function chooseNewPassword(password = NEW_PASSWORD, repeated = password) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("New password"), password);
  await user.type(screen.getByLabelText("Confirm new password"), repeated);
  await user.click(screen.getByRole("button", { name: "Change password" }));
  return user;
}

describe("account confirm page", () => {
  it("when a reset link is opened, then the token leaves the address, and the new password is set and every session ends", async () => {
    const ada = makeUser({ email: "ada@example.com" });
    const session = { user: ada as typeof ada | null };
    server = await startAccountApi(preview(), {
      ...sessionRoutes(session),
      "POST /api/profile/actions/confirm": (_request, res) => {
        session.user = null;
        sendJson(res, 200, { action: preview({ status: "completed" }) });
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

    const { router } = renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url, queryClient });

    expect(await screen.findByRole("heading", { level: 1, name: "Choose a new password" })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.hash).toBe(""));
    expect(screen.getByText("For the Chat3D account").parentElement).toHaveTextContent("ada@example.com");
    const password = screen.getByLabelText("New password");
    expect(password).toHaveAttribute("autocomplete", "new-password");
    expect(password).toHaveAccessibleDescription(/At least 10 characters.*Not a common password/);
    expect(screen.getByLabelText("Confirm new password")).toHaveAttribute("autocomplete", "new-password");

    await userEvent.click(screen.getAllByRole("button", { name: "Show password" })[0]!);
    expect(password).toHaveAttribute("type", "text");

    await chooseNewPassword();

    const heading = await screen.findByRole("heading", {
      level: 1,
      name: "Password changed — every device was signed out",
    });
    expect(heading).toHaveFocus();
    const signIn = screen.getAllByRole("link", { name: "Sign in" }).map((link) => link.getAttribute("href"));
    expect(signIn).toContain("/login");
    expect(screen.queryByRole("button", { name: /Account menu/ })).not.toBeInTheDocument();
    expect(queryClient.getQueryData(["auth", "me"])).toBeNull();
    expect(server.calls("POST /api/profile/actions/confirm")[0]?.body).toEqual({
      token: TOKEN,
      new_password: NEW_PASSWORD,
    });
    expect(router.state.location.pathname).toBe("/account/confirm");
  });

  it("when the two passwords differ or break the rules, then the fields say so and nothing is sent", async () => {
    server = await startAccountApi(preview());
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    await chooseNewPassword(NEW_PASSWORD, "something else entirely");
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription("The passwords don't match.");

    await userEvent.clear(screen.getByLabelText("New password"));
    await userEvent.type(screen.getByLabelText("New password"), "short");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Use at least 10 characters.")).toBeInTheDocument();
    expect(server.calls("POST /api/profile/actions/confirm")).toHaveLength(0);
  });

  it("when the server rejects the new password, then its message shows under the field", async () => {
    server = await startAccountApi(preview(), {
      "POST /api/profile/actions/confirm": (_request, res) =>
        sendError(res, 400, "validation_failed", "Some fields are not valid.", {
          new_password: ["This password appeared in a data breach; choose another."],
        }),
    });
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    await chooseNewPassword();

    const password = screen.getByLabelText("New password");
    await waitFor(() => expect(password).toHaveAttribute("aria-invalid", "true"));
    expect(password).toHaveAccessibleDescription(/This password appeared in a data breach; choose another\.$/);
    expect(password).toHaveFocus();
  });

  it.each([
    [409, "token_used", "This link was already used"],
    [409, "token_superseded", "A newer link replaced this one"],
    [422, "expired_token", "This link has expired"],
  ])("when confirming answers %i %s, then the page says '%s' and offers a new link", async (status, code, title) => {
    server = await startAccountApi(preview(), {
      "POST /api/profile/actions/confirm": (_request, res) => sendError(res, status, code, "Server explanation."),
    });
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    await chooseNewPassword();

    expect(await screen.findByRole("heading", { level: 1, name: title })).toHaveFocus();
    expect(screen.getByRole("link", { name: "Send a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
  });

  it.each([
    ["completed", "This link was already used"],
    ["expired", "This link has expired"],
    ["cancelled", "A newer link replaced this one"],
  ] as const)("when the preview says %s, then the page says '%s' without a form", async (status, title) => {
    server = await startAccountApi(preview({ status }));
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: title })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Send a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
  });

  it("when the link is unknown, then the page says it isn't valid", async () => {
    server = await startAccountApi(preview());
    const { router } = renderApp({ path: `/account/confirm#token=${"q".repeat(43)}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "This link isn't valid" })).toBeInTheDocument();
    expect(router.state.location.hash).toBe("");
    expect(screen.getByRole("link", { name: "Send a new link" })).toBeInTheDocument();
  });

  it("when an email change link is opened, then it names both addresses and one click moves the account", async () => {
    const change = preview({ action_type: "email_change", new_email: "ada@new.example" });
    server = await startAccountApi(change, {
      "POST /api/profile/actions/confirm": (_request, res) =>
        sendJson(res, 200, { action: { ...change, status: "completed" } }),
    });
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    expect(
      await screen.findByRole("heading", { level: 1, name: "Confirm your new email address" }),
    ).toBeInTheDocument();
    expect(screen.getByText("ada@new.example")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Use this email address" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Email address changed" })).toHaveFocus();
    expect(server.calls("POST /api/profile/actions/confirm")[0]?.body).toEqual({
      token: TOKEN,
      action_type: "email_change",
    });
  });

  it("when an email confirmation link is opened, then it names the address and one click confirms it for whoever is signed in here", async () => {
    const confirmation = preview({ action_type: "email_confirm" });
    const session = { user: makeUser({ email: "ada@example.com", email_confirmed: false }) as User | null };
    server = await startAccountApi(confirmation, {
      ...sessionRoutes(session),
      "POST /api/profile/actions/confirm": (_request, res) => {
        session.user = makeUser({ email: "ada@example.com", email_confirmed: true });
        sendJson(res, 200, { action: { ...confirmation, status: "completed" } });
      },
    });
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "Confirm your email address" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Confirm your email address" })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Confirm my email" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Email address confirmed" })).toHaveFocus();
    expect(server.calls("POST /api/profile/actions/confirm")[0]?.body).toEqual({
      token: TOKEN,
      action_type: "email_confirm",
    });
    // The signed-in user is asked for again, so the banner goes.
    await waitFor(() =>
      expect(screen.queryByRole("region", { name: "Confirm your email address" })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole("link", { name: "Go to your workspace" })).toHaveAttribute("href", "/chat");
  });

  it("when a deletion link is confirmed, then the person is signed out and the page says the account is deactivated", async () => {
    const ada = makeUser({ email: "ada@example.com" });
    const session = { user: ada as typeof ada | null };
    const deletion = preview({ action_type: "account_delete" });
    server = await startAccountApi(deletion, {
      ...sessionRoutes(session),
      "POST /api/profile/actions/confirm": (_request, res) => {
        session.user = null;
        sendJson(res, 200, { action: { ...deletion, status: "completed" } });
      },
    });
    renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

    await userEvent.setup().click(await screen.findByRole("button", { name: "Delete my account" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your account is deactivated" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute("href", "/login");
    expect(screen.queryByRole("button", { name: /Account menu/ })).not.toBeInTheDocument();
  });

  for (const [code, title] of [
    ["email_taken", "That address already has an account"],
    ["unsupported_action", "This link can't be used here"],
    ["account_deleted", "This account was deleted"],
  ] as const) {
    it(`when confirming answers ${code}, then the page says '${title}'`, async () => {
      server = await startAccountApi(preview({ action_type: "account_reactivate" }), {
        "POST /api/profile/actions/confirm": (_request, res) =>
          sendError(res, code === "unsupported_action" ? 422 : 409, code, "No."),
      });
      renderApp({ path: `/account/confirm#token=${TOKEN}`, apiUrl: server.url });

      await userEvent.setup().click(await screen.findByRole("button", { name: "Reactivate my account" }));
      expect(await screen.findByRole("heading", { level: 1, name: title })).toHaveFocus();
    });
  }

  it("when the page is opened without a link, then it asks for the email link and asks the server nothing", async () => {
    server = await startAccountApi(preview());
    renderApp({ path: "/account/confirm", apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "Open the link from your email" })).toBeInTheDocument();
    expect(server.calls("GET /api/profile/actions/confirm")).toHaveLength(0);
  });
});
