import type { AppSettings, Notification, User } from "@chat3d/shared";
import type { QueryClient } from "@tanstack/react-query";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EventSource } from "eventsource";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createQueryClient } from "@/lib/react-query";
import { openStream, type SentEvent, type StreamConnection } from "@/testing/event-stream-server";
import { renderApp } from "@/testing/render-app";
import { sendJson, startTestServer, type TestServer } from "@/testing/test-server";

const user: User = {
  id: "7d0c8d7e-5d0e-4b4e-9a57-1f0f0c4b2a11",
  email: "ada@example.com",
  display_name: "Ada",
  role: "user",
  status: "active",
  email_confirmed: true,
  created_at: "2025-01-01T00:00:00.000Z",
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function makeNotification(id: number, overrides: Partial<Notification> = {}): Notification {
  return {
    id: String(id),
    event_type: "account.password_reset_sent",
    payload: { title: `Notice ${id}`, body: `Details of notice ${id}.` },
    read_at: null,
    created_at: minutesAgo(id),
    ...overrides,
  };
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** The parts of the API the bell talks to, holding its notifications (newest first) in memory. */
async function startApi({ notifications = [] as Notification[] } = {}) {
  const state = {
    signedIn: true,
    notifications,
    streams: [] as StreamConnection[],
    streamAttempts: 0,
    reads: [] as string[],
    overrides: new Map<string, Route>(),
  };
  const unread = () => state.notifications.filter((n) => n.read_at === null).length;

  server = await startTestServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = `${req.method} ${url.pathname}`;
    const override = state.overrides.get(route);
    if (override) return override(req, res, url);
    if (route === "GET /api/events/stream") {
      state.streamAttempts += 1;
      if (!state.signedIn) return sendJson(res, 401, { error: { code: "unauthorized", message: "Sign in." } });
      state.streams.push(openStream(req, res, { retryMs: 20 }));
      return;
    }
    if (!state.signedIn) return sendJson(res, 401, { error: { code: "unauthorized", message: "Sign in." } });
    if (route === "GET /api/auth/me") return sendJson(res, 200, { user });
    if (route === "GET /api/notifications/unread-count") return sendJson(res, 200, { unread_count: unread() });
    if (route === "GET /api/notifications") {
      const page = Number(url.searchParams.get("page"));
      const size = Number(url.searchParams.get("page_size"));
      const items = state.notifications.slice((page - 1) * size, page * size);
      const total = state.notifications.length;
      return sendJson(res, 200, { items, total, page, page_size: size, unread_count: unread() });
    }
    if (route === "POST /api/notifications/read-all") {
      const updated = unread();
      state.notifications = state.notifications.map((n) => ({ ...n, read_at: n.read_at ?? new Date().toISOString() }));
      return sendJson(res, 200, { updated });
    }
    const read = /^POST \/api\/notifications\/(\d+)\/read$/.exec(route);
    if (read) {
      state.reads.push(read[1]!);
      state.notifications = state.notifications.map((n) =>
        n.id === read[1] ? { ...n, read_at: n.read_at ?? new Date().toISOString() } : n,
      );
      return sendJson(res, 200, { notification: state.notifications.find((n) => n.id === read[1]) });
    }
    sendJson(res, 404, { error: { code: "not_found", message: "No such route." } });
  });

  return {
    state,
    /** Pushes an event down every open stream, as the server does when something happens. */
    push(event: SentEvent) {
      for (const stream of state.streams) stream.send(event);
    },
  };
}

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The app with `user` signed in, as the auth query knows it after loading /api/auth/me. */
async function renderSignedIn(path = "/no-such-page") {
  const queryClient = createQueryClient();
  const url = server!.url;
  await queryClient.fetchQuery({
    queryKey: ["auth", "me"],
    queryFn: async () => {
      const res = await fetch(`${url}/api/auth/me`);
      return res.ok ? ((await res.json()) as { user: User }).user : null;
    },
  });
  const app = renderApp({
    path,
    apiUrl: url,
    queryClient,
    realtime: { EventSource, backoff: { baseMs: 50, capMs: 200 } },
  });
  return { ...app, queryClient };
}

