import { NotificationListSchema, ReplayResponseSchema } from "@chat3d/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { openStream } from "../helpers/sse-client.js";

let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  a = await startTestApp({ SSE_HEARTBEAT_MS: "300", SSE_MAX_STREAMS_PER_USER: "3" });
  // Instance B: same database and Redis key space, as a second API replica behind the proxy.
  b = await startTestApp({
    DATABASE_URL: a.database.url,
    REDIS_KEY_PREFIX: a.server.container.config.REDIS_KEY_PREFIX,
    MIGRATE_ON_START: "false",
  });
});
afterAll(async () => {
  await b.server.stop();
  await b.database.drop();
  await a.stop();
});

async function signedIn(app = a) {
  const client = new TestClient(app.url);
  const email = uniqueEmail();
  const res = await signUp(app, client, { email, password: PASSWORD }, { confirm: false });
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return { client, cookie, id: res.body.user.id as string, email, token: res.body.access_token as string };
}

const notify = (app: TestApp, userId: string, n: number) =>
  app.server.container.services.notifications.notify(userId, "test.ping", { n }, app.server.container.db);

describe("the event stream", () => {
  it("when it opens, then the bytes follow SSE framing: retry, ready, then id/event/data lines and a blank line", async () => {
    const user = await signedIn();
    const stream = await openStream(a.url, { cookie: user.cookie });
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === "ready");
    expect(stream.raw()).toMatch(/^retry: 3000\n\nid: (\d+)\nevent: ready\ndata: \{"last_event_id":"\1"\}\n\n/);

    const sent = await notify(a, user.id, 1);
    const event = await stream.next((e) => e.event === "notification.created");
    expect(event.data).toEqual(sent);
    const frame = stream.raw().slice(stream.raw().indexOf(`id: ${event.id}\n`));
    // The payload comes back from the log's JSONB, whose key order is its own: compare it as JSON.
    const [, data] = frame.match(new RegExp(`^id: ${event.id}\nevent: notification\\.created\ndata: (\\{.*\\})\n\n`))!;
    expect(JSON.parse(data!)).toEqual(sent);
    stream.close();
  });

  it("when an event is published on instance B, then a client of instance A receives it through the event log", async () => {
    const user = await signedIn();
    const stream = await openStream(a.url, { cookie: user.cookie });
    await stream.next((e) => e.event === "ready");
    await notify(b, user.id, 42);
    expect((await stream.next((e) => e.event === "notification.created")).data.payload).toEqual({ n: 42 });
    stream.close();
  });

  it("when another user's event is published, then it never reaches this user's stream", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const stream = await openStream(a.url, { cookie: alice.cookie });
    await stream.next((e) => e.event === "ready");
    await notify(b, bob.id, 1);
    await notify(a, bob.id, 2);
    await notify(a, alice.id, 3);
    await stream.next((e) => e.event === "notification.created");
    expect(stream.events.filter((e) => e.event === "notification.created").map((e) => e.data.payload)).toEqual([
      { n: 3 },
    ]);
    stream.close();
  });

  it("when a client reconnects with Last-Event-ID, then it receives exactly the missed events once, then live ones", async () => {
    const user = await signedIn();
    const first = await openStream(a.url, { cookie: user.cookie });
    await first.next((e) => e.event === "ready");
    await notify(a, user.id, 1);
    const seen = await first.next((e) => e.event === "notification.created");
    first.close();
    await first.ended;

    await notify(a, user.id, 2);
    await notify(b, user.id, 3);
    const again = await openStream(b.url, { cookie: user.cookie, lastEventId: seen.id });
    await again.next((e) => e.event === "ready");
    await notify(a, user.id, 4);
    await again.next((e) => e.event === "notification.created" && e.data.payload.n === 4);
    const replayed = ReplayResponseSchema.parse((await user.client.get(`/api/events/replay?after=${seen.id}`)).body);
    expect(replayed.events.map((e) => (e.data as { payload: { n: number } }).payload.n)).toEqual([2, 3, 4]);
    const payloads = again.events.filter((e) => e.event === "notification.created").map((e) => e.data.payload.n);
    expect(payloads).toEqual([2, 3, 4]);
    again.close();

    const viaQuery = await openStream(a.url, { cookie: user.cookie, query: `?lastEventId=${seen.id}` });
    await viaQuery.next((e) => e.event === "ready");
    expect(viaQuery.events.filter((e) => e.event === "notification.created").map((e) => e.data.payload.n)).toEqual([
      2, 3, 4,
    ]);
    viaQuery.close();
  });

  it("when the client is too far behind, then it gets a reset carrying the newest id", async () => {
    const user = await signedIn();
    const latestId = async () =>
      (await sql<{ max: string }>`SELECT COALESCE(MAX(id), 0)::text AS max FROM event_log`.execute(a.database.db))
        .rows[0]!.max;
    const before = await latestId();
    await sql`INSERT INTO event_log (user_id, event_type, payload)
      SELECT ${user.id}::uuid, 'notification.created', '{}'::jsonb FROM generate_series(1, 501)`.execute(a.database.db);
    const stream = await openStream(a.url, { cookie: user.cookie, lastEventId: before });
    const reset = await stream.next((e) => e.event === "reset");
    expect(reset.id).toBe(await latestId());
    expect(stream.events.filter((e) => e.event === "notification.created")).toEqual([]);
    stream.close();

    const replay = ReplayResponseSchema.parse((await user.client.get(`/api/events/replay?after=${before}`)).body);
    expect(replay).toEqual({ reset: true, events: [] });
  });

  it("when the stream is idle, then heartbeat comments keep it alive", async () => {
    const user = await signedIn();
    const stream = await openStream(a.url, { bearer: user.token });
    await vi.waitFor(() => expect(stream.raw().match(/(?<=\n\n): heartbeat\n\n/g)?.length).toBeGreaterThanOrEqual(2), {
      timeout: 5000,
    });
    stream.close();
  });

  it("when the user is deactivated, then the status event arrives and the stream closes on every instance", async () => {
    const user = await signedIn();
    const admin = new TestClient(a.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const onA = await openStream(a.url, { cookie: user.cookie });
    const onB = await openStream(b.url, { cookie: user.cookie });
    await Promise.all([onA.next((e) => e.event === "ready"), onB.next((e) => e.event === "ready")]);

    expect((await admin.patch(`/api/admin/users/${user.id}/deactivate`)).status).toBe(200);
    for (const stream of [onA, onB]) {
      const event = await stream.next((e) => e.event === "account.status.changed");
      expect(event.data).toMatchObject({ user_id: user.id, status: "deactivated" });
      await stream.ended;
    }
    const refused = await openStream(a.url, { cookie: user.cookie });
    expect(refused.status).toBe(401);
  });

  it("when the user logs out in one tab, then only that session's streams close", async () => {
    const user = await signedIn();
    const other = new TestClient(a.url);
    await other.login(user.email, PASSWORD);
    const otherCookie = [...other.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const mine = await openStream(a.url, { cookie: user.cookie });
    const theirs = await openStream(b.url, { cookie: otherCookie });
    await Promise.all([mine.next((e) => e.event === "ready"), theirs.next((e) => e.event === "ready")]);

    await user.client.post("/api/auth/logout");
    await mine.ended;
    await notify(a, user.id, 7);
    expect((await theirs.next((e) => e.event === "notification.created")).data.payload).toEqual({ n: 7 });
    theirs.close();
  });

  it("when a user opens more streams than allowed, then the extra one is refused with 429", async () => {
    const user = await signedIn();
    const open = await Promise.all([1, 2, 3].map(() => openStream(a.url, { cookie: user.cookie })));
    await Promise.all(open.map((s) => s.next((e) => e.event === "ready")));
    const extra = await openStream(a.url, { cookie: user.cookie });
    expect(extra.status).toBe(429);
    open[0]!.close();
    await new Promise((r) => setTimeout(r, 100));
    const replacement = await openStream(a.url, { cookie: user.cookie });
    expect(replacement.status).toBe(200);
    for (const s of [...open, replacement]) s.close();
  });

  it("when a client stops reading, then the server cuts it off instead of buffering without bound", async () => {
    const user = await signedIn();
    const stream = await openStream(a.url, { cookie: user.cookie });
    await stream.next((e) => e.event === "ready");
    stream.pause();
    const big = "x".repeat(200_000);
    for (let i = 0; i < 60; i++)
      await a.server.container.services.notifications.notify(user.id, "test.big", { big, i }, a.server.container.db);
    stream.resume();
    await stream.ended;
    expect(stream.events.filter((e) => e.event === "notification.created").length).toBeLessThan(60);
  });

  it("when the request is unauthenticated or Last-Event-ID is malformed, then it answers 401 or 400", async () => {
    expect((await openStream(a.url, {})).status).toBe(401);
    const user = await signedIn();
    expect((await openStream(a.url, { cookie: user.cookie, lastEventId: "abc" })).status).toBe(400);
    expect((await user.client.get("/api/events/replay?after=-1")).status).toBe(400);
  });
});

