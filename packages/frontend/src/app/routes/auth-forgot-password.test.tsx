import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const GENERIC = "If an account can sign in with this email, we've sent it a link to choose a new password.";

async function askForLink(email: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Email"), email);
  await user.click(screen.getByRole("button", { name: "Send reset link" }));
  return user;
}

describe("forgot-password page", () => {
  it("when someone follows 'Forgot your password?' and sends their email, then the generic answer shows as 'Check your inbox'", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/profile/reset-password/request": (_request, res) =>
        sendJson(res, 202, { status: "check_your_email", message: GENERIC }),
    });

    const { router } = renderApp({ path: "/login", apiUrl: server.url });
    await userEvent.click(await screen.findByRole("link", { name: "Forgot your password?" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Reset your password" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/forgot-password");

    const user = await askForLink("  Ada@Example.com ");

    const heading = await screen.findByRole("heading", { level: 2, name: "Check your inbox" });
    expect(heading).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent(GENERIC);
    expect(screen.queryByRole("form", { name: "Reset your password" })).not.toBeInTheDocument();
    expect(server.calls("POST /api/profile/reset-password/request")[0]?.body).toEqual({ email: "ada@example.com" });

    await user.click(screen.getByRole("button", { name: "Use a different email" }));
    expect(screen.getByRole("form", { name: "Reset your password" })).toBeInTheDocument();
  });

  it("when the server rejects the email, then the message shows under the field", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/profile/reset-password/request": (_request, res) =>
        sendError(res, 400, "validation_failed", "Some fields are not valid.", {
          email: ["That email address is too long."],
        }),
    });

    renderApp({ path: "/forgot-password", apiUrl: server.url });
    await askForLink("ada@example.com");

    expect(await screen.findByText("That email address is too long.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when too many links were asked for, then it says when to try again and keeps the form", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/profile/reset-password/request": (_request, res) =>
        sendError(res, 429, "rate_limited", "Too many requests.", { retry_after_s: 1800 }),
    });

    renderApp({ path: "/forgot-password", apiUrl: server.url });
    await askForLink("ada@example.com");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many attempts");
    expect(alert).toHaveTextContent("You can try again in 30 minutes.");
    expect(screen.getByRole("button", { name: "Send reset link" })).toBeEnabled();
    expect(screen.queryByRole("heading", { name: "Check your inbox" })).not.toBeInTheDocument();
  });

  it("when the email is not valid, then nothing is sent", async () => {
    server = await startApiServer(sessionRoutes({ user: null }));

    renderApp({ path: "/forgot-password", apiUrl: server.url });
    await askForLink("not an email");

    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    expect(server.calls("POST /api/profile/reset-password/request")).toHaveLength(0);
  });
});
