import type { DataExport } from "@chat3d/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ada = makeUser({ email: "ada@example.com" });
const CHECK = { status: "check_your_email", message: "We've sent a link to ada@example.com." };

function archive(overrides: Partial<DataExport> = {}): DataExport {
  return {
    id: uuid(),
    status: "ready",
    bytes: 3_400_000,
    created_at: "2026-03-01T10:00:00.000Z",
    completed_at: "2026-03-01T10:01:00.000Z",
    expires_at: "2026-03-08T10:00:00.000Z",
    ...overrides,
  };
}

async function startDataApi(items: DataExport[]) {
  server = await startApiServer({
    ...sessionRoutes({ user: ada }),
    "GET /api/profile/exports": (_request, res) => sendJson(res, 200, { items }),
    "POST /api/profile/export-data/request": (_request, res) => sendJson(res, 202, CHECK),
    "POST /api/profile/delete-account/request": (_request, res) => sendJson(res, 202, CHECK),
  });
  return server;
}

describe("profile data", () => {
  it("when a person asks for an export, then the email step shows, and a finished archive downloads by a plain link", async () => {
    const ready = archive();
    await startDataApi([ready, archive({ status: "building", bytes: null, completed_at: null })]);
    renderApp({ path: "/profile/data", apiUrl: server!.url });

    const list = await screen.findByRole("list", { name: "Your exports" });
    const download = within(list).getByRole("link", { name: "Download" });
    expect(download).toHaveAttribute("href", `/api/profile/exports/${ready.id}`);
    expect(within(list).getByText(/3\.2 MB/)).toBeInTheDocument();
    expect(within(list).getByText("Being built")).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole("button", { name: "Request an export" }));
    expect(await screen.findByText(CHECK.message)).toHaveAttribute("role", "status");
  });

  it("when a person deletes their account, then they must type their address and password, and only the password is sent", async () => {
    await startDataApi([]);
    renderApp({ path: "/profile/data", apiUrl: server!.url });
    expect(await screen.findByText("No exports yet")).toBeInTheDocument();

    const user = userEvent.setup();
    const form = screen.getByRole("form", { name: "Delete your account" });
    const typed = within(form).getByLabelText("Type ada@example.com to confirm");
    await user.type(typed, "ada@example.org");
    await user.type(within(form).getByLabelText("Current password"), "my-password-1");
    await user.click(within(form).getByRole("button", { name: "Email me a deletion link" }));
    expect(typed).toHaveAccessibleDescription("Type ada@example.com to confirm.");
    expect(server!.calls("POST /api/profile/delete-account/request")).toHaveLength(0);

    await user.clear(typed);
    await user.type(typed, "ADA@example.com");
    await user.click(within(form).getByRole("button", { name: "Email me a deletion link" }));
    expect(await screen.findByRole("status")).toHaveTextContent(CHECK.message);
    expect(server!.calls("POST /api/profile/delete-account/request")[0]?.body).toEqual({
      current_password: "my-password-1",
    });
  });
});
