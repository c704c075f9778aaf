import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes } from "@/testing/accounts";
import { startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("profile account", () => {
  it("when a person saves a new name, then the whole app shows it; clearing it sends null", async () => {
    const session = { user: makeUser({ email: "ada@example.com", display_name: null }) };
    server = await startApiServer({
      ...sessionRoutes(session),
      "PATCH /api/profile": ({ body }, res) => {
        session.user = { ...session.user, display_name: (body as { display_name: string | null }).display_name };
        sendJson(res, 200, { user: session.user });
      },
    });
    renderApp({ path: "/profile", apiUrl: server.url });

    const user = userEvent.setup();
    const name = await screen.findByLabelText("Display name");
    await user.type(name, "  Ada Lovelace ");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByText("Name saved")).toBeInTheDocument();
    expect(server.calls("PATCH /api/profile")[0]?.body).toEqual({ display_name: "Ada Lovelace" });

    await user.clear(name);
    await user.click(screen.getByRole("button", { name: "Save name" }));
    await waitFor(() => expect(server!.calls("PATCH /api/profile")).toHaveLength(2));
    expect(server.calls("PATCH /api/profile")[1]?.body).toEqual({ display_name: null });
  });

  it("when a person asks to change their email, then the link goes to the new address and the form says so", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: makeUser({ email: "ada@example.com" }) }),
      "POST /api/profile/change-email/request": (_request, res) =>
        sendJson(res, 202, { status: "check_your_email", message: "We've sent a link to ada@new.example." }),
    });
    renderApp({ path: "/profile", apiUrl: server.url });

    const user = userEvent.setup();
    const form = await screen.findByRole("form", { name: "Change your email address" });
    await user.type(within(form).getByLabelText("New email address"), "Ada@New.Example");
    await user.type(within(form).getByLabelText("Current password"), "my-password-1");
    await user.click(within(form).getByRole("button", { name: "Send confirmation link" }));

    expect(await screen.findByRole("status")).toHaveTextContent("We've sent a link to ada@new.example.");
    expect(server.calls("POST /api/profile/change-email/request")[0]?.body).toEqual({
      new_email: "ada@new.example",
      current_password: "my-password-1",
    });
  });
});
