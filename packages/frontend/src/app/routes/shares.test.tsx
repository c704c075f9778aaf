import type { Share, SharedVersion } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EventSource } from "eventsource";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { makeVersion } from "@/testing/chat-api";
import { openStream, type StreamConnection } from "@/testing/event-stream-server";
import { formatBytes } from "@/lib/format-number";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function share(overrides: Partial<Share> = {}): Share {
  return {
    id: uuid(),
    version_id: uuid(),
    chat_context_id: uuid(),
    chat_name: "Bracket",
    version_number: 3,
    include_code: true,
    formats: ["step", "stl"],
    status: "active",
    expires_at: null,
    revoked_at: null,
    created_at: inDays(-1),
    ...overrides,
  };
}

describe("share links in the profile", () => {
  it("when a link is revoked, then a dialog asks first and the row says revoked; a link made in another tab shows up", async () => {
    const items = [share(), share({ chat_name: "Old lid", status: "expired", expires_at: inDays(-2) })];
    const streams: StreamConnection[] = [];
    server = await startApiServer({
      ...sessionRoutes({ user: makeUser() }),
      "GET /api/events/stream": (_request, res, req) => void streams.push(openStream(req, res, { retryMs: 20 })),
      "GET /api/shares": (_request, res) => sendJson(res, 200, { items }),
      "DELETE /api/shares/:id": ({ params }, res) => {
        const found = items.find((s) => s.id === params.id);
        if (!found) return sendError(res, 404, "not_found", "No such share.");
        Object.assign(found, { status: "revoked", revoked_at: new Date().toISOString() });
        sendJson(res, 200, { share: found });
      },
    });
    renderApp({ path: "/profile/shares", apiUrl: server.url, realtime: { EventSource } });
    const user = userEvent.setup();

    await screen.findByRole("list", { name: "Share links" });
    // Looked up each time: a refetch may render the list afresh.
    const rows = () => within(screen.getByRole("list", { name: "Share links" })).getAllByRole("listitem");
    expect(rows()[0]).toHaveTextContent("Bracket · version 3");
    expect(rows()[0]).toHaveTextContent("never expires·with code, STEP, STL");
    // Only a link that still opens can be revoked.
    expect(within(rows()[1]!).getByText("Expired")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Revoke the link to Old lid/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Revoke the link to Bracket, version 3" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke this link?" });
    expect(server.calls("DELETE /api/shares/:id")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Revoke link" }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(within(rows()[0]!).getByText("Revoked")).toBeInTheDocument();
    expect(server.calls("DELETE /api/shares/:id")[0]?.params.id).toBe(items[0]!.id);

    // Another tab shares a version: this one hears of it on its event stream.
    await waitFor(() => expect(streams).toHaveLength(1));
    const made = share({
      chat_name: "Hinge",
      version_number: 1,
      formats: [],
      include_code: false,
      expires_at: inDays(7),
    });
    // The server has it too, as it would: a refetch when the stream (re)connects must not take the row away again.
    items.unshift(made);
    streams[0]!.send({ id: "1", event: "share.updated", data: { share: made } });
    await waitFor(() => expect(rows()).toHaveLength(3));
    const hinge = rows().find((row) => row.textContent?.includes("Hinge"))!;
    expect(hinge).toHaveTextContent("model only");
    expect(hinge).not.toHaveTextContent("expires just now");
  });

  it("when there are no links, then the page says how to make one", async () => {
    server = await startApiServer({
      ...sessionRoutes({ user: makeUser() }),
      "GET /api/shares": (_request, res) => sendJson(res, 200, { items: [] }),
    });
    renderApp({ path: "/profile/shares", apiUrl: server.url });
    expect(await screen.findByText("No share links yet")).toBeInTheDocument();
    expect(screen.getByText(/Share a version from its model pane/)).toBeInTheDocument();
  });
});

