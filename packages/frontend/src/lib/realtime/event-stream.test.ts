import type { EventPayload } from "@chat3d/shared";
import { waitFor } from "@testing-library/react";
import { EventSource } from "eventsource";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openStream, type StreamConnection } from "@/testing/event-stream-server";
import { sendJson, startTestServer, type TestServer } from "@/testing/test-server";
import { EventStream, type ConnectionState, type EventStreamOptions } from "./event-stream";

const notification: EventPayload<"notification.created"> = {
  id: "41",
  event_type: "account.password_reset_sent",
  payload: { title: "Password reset sent" },
  read_at: null,
  created_at: "2025-06-15T12:00:00.000Z",
};

const settings: EventPayload<"admin.settings.updated"> = {
  waitlist_enabled: true,
  invitations_enabled: false,
  invitation_waitlist_required: false,
  invitation_quota_per_user: 5,
  daily_query_limit: null,
  monthly_cost_cap_usd: null,
  updated_at: "2025-06-15T12:00:00.000Z",
  updated_by: null,
};

let server: TestServer | undefined;
let stream: EventStream | undefined;

afterEach(async () => {
  stream?.stop();
  stream = undefined;
  await server?.close();
  server = undefined;
});

/** A stream endpoint that accepts connections, or answers `refuseWith` while that is set. */
async function startStreamServer({ retryMs = 3_000 }: { retryMs?: number } = {}) {
  const connections: StreamConnection[] = [];
  const attempts: { at: number; url: URL; lastEventIdHeader?: string }[] = [];
  const control = { refuseWith: null as number | null };
  server = await startTestServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const header = req.headers["last-event-id"];
    attempts.push({ at: Date.now(), url, lastEventIdHeader: typeof header === "string" ? header : undefined });
    if (control.refuseWith !== null) {
      return sendJson(res, control.refuseWith, { error: { code: "unavailable", message: "Not now." } });
    }
    connections.push(openStream(req, res, { retryMs, lastEventId: "10" }));
  });
  return { url: `${server.url}/api/events/stream`, connections, attempts, control };
}

function createStream(url: string, options: Partial<EventStreamOptions> = {}) {
  const states: ConnectionState[] = [];
  stream = new EventStream({ url, EventSource, random: () => 0.5, ...options });
  stream.subscribeState(() => states.push(stream!.state));
  return { stream, states };
}

