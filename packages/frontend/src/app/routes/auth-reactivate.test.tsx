import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { sessionRoutes } from "@/testing/accounts";
import { startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const GENERIC =
  "If this email belongs to an account that is waiting to be deleted, we've sent it a link to reactivate it.";

describe("reactivation page", () => {
  it("when someone asks for a reactivation link, then the generic answer shows in place of the form", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "POST /api/profile/reactivate/request": (_request, res) =>
        sendJson(res, 202, { status: "check_your_email", message: GENERIC }),
    });
    renderApp({ path: "/reactivate", apiUrl: server.url });

    expect(await screen.findByRole("heading", { level: 1, name: "Reactivate your account" })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email"), "  Ada@Example.com ");
    await user.click(screen.getByRole("button", { name: "Send reactivation link" }));

    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent(GENERIC);
    expect(server.calls("POST /api/profile/reactivate/request")[0]?.body).toEqual({ email: "ada@example.com" });
  });
});
