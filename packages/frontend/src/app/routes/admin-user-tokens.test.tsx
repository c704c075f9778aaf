import type { AccessToken } from "@chat3d/shared";
import { screen, within } from "@testing-library/react";
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

const admin = makeUser({ email: "root@example.com", role: "admin" });
const personId = "6f1d2a8e-8a53-4d6e-9f41-3c2f5d1b7a90";

function token(patch: Partial<AccessToken>): AccessToken {
  return {
    id: "0b5e3c1a-2d4f-4e6a-8b7c-9d0e1f2a3b4c",
    name: "CI runner",
    prefix: "c3d_pat_AbC123",
    scopes: ["read", "render"],
    created_at: "2026-12-01T10:00:00.000Z",
    last_used_at: null,
    expires_at: "2027-01-01T10:00:00.000Z",
    revoked_at: null,
    status: "active",
    ...patch,
  };
}

describe("a person's access tokens in the admin panel", () => {
  it("when an admin opens them, then each shows its scopes and state, and Revoke asks first and marks it revoked", async () => {
    const tokens = [
      token({}),
      token({
        id: "1c6f4d2b-3e5a-4f7b-9c8d-0e1f2a3b4c5d",
        name: "Old laptop",
        status: "revoked",
        revoked_at: "2026-12-02T10:00:00.000Z",
      }),
    ];
    const revoked: string[] = [];
    server = await startApiServer({
      ...sessionRoutes({ user: admin }),
      "GET /api/admin/users/:id/tokens": ({ params }, res) =>
        sendJson(res, 200, { tokens: params.id === personId ? tokens : [] }),
      "DELETE /api/admin/users/:id/tokens/:tokenId": ({ params }, res) => {
        revoked.push(params.tokenId!);
        const row = tokens.find((t) => t.id === params.tokenId)!;
        Object.assign(row, { status: "revoked", revoked_at: new Date().toISOString() });
        sendJson(res, 200, { token: row });
      },
    });
    renderApp({ path: `/admin/users/${personId}/tokens`, apiUrl: server.url });

    const list = await screen.findByRole("list", { name: "Access tokens" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/CI runner.*Read, Render.*never used.*Active/),
      expect.stringMatching(/Old laptop.*revoked.*Revoked/),
    ]);
    expect(within(rows[1]!).queryByRole("button", { name: /Revoke/ })).toBeNull();

    await userEvent.click(within(rows[0]!).getByRole("button", { name: "Revoke the token CI runner" }));
    await userEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Revoke token" }));
    expect(await within(rows[0]!).findByText("Revoked", { exact: true })).toBeInTheDocument();
    expect(revoked).toEqual([tokens[0]!.id]);
  });
});