describe("EventStream", () => {
  it("when several subscribers listen, then one connection serves them all, each getting only its type", async () => {
    const { url, connections, attempts } = await startStreamServer();
    const { stream } = createStream(url);
    const first = vi.fn();
    const second = vi.fn();
    const onSettings = vi.fn();
    stream.subscribe("notification.created", first);
    stream.subscribe("notification.created", second);
    stream.subscribe("admin.settings.updated", onSettings);

    stream.start();
    stream.start();
    await waitFor(() => expect(stream.state).toBe("open"));
    connections[0]!.send({ id: "11", event: "notification.created", data: notification });
    connections[0]!.send({ id: "12", event: "admin.settings.updated", data: settings });

    await waitFor(() => expect(onSettings).toHaveBeenCalledWith(settings));
    expect(first).toHaveBeenCalledExactlyOnceWith(notification);
    expect(second).toHaveBeenCalledExactlyOnceWith(notification);
    expect(attempts).toHaveLength(1);
    expect(stream.lastEventId).toBe("12");
  });

  it("when a payload breaks its schema or a handler throws, then that is logged and the next event still arrives", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { url, connections } = await startStreamServer();
    const { stream } = createStream(url);
    const received = vi.fn();
    stream.subscribe("notification.created", () => {
      throw new Error("broken subscriber");
    });
    stream.subscribe("notification.created", received);
    stream.start();
    await waitFor(() => expect(connections).toHaveLength(1));

    connections[0]!.send({ id: "11", event: "notification.created", data: { id: 41, payload: "nope" } });
    connections[0]!.write("id: 12\nevent: notification.created\ndata: {not json\n\n");
    connections[0]!.send({ id: "13", event: "notification.created", data: notification });

    await waitFor(() => expect(received).toHaveBeenCalledExactlyOnceWith(notification));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toMatch(/Dropped a "notification.created" event/);
    expect(error).toHaveBeenCalledOnce();
    expect(stream.lastEventId).toBe("13");
  });

  it("when the browser gives up on the stream, then it backs off, reconnects from the last id and asks for a resync", async () => {
    const { url, connections, attempts, control } = await startStreamServer({ retryMs: 10 });
    const onConnectionLost = vi.fn();
    const onResync = vi.fn();
    const { stream, states } = createStream(url, {
      backoff: { baseMs: 100, capMs: 1_000 },
      onConnectionLost,
      onResync,
    });
    stream.start();
    await waitFor(() => expect(stream.state).toBe("open"));
    connections[0]!.send({ id: "11", event: "notification.created", data: notification });
    await waitFor(() => expect(stream.lastEventId).toBe("11"));

    // The server goes away: the EventSource retries once by itself, is refused, and closes for good.
    control.refuseWith = 503;
    connections[0]!.end();
    await waitFor(() => expect(attempts.length).toBeGreaterThanOrEqual(4), { timeout: 3_000 });
    control.refuseWith = null;
    await waitFor(() => expect(connections).toHaveLength(2), { timeout: 3_000 });
    // Once when first live, once more when live again after the drop.
    await waitFor(() => expect(onResync).toHaveBeenCalledTimes(2));

    const [, ownRetry, firstBackoff, secondBackoff] = attempts;
    expect(ownRetry!.lastEventIdHeader).toBe("11");
    expect(firstBackoff!.url.searchParams.get("lastEventId")).toBe("11");
    expect(secondBackoff!.url.searchParams.get("lastEventId")).toBe("11");
    expect(connections[1]!.url.searchParams.get("lastEventId")).toBe("11");
    // 100 ms, then 200 ms, then 400 ms (jitter pinned to the middle).
    expect(firstBackoff!.at - ownRetry!.at).toBeGreaterThanOrEqual(90);
    expect(secondBackoff!.at - firstBackoff!.at).toBeGreaterThanOrEqual(190);
    expect(attempts.at(-1)!.at - secondBackoff!.at).toBeGreaterThanOrEqual(390);
    expect(onConnectionLost).toHaveBeenCalledTimes(3);
    expect(states).toEqual(["connecting", "open", "reconnecting", "open"]);
  });

  it("when the stream first goes live, then what the page fetched before it is refreshed once", async () => {
    const { url } = await startStreamServer();
    const onResync = vi.fn();
    const { stream } = createStream(url, { onResync });
    stream.start();
    await waitFor(() => expect(stream.state).toBe("open"));
    await waitFor(() => expect(onResync).toHaveBeenCalledOnce());
  });

  it("when a reset arrives, then it asks for a resync and resumes from the reset's id", async () => {
    const { url, connections } = await startStreamServer();
    const onResync = vi.fn();
    const { stream } = createStream(url, { onResync });
    stream.start();
    await waitFor(() => expect(onResync).toHaveBeenCalledOnce());

    connections[0]!.send({ id: "90", event: "reset", data: { reason: "too_far_behind" } });

    await waitFor(() => expect(onResync).toHaveBeenCalledTimes(2));
    expect(stream.lastEventId).toBe("90");
  });

  it("when the browser goes offline and back, then it waits, then reconnects at once from where it was", async () => {
    const { url, connections } = await startStreamServer();
    const { stream } = createStream(url, { backoff: { baseMs: 60_000, capMs: 60_000 } });
    stream.start();
    await waitFor(() => expect(stream.state).toBe("open"));

    window.dispatchEvent(new Event("offline"));
    expect(stream.state).toBe("offline");
    await waitFor(() => expect(connections[0]!.closed).toBe(true));

    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(connections).toHaveLength(2));
    expect(connections[1]!.url.searchParams.get("lastEventId")).toBe("10");
    await waitFor(() => expect(stream.state).toBe("open"));
  });

  it("when stopped, then the connection closes, nothing reconnects, and the next start begins afresh", async () => {
    const { url, connections, attempts } = await startStreamServer();
    const { stream } = createStream(url, { backoff: { baseMs: 10, capMs: 10 } });
    stream.start();
    await waitFor(() => expect(stream.state).toBe("open"));

    stream.stop();
    expect(stream.state).toBe("idle");
    await waitFor(() => expect(connections[0]!.closed).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toHaveLength(1);

    stream.start();
    await waitFor(() => expect(connections).toHaveLength(2));
    expect(connections[1]!.url.searchParams.has("lastEventId")).toBe(false);
  });
});
