import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("app shell", () => {
  it("when a keyboard user starts tabbing, then the first stop skips to the content", async () => {
    renderApp();

    await userEvent.tab();
    const skip = screen.getByRole("link", { name: "Skip to content" });
    expect(skip).toHaveFocus();
    expect(skip).toHaveAttribute("href", "#main");
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
  });

  it("when a visitor opens the home page, then a landing page offers the way in and the top bar has no workspace", async () => {
    renderApp();

    expect(
      await screen.findByRole("heading", { level: 1, name: "Describe a part. Get a CAD model." }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Workspace" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Chat3D home" })).toHaveAttribute("href", "/");
  });

  it("when the address matches no page, then a 404 inside the shell leads back home", async () => {
    renderApp({ path: "/no/such/page" });

    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByText("/no/such/page")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Change theme" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("link", { name: "Back to home" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Describe a part. Get a CAD model." }),
    ).toBeInTheDocument();
  });

  it("when the signed-in address is unconfirmed, then a banner says what waits on it and resends the link on request", async () => {
    let resent = 0;
    server = await startApiServer({
      ...sessionRoutes({ user: makeUser({ email: "ada@example.com", email_confirmed: false }) }),
      "POST /api/auth/confirm-email/resend": (_request, res) => {
        resent += 1;
        if (resent > 1) return sendError(res, 429, "rate_limited", "Too many attempts. Wait a moment and try again.");
        sendJson(res, 202, { status: "check_your_email", message: "We sent a new confirmation link." });
      },
    });
    renderApp({ path: "/no/such/page", apiUrl: server.url });

    const banner = await screen.findByRole("region", { name: "Confirm your email address" });
    expect(banner).toHaveTextContent(
      "Open the link we sent to ada@example.com to invite people, share models and export your data.",
    );
    const user = userEvent.setup();
    await user.click(within(banner).getByRole("button", { name: "Resend email" }));
    expect(await within(banner).findByRole("status")).toHaveTextContent("New link sent.");
    await user.click(within(banner).getByRole("button", { name: "Resend email" }));
    expect(await within(banner).findByRole("alert")).toHaveTextContent("Too many attempts");
  });

  it("when the signed-in address is confirmed, then there is no banner", async () => {
    server = await startApiServer(sessionRoutes({ user: makeUser() }));
    renderApp({ path: "/no/such/page", apiUrl: server.url });
    expect(await screen.findByRole("button", { name: /Account menu/ })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Confirm your email address" })).not.toBeInTheDocument();
  });
});
