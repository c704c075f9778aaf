import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/database.js";
import { InProcessEventBus } from "../../src/lib/event-bus.js";
import { EventLogRepository } from "../../src/repositories/event-log.repository.js";
import { EventService } from "../../src/services/event.service.js";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { openStream } from "../helpers/sse-client.js";

let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({
    DATABASE_URL: a.database.url,
    REDIS_KEY_PREFIX: a.server.container.config.REDIS_KEY_PREFIX,
    MIGRATE_ON_START: "false",
  });
});
afterAll(async () => {
  await b.server.stop();
  await a.stop();
});

async function signedIn(app: TestApp) {
  const client = new TestClient(app.url);
  const res = await signUp(app, client, { email: uniqueEmail(), password: PASSWORD }, { confirm: false });
  return { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), id: res.body.user.id as string };
}

const ping = (userId: string, n: number) => ({
  type: "notification.read" as const,
  audience: { userId },
  payload: { ids: [String(n)], all: false },
});

describe("events as part of the transaction that causes them", () => {
  it("when the change rolls back, then its event is never logged nor sent, and later events still arrive", async () => {
    const user = await signedIn(a);
    const stream = await openStream(a.url, { cookie: user.cookie });
    await stream.next((e) => e.event === "ready");
    const { db, events } = a.server.container;

    await expect(
      db.transaction().execute(async (trx) => {
        await events.publish(ping(user.id, 1), trx);
        throw new Error("the change failed after announcing itself");
      }),
    ).rejects.toThrow("the change failed");
    await events.publish(ping(user.id, 2), db);

    const arrived = await stream.next((e) => e.event === "notification.read");
    expect(arrived.data.ids).toEqual(["2"]);
    const logged = await db.selectFrom("event_log").select("payload").where("user_id", "=", user.id).execute();
    expect(logged.map((r) => (r.payload as { ids: string[] }).ids)).toEqual([["2"]]);
    stream.close();
  });

  it("when the process that committed an event dies before any fan-out, then another instance delivers it and a reconnect replays it", async () => {
    const user = await signedIn(b);
    const live = await openStream(b.url, { cookie: user.cookie });
    const ready = await live.next((e) => e.event === "ready");

    // A "process" of its own: a connection pool and an EventService, but no relay and no streams. It
    // commits the event and is gone before anything of it could fan out.
    const doomed = createDatabase(a.database.url, 1);
    await new EventService({ log: new EventLogRepository(doomed), bus: new InProcessEventBus() }).publish(
      ping(user.id, 7),
      doomed,
    );
    await doomed.destroy();

    const delivered = await live.next((e) => e.event === "notification.read");
    expect(delivered.data.ids).toEqual(["7"]);
    live.close();

    const again = await openStream(a.url, { cookie: user.cookie, lastEventId: ready.id });
    const replayed = await again.next((e) => e.event === "notification.read");
    expect([replayed.id, replayed.data.ids]).toEqual([delivered.id, ["7"]]);
    again.close();
  });

  it("when many transactions publish at once on two instances, then every stream sees each event once, in id order", async () => {
    const user = await signedIn(a);
    const onA = await openStream(a.url, { cookie: user.cookie });
    const onB = await openStream(b.url, { cookie: user.cookie });
    await Promise.all([onA.next((e) => e.event === "ready"), onB.next((e) => e.event === "ready")]);

    const sends = Array.from({ length: 40 }, (_, n) => {
      const { db, events } = (n % 2 ? a : b).server.container;
      // Each transaction holds its row a little before committing, so commits interleave.
      return db.transaction().execute(async (trx) => {
        await events.publish(ping(user.id, n), trx);
        await sql`SELECT pg_sleep(${(n % 5) / 1000})`.execute(trx);
      });
    });
    await Promise.all(sends);

    for (const stream of [onA, onB]) {
      await stream.next(
        (e) =>
          e.event === "notification.read" && stream.events.filter((x) => x.event === "notification.read").length === 40,
      );
      const ids = stream.events.filter((e) => e.event === "notification.read").map((e) => BigInt(e.id!));
      expect(new Set(ids).size).toBe(40);
      expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
      stream.close();
    }
  });

  it("when the relay's database connection drops, then it reconnects and delivers what was committed meanwhile", async () => {
    const user = await signedIn(a);
    const stream = await openStream(a.url, { cookie: user.cookie });
    await stream.next((e) => e.event === "ready");
    const { db, events } = a.server.container;

    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE application_name = 'chat3d-event-relay' AND datname = current_database()`.execute(db);
    await events.publish(ping(user.id, 9), db);

    const arrived = await stream.next((e) => e.event === "notification.read", 10_000);
    expect(arrived.data.ids).toEqual(["9"]);
    stream.close();
  });
});