describe("the public page of a link", () => {
  const TOKEN = "a".repeat(43);

  function shared(overrides: Partial<SharedVersion> = {}): SharedVersion {
    const version = makeVersion(uuid(), 2, "from build123d import *\nroot_part = Box(40, 20, 10)\n");
    return {
      name: "Bracket",
      number: 2,
      kind: "solid",
      created_at: version.created_at,
      metrics: version.metrics,
      parameters: {},
      code: version.code,
      files: version.files.filter((f) => f.role !== "code"),
      downloads: ["step"],
      expires_at: null,
      owner_display_name: "Ada Owner",
      shared_at: "2026-03-04T10:00:00.000Z",
      ...overrides,
    };
  }

  it("when the link is good, then the secret goes in the header, and the page shows the model, the downloads and the code", async () => {
    const version = shared();
    const headers: (string | undefined)[] = [];
    server = await startApiServer({
      "GET /api/shared": (_request, res, req) => {
        headers.push(req.headers["x-chat3d-token"] as string | undefined);
        sendJson(res, 200, { shared: version });
      },
      // The model file fails here (jsdom has no WebGL to draw it): the viewer falls back to the preview.
      "GET /api/shared/files/:fileId": (_request, res, req) => {
        headers.push(req.headers["x-chat3d-token"] as string | undefined);
        sendError(res, 404, "not_found", "No such file.");
      },
    });
    renderApp({ path: `/shared#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "Bracket" })).toBeInTheDocument();
    expect(screen.getByText(/^Version 2 · shared by Ada Owner on/)).toHaveTextContent("Mar 4, 2026");
    const step = version.files.find((f) => f.role === "model" && f.format === "step")!;
    expect(within(screen.getByRole("group", { name: "Downloads" })).getByRole("button")).toHaveAccessibleName(
      `Download STEP (${formatBytes(step.bytes)})`,
    );
    expect(screen.getByRole("heading", { name: "build123d code" })).toBeInTheDocument();
    expect(screen.getByText(/root_part = Box\(40, 20, 10\)/)).toBeInTheDocument();
    expect(document.querySelector('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
    await waitFor(() => expect(server!.calls("GET /api/shared/files/:fileId").length).toBeGreaterThan(0));
    expect(headers.every((h) => h === TOKEN)).toBe(true);
    // The secret never travels in a URL.
    expect(server.requests.every((r) => !r.path.includes(TOKEN) && !r.query.toString().includes(TOKEN))).toBe(true);
  });

  it("when a visitor looks at a shared part, then its measurements use the app's number format and it offers to make their own", async () => {
    const version = shared({ owner_display_name: null });
    version.metrics = { ...version.metrics, volume: 1234567.891, surface_area: 2500.125 };
    server = await startApiServer({
      ...sessionRoutes({ user: null }),
      "GET /api/auth/registration": (_request, res) => sendJson(res, 200, { waitlist_enabled: true }),
      "GET /api/shared": (_request, res) => sendJson(res, 200, { shared: version }),
      "GET /api/shared/files/:fileId": (_request, res) => sendError(res, 404, "not_found", "No such file."),
    });
    renderApp({ path: `/shared#token=${TOKEN}`, apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "Bracket" })).toBeInTheDocument();
    // No display name: the byline says when, never who by email.
    expect(screen.getByText(/^Version 2 · shared on/)).toBeInTheDocument();
    expect(screen.getByText("1.2M mm³")).toBeInTheDocument();
    expect(screen.getByText("2,500.13 mm²")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Make your own" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Join the waitlist" })).toHaveAttribute("href", "/waitlist");
  });

  it("when the link is revoked, expired or cut short, then the page says it does not work", async () => {
    server = await startApiServer({
      "GET /api/shared": (_request, res) => sendError(res, 404, "not_found", "No such link."),
    });
    const { unmount } = renderApp({ path: `/shared#token=${TOKEN}`, apiUrl: server.url });
    expect(await screen.findByText("This link doesn't work")).toBeInTheDocument();
    expect(server.calls("GET /api/shared")).toHaveLength(1);
    unmount();

    renderApp({ path: "/shared#token=short", apiUrl: server.url });
    expect(await screen.findByText("This link doesn't work")).toBeInTheDocument();
    expect(server.calls("GET /api/shared")).toHaveLength(1);
  });
});