const bell = (name: string | RegExp = /^Notifications/) => screen.findByRole("button", { name });
const panel = () => screen.getByRole("dialog", { name: "Notifications" });

async function openPanel() {
  await userEvent.click(await bell());
  return within(await screen.findByRole("dialog", { name: "Notifications" }));
}

describe("notification bell", () => {
  it("when a notification arrives on the stream, then the bell counts it, the open panel lists it, and a toast links to it", async () => {
    const api = await startApi({ notifications: [makeNotification(2), makeNotification(5)] });
    const { router } = await renderSignedIn();

    await bell("Notifications, 2 unread");
    const list = await openPanel();
    expect(await list.findByText("Notice 2")).toBeInTheDocument();
    expect(list.getByText("2 minutes ago")).toBeInTheDocument();
    await waitFor(() => expect(api.state.streams).toHaveLength(1));

    api.push({
      id: "31",
      event: "notification.created",
      data: makeNotification(9, {
        payload: { title: "Invitation accepted", link: "/invitations" },
        created_at: minutesAgo(0),
      }),
    });

    expect(await bell("Notifications, 3 unread")).toBeInTheDocument();
    const items = within(panel()).getAllByRole("listitem");
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(/Invitation accepted.*just now.*\(unread\)/);
    const toast = (await screen.findAllByText("Invitation accepted")).find((node) => !panel().contains(node));
    expect(toast).toBeDefined();

    await userEvent.click(screen.getByRole("button", { name: "View" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/invitations"));
    // Every subscriber (the cache effects and the bell) shares the tab's one connection.
    expect(api.state.streamAttempts).toBe(1);
  });

  it("when the server says to reset, then the bell and list are fetched again", async () => {
    const api = await startApi({ notifications: [makeNotification(1)] });
    await renderSignedIn();
    await bell("Notifications, 1 unread");
    await waitFor(() => expect(api.state.streams).toHaveLength(1));

    // Missed while the tab was away, and too many to replay.
    api.state.notifications = [makeNotification(4), makeNotification(3), makeNotification(2), makeNotification(1)];
    api.push({ id: "500", event: "reset", data: { reason: "too_far_behind" } });

    expect(await bell("Notifications, 4 unread")).toBeInTheDocument();
  });

  it("when an item is clicked, then it is marked read at once and its link followed", async () => {
    const api = await startApi({
      notifications: [
        makeNotification(1, { payload: { title: "Render finished", link: "/chat/42" } }),
        makeNotification(2),
      ],
    });
    const { router } = await renderSignedIn();
    const list = await openPanel();

    await userEvent.click(await list.findByRole("link", { name: /Render finished/ }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/chat/42"));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await bell("Notifications, 1 unread")).toBeInTheDocument();
    await waitFor(() => expect(api.state.reads).toEqual(["1"]));
  });

  it("when an item without a link is clicked, then it is marked read and the panel stays open", async () => {
    const api = await startApi({ notifications: [makeNotification(1)] });
    await renderSignedIn();
    const list = await openPanel();

    await userEvent.click(await list.findByRole("button", { name: /Notice 1/ }));

    expect(await bell("Notifications")).toBeInTheDocument();
    expect(list.getByRole("listitem")).not.toHaveTextContent("(unread)");
    expect(list.queryByRole("button", { name: /Notice 1/ })).not.toBeInTheDocument();
    await waitFor(() => expect(api.state.reads).toEqual(["1"]));
  });

  it("when marking all read fails, then it shows as read at once and is rolled back with an error", async () => {
    const api = await startApi({ notifications: [makeNotification(1), makeNotification(2)] });
    let fail!: () => void;
    const failed = new Promise<void>((resolve) => (fail = resolve));
    api.state.overrides.set("POST /api/notifications/read-all", async (_req, res) => {
      await failed;
      sendJson(res, 500, { error: { code: "internal", message: "Something went wrong on our side." } });
    });
    await renderSignedIn();
    const list = await openPanel();
    await list.findByText("Notice 1");

    await userEvent.click(list.getByRole("button", { name: "Mark all as read" }));

    expect(await bell("Notifications")).toBeInTheDocument();
    expect(list.queryByText("(unread)")).not.toBeInTheDocument();
    expect(list.getByRole("button", { name: "Mark all as read" })).toBeDisabled();

    fail();

    expect(await bell("Notifications, 2 unread")).toBeInTheDocument();
    expect(list.getAllByText("(unread)")).toHaveLength(2);
    expect(await screen.findByText("Couldn't mark notifications as read")).toBeInTheDocument();
  });

  it("when marking all read succeeds, then everything stays read", async () => {
    const api = await startApi({ notifications: [makeNotification(1), makeNotification(2)] });
    await renderSignedIn();
    const list = await openPanel();
    await list.findByText("Notice 1");

    await userEvent.click(list.getByRole("button", { name: "Mark all as read" }));

    expect(await bell("Notifications")).toBeInTheDocument();
    await waitFor(() => expect(api.state.notifications.every((n) => n.read_at !== null)).toBe(true));
    expect(list.queryByText("(unread)")).not.toBeInTheDocument();
  });

  it("when there is nothing, then the panel says so", async () => {
    await startApi();
    await renderSignedIn();
    const list = await openPanel();

    expect(await list.findByText("You're all caught up")).toBeInTheDocument();
    expect(list.queryByRole("button", { name: "Mark all as read" })).not.toBeInTheDocument();
  });

  it("when the list fails to load, then an error offers a retry that recovers", async () => {
    const api = await startApi({ notifications: [makeNotification(1)] });
    api.state.overrides.set("GET /api/notifications", (_req, res) =>
      sendJson(res, 403, { error: { code: "forbidden", message: "Not allowed right now." } }),
    );
    await renderSignedIn();
    const list = await openPanel();

    expect(await list.findByText("Couldn't load notifications")).toBeInTheDocument();
    expect(list.getByText("Not allowed right now.")).toBeInTheDocument();

    api.state.overrides.delete("GET /api/notifications");
    await userEvent.click(list.getByRole("button", { name: "Try again" }));

    expect(await list.findByText("Notice 1")).toBeInTheDocument();
  });

  it("when there are more than a page, then Load more brings the rest", async () => {
    const many = Array.from({ length: 25 }, (_, i) => makeNotification(i + 1));
    await startApi({ notifications: many });
    await renderSignedIn();

    expect(await bell("Notifications, 25 unread")).toBeInTheDocument();
    const list = await openPanel();
    await list.findByText("Notice 1");
    expect(list.getAllByRole("listitem")).toHaveLength(20);

    await userEvent.click(list.getByRole("button", { name: "Load more" }));

    await waitFor(() => expect(list.getAllByRole("listitem")).toHaveLength(25));
    expect(list.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("when over 99 are unread, then the badge caps at 99+ while the label keeps the count", async () => {
    await startApi({ notifications: Array.from({ length: 150 }, (_, i) => makeNotification(i + 1)) });
    await renderSignedIn();

    const button = await bell("Notifications, 150 unread");
    expect(button).toHaveTextContent("99+");
  });

  it("when used from the keyboard, then arrows move between items and Escape returns to the bell", async () => {
    await startApi({ notifications: [makeNotification(1), makeNotification(2), makeNotification(3)] });
    await renderSignedIn();
    (await bell("Notifications, 3 unread")).focus();

    await userEvent.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Notifications" });
    const [first, second, third] = await within(dialog).findAllByRole("button", { name: /^Notice/ });
    expect(dialog).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(first).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(second).toHaveFocus();
    await userEvent.keyboard("{End}");
    expect(third).toHaveFocus();
    await userEvent.keyboard("{ArrowUp}");
    expect(second).toHaveFocus();
    await userEvent.keyboard("{Home}");
    expect(first).toHaveFocus();

    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await bell("Notifications, 3 unread")).toHaveFocus();
  });
});

describe("live status", () => {
  it("when the connection stays down, then the top bar says so, and the note clears once the stream is back", async () => {
    const api = await startApi();
    await renderSignedIn();
    await waitFor(() => expect(api.state.streams).toHaveLength(1));

    act(() => void window.dispatchEvent(new Event("offline")));
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(await screen.findByRole("status", {}, { timeout: 6_000 })).toHaveTextContent("Offline");

    act(() => void window.dispatchEvent(new Event("online")));
    await waitFor(() => expect(api.state.streams).toHaveLength(2));
    await waitFor(() => expect(screen.queryByRole("status")).not.toBeInTheDocument());
  }, 10_000);
});

describe("event effects", () => {
  it("when settings change and another account changes status, then the admin caches follow", async () => {
    const api = await startApi();
    const { queryClient } = await renderSignedIn();
    queryClient.setQueryData(["admin", "users", { page: 1 }], { items: [] });
    await waitFor(() => expect(api.state.streams).toHaveLength(1));

    const settings: AppSettings = {
      waitlist_enabled: true,
      invitations_enabled: true,
      invitation_waitlist_required: false,
      invitation_quota_per_user: 3,
      daily_query_limit: null,
      monthly_cost_cap_usd: null,
      updated_at: "2025-06-15T12:00:00.000Z",
      updated_by: null,
    };
    api.push({ id: "40", event: "admin.settings.updated", data: settings });
    api.push({
      id: "41",
      event: "account.status.changed",
      data: {
        user_id: "0b5f6e2a-8c1d-4f3e-9a7b-2c4d6e8f0a1b",
        status: "deactivated",
        role: "user",
        changed_by: user.id,
      },
    });

    await waitFor(() => expect(queryClient.getQueryData(["admin", "settings"])).toEqual({ settings }));
    await waitFor(() => expect(queryClient.getQueryState(["admin", "users", { page: 1 }])?.isInvalidated).toBe(true));
    expect(queryClient.getQueryData(["auth", "me"])).toEqual(user);
  });

  it("when this account is deactivated, then the session is cleared with a notice and the stream closes", async () => {
    const api = await startApi();
    const { queryClient } = await renderSignedIn();
    await bell();
    await waitFor(() => expect(api.state.streams).toHaveLength(1));

    // Deactivation revokes every session before the event goes out.
    api.state.signedIn = false;
    api.push({
      id: "50",
      event: "account.status.changed",
      data: { user_id: user.id, status: "deactivated", role: "user", changed_by: null },
    });

    expect(await screen.findByText("Your account was deactivated")).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryData(["auth", "me"])).toBeNull());
    expect(screen.queryByRole("button", { name: /^Notifications/ })).not.toBeInTheDocument();
    await waitFor(() => expect(api.state.streams[0]!.closed).toBe(true));
  });

  it("when the stream is refused because the session is over, then the person is signed out and it stays closed", async () => {
    const api = await startApi();
    const { queryClient } = await renderSignedIn();
    await bell();
    await waitFor(() => expect(api.state.streams).toHaveLength(1));

    api.state.signedIn = false;
    api.state.streams[0]!.end();

    await waitFor(() => expect(queryClient.getQueryData(["auth", "me"])).toBeNull());
    expect(screen.queryByRole("button", { name: /^Notifications/ })).not.toBeInTheDocument();
    const attempts = api.state.streamAttempts;
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(api.state.streamAttempts).toBe(attempts);
  });

  it("when signed out, then no stream is opened and no bell shown", async () => {
    const api = await startApi();
    api.state.signedIn = false;
    const queryClient: QueryClient = createQueryClient();
    queryClient.setQueryData(["auth", "me"], null);
    renderApp({ path: "/no-such-page", apiUrl: server!.url, queryClient, realtime: { EventSource } });

    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Notifications/ })).not.toBeInTheDocument();
    expect(api.state.streamAttempts).toBe(0);
  });
});