describe("notifications", () => {
  it("when a notification is read in one tab, then the user's other tabs hear about it", async () => {
    const user = await signedIn();
    const note = await notify(a, user.id, 1);
    const otherTab = await openStream(b.url, { cookie: user.cookie });
    await otherTab.next((e) => e.event === "ready");
    await user.client.post(`/api/notifications/${note.id}/read`);
    expect((await otherTab.next((e) => e.event === "notification.read")).data).toEqual({ ids: [note.id], all: false });
    await user.client.post("/api/notifications/read-all");
    await notify(a, user.id, 2);
    await user.client.post("/api/notifications/read-all");
    expect((await otherTab.next((e) => e.event === "notification.read")).data).toEqual({ ids: [], all: true });
    otherTab.close();
  });

  it("when a user reads their notifications, then paging, unread counts and mark-read work on their own only", async () => {
    const user = await signedIn();
    const stranger = await signedIn();
    for (let n = 1; n <= 5; n++) await notify(a, user.id, n);
    const theirs = await notify(a, stranger.id, 99);

    const page = NotificationListSchema.parse((await user.client.get("/api/notifications?page_size=2")).body);
    expect(page.items.map((i) => i.payload.n)).toEqual([5, 4]);
    expect(page).toMatchObject({ total: 5, unread_count: 5 });

    const first = page.items[0]!;
    const read = await user.client.post(`/api/notifications/${first.id}/read`);
    expect(read.body.notification.read_at).not.toBeNull();
    expect((await user.client.get("/api/notifications/unread-count")).body).toEqual({ unread_count: 4 });

    expect((await user.client.post(`/api/notifications/${theirs.id}/read`)).status).toBe(404);
    expect((await user.client.post("/api/notifications/abc/read")).status).toBe(400);

    expect((await user.client.post("/api/notifications/read-all")).body).toEqual({ updated: 4 });
    const unread = NotificationListSchema.parse((await user.client.get("/api/notifications?unread_only=true")).body);
    expect(unread).toMatchObject({ total: 0, unread_count: 0 });
    expect((await stranger.client.get("/api/notifications/unread-count")).body).toEqual({ unread_count: 1 });
  });
});
