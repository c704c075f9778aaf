import type { Session } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ada = makeUser({ email: "ada@example.com" });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function session(device: string, overrides: Partial<Session> = {}): Session {
  return {
    id: uuid(),
    device,
    user_agent: null,
    ip: "203.0.113.7",
    created_at: minutesAgo(600),
    last_seen_at: minutesAgo(5),
    current: false,
    ...overrides,
  };
}

async function startSecurityApi(items: Session[]) {
  const state = { items };
  server = await startApiServer({
    ...sessionRoutes({ user: ada }),
    "GET /api/profile/sessions": (_request, res) => sendJson(res, 200, { items: state.items }),
    "DELETE /api/profile/sessions/:id": ({ params }, res) => {
      state.items = state.items.filter((s) => s.id !== params.id);
      res.writeHead(204).end();
    },
    "POST /api/profile/sessions/revoke-others": (_request, res) => {
      const revoked = state.items.filter((s) => !s.current).length;
      state.items = state.items.filter((s) => s.current);
      sendJson(res, 200, { revoked });
    },
  });
  return server;
}

describe("profile security", () => {
  it("when a person opens Security, then each signed-in device shows with its address and one can be signed out", async () => {
    const phone = session("Safari on iOS");
    await startSecurityApi([session("Firefox on Linux", { current: true }), phone, session("Chrome on Windows")]);
    renderApp({ path: "/profile/security", apiUrl: server!.url });

    const list = await screen.findByRole("list", { name: "Signed-in devices" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(within(list).getByText("This device")).toBeInTheDocument();
    expect(screen.getByText("This device and 2 others are signed in.")).toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: "Sign out Firefox on Linux" })).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(list).getByRole("button", { name: "Sign out Safari on iOS" }));
    await waitFor(() => expect(within(list).queryByText("Safari on iOS")).not.toBeInTheDocument());
    expect(server!.calls("DELETE /api/profile/sessions/:id")[0]?.params.id).toBe(phone.id);

    await user.click(screen.getByRole("button", { name: "Sign out other devices" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out every other device?" });
    await user.click(within(dialog).getByRole("button", { name: "Sign out other devices" }));
    expect(await screen.findByText("Only this device is signed in.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out other devices" })).toBeDisabled();
  });

  it("when the current password is wrong, then the field says so; when it is right, then the password changes", async () => {
    await startSecurityApi([session("Firefox on Linux", { current: true })]);
    let attempts = 0;
    server!.on("POST /api/profile/password", (_request, res) => {
      attempts += 1;
      if (attempts === 1) {
        return sendError(res, 400, "wrong_password", "That is not your current password.", {
          current_password: ["That is not your current password."],
        });
      }
      sendJson(res, 200, { revoked: 2 });
    });
    renderApp({ path: "/profile/security", apiUrl: server!.url });

    const user = userEvent.setup();
    const current = await screen.findByLabelText("Current password");
    await user.type(current, "not-it");
    await user.type(screen.getByLabelText("New password"), "a-fresh-passphrase-2");
    await user.type(screen.getByLabelText("Confirm new password"), "a-fresh-passphrase-2");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    await waitFor(() => expect(current).toHaveAccessibleDescription("That is not your current password."));
    expect(current).toHaveFocus();

    await user.clear(current);
    await user.type(current, "the-right-one");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("2 other devices were signed out.")).toBeInTheDocument();
    expect(server!.calls("POST /api/profile/password")[1]?.body).toEqual({
      current_password: "the-right-one",
      new_password: "a-fresh-passphrase-2",
    });
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });
});
