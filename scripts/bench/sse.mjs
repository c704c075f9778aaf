// bench:sse — N concurrent event streams spread over two API instances that share PostgreSQL and Redis.
// Prints one JSON object per line; the last line is the summary.
//   --streams N (default 2000)  --events N per round (default 200)  --rounds N (default 5)
//   --deadline-s N (default 300): fail with a message instead of hanging   --smoke: a tiny run for the test suite
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const smoke = process.argv.includes("--smoke");
const STREAMS = arg("streams", smoke ? 16 : 2000);
const EVENTS_PER_ROUND = arg("events", smoke ? 10 : 200);
const ROUNDS = arg("rounds", smoke ? 1 : 5);
const DEADLINE_S = arg("deadline-s", smoke ? 60 : 300);
const STREAMS_PER_USER = 4;
const emit = (o) => console.log(JSON.stringify(o));
const debug = (...a) => process.env.BENCH_DEBUG && console.error(...a);
let phase = "setup";
const children = [];
setTimeout(() => {
  emit({ summary: "bench:sse", error: `did not finish within ${DEADLINE_S} s (stuck in ${phase})` });
  for (const child of children) child.kill("SIGKILL");
  process.exit(1);
}, DEADLINE_S * 1000).unref();

const { createDatabase } = await import(path.join(root, "packages/backend/dist/db/database.js"));
const { migrateToLatest } = await import(path.join(root, "packages/backend/dist/db/migrator.js"));
const { SessionRepository } = await import(path.join(root, "packages/backend/dist/repositories/session.repository.js"));
const { EventLogRepository } = await import(
  path.join(root, "packages/backend/dist/repositories/event-log.repository.js")
);
const { AccessTokens } = await import(path.join(root, "packages/backend/dist/lib/access-tokens.js"));
const { InProcessEventBus } = await import(path.join(root, "packages/backend/dist/lib/event-bus.js"));
const { EventService } = await import(path.join(root, "packages/backend/dist/services/event.service.js"));
const { generateToken } = await import(path.join(root, "packages/backend/dist/lib/tokens.js"));

const adminUrl = process.env.TEST_DATABASE_URL;
const dbName = `chat3d_bench_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const db = createDatabase(dbUrl, 10);
await migrateToLatest(db);

const secret = randomBytes(32).toString("hex");
const prefix = `bench${randomBytes(3).toString("hex")}:`;
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startApi() {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [path.join(root, "packages/backend/dist/server.js")], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: dbUrl,
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: secret,
      ADMIN_PASSWORD: "bench-admin-password",
      BUILD123D_URL: "http://127.0.0.1:9",
      LOG_LEVEL: process.env.BENCH_DEBUG ? "warn" : "error",
      SSE_MAX_STREAMS_PER_USER: String(STREAMS_PER_USER),
      RUN_WORKER: "false",
      METRICS_PORT: String(metricsPort),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { port, metricsPort, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("API did not start");
}

const rssKb = (pid) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]);
/** Where the memory goes, as the API's own Prometheus gauges report it: JS heap and off-heap buffers. */
async function heapKb(api) {
  const text = await (await fetch(`http://127.0.0.1:${api.metricsPort}/metrics`)).text();
  const gauge = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, "m"))?.[1] ?? NaN) / 1024;
  return { heap: gauge("nodejs_heap_size_used_bytes"), external: gauge("nodejs_external_memory_bytes") };
}
debug("starting apis");
const apis = [await startApi(), await startApi()];
debug("apis up");
await new Promise((r) => setTimeout(r, 1000));
const rssBefore = apis.map((a) => rssKb(a.child.pid));
const heapBefore = await Promise.all(apis.map(heapKb));

// Users and their sessions straight in the database: the benchmark measures streaming, not sign-in.
const users = Math.ceil(STREAMS / STREAMS_PER_USER);
const sessions = new SessionRepository(db);
const tokens = new AccessTokens(secret, 3600);
const people = [];
for (let i = 0; i < users; i++) {
  const { id } = await db
    .insertInto("users")
    .values({ email: `bench-${i}@example.test`, password_hash: "x" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sessionId = await sessions.create({
    userId: id,
    tokenHash: generateToken().hash,
    expiresAt: new Date(Date.now() + 3_600_000),
    userAgent: "bench",
    ip: null,
  });
  people.push({ id, token: await tokens.sign({ userId: id, sessionId }) });
}

const latencies = [];
let received = 0;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
function open(port, person) {
  return new Promise((resolve, reject) => {
    const req = http.get({
      host: "127.0.0.1",
      port,
      path: "/api/events/stream",
      agent,
      headers: { authorization: `Bearer ${person.token}` },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buf = "";
      let ready = false;
      res.on("end", () => ready || reject(new Error("stream ended before it was ready")));
      res.on("data", (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf("\n\n")) !== -1) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = block.split("\n").find((l) => l.startsWith("event: "));
          if (type === "event: ready" && !ready) {
            ready = true;
            resolve(req);
          }
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (type === "event: notification.created" && data) {
            const sentAt = JSON.parse(data.slice(6)).payload.sent_at;
            latencies.push(performance.timeOrigin + performance.now() - sentAt);
            received++;
          }
        }
      });
    });
  });
}

phase = "connect";
const t0 = performance.now();
const reqs = [];
for (let i = 0; i < STREAMS; i++) {
  const person = people[Math.floor(i / STREAMS_PER_USER)];
  reqs.push(open(apis[i % 2].port, person));
  if (i % 200 === 199) await Promise.all(reqs.slice(-200));
}
await Promise.all(reqs);
debug("connected");
emit({ phase: "connect", streams: STREAMS, instances: 2, ms: Math.round(performance.now() - t0) });
await new Promise((r) => setTimeout(r, 1000));
const rssAfter = apis.map((a) => rssKb(a.child.pid));
const heapAfter = await Promise.all(apis.map(heapKb));
const perStreamKb = (rssAfter[0] - rssBefore[0] + rssAfter[1] - rssBefore[1]) / STREAMS;
const perStream = (key) =>
  +((heapAfter[0][key] - heapBefore[0][key] + heapAfter[1][key] - heapBefore[1][key]) / STREAMS).toFixed(1);
emit({
  phase: "memory",
  rss_before_mb: rssBefore.map((k) => +(k / 1024).toFixed(1)),
  rss_after_mb: rssAfter.map((k) => +(k / 1024).toFixed(1)),
  kb_per_stream: +perStreamKb.toFixed(1),
  heap_kb_per_stream: perStream("heap"),
  external_kb_per_stream: perStream("external"),
});

// Publish from the benchmark process, as a third instance would: every event reaches the two APIs through
// the event log (each commit's NOTIFY, then each relay's read).
phase = "fanout";
const events = new EventService({ log: new EventLogRepository(db), bus: new InProcessEventBus() });
let expected = 0;
const pubStart = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  const batch = [];
  for (let e = 0; e < EVENTS_PER_ROUND; e++) {
    const person = people[(round * EVENTS_PER_ROUND + e) % people.length];
    expected += STREAMS_PER_USER;
    batch.push(
      events.publish(
        {
          type: "notification.created",
          audience: { userId: person.id },
          payload: {
            id: String(e),
            event_type: "bench",
            payload: { sent_at: performance.timeOrigin + performance.now() },
            read_at: null,
            created_at: new Date().toISOString(),
          },
        },
        db,
      ),
    );
  }
  await Promise.all(batch);
}
const deadline = Date.now() + 30_000;
while (received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const elapsed = (performance.now() - pubStart) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => +(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN).toFixed(2);
emit({
  phase: "fanout",
  published: ROUNDS * EVENTS_PER_ROUND,
  expected_deliveries: expected,
  received,
  seconds: +elapsed.toFixed(2),
});

phase = "teardown";
for (const r of reqs) (await r).destroy();
for (const a of apis) a.child.kill("SIGTERM");
await new Promise((r) => setTimeout(r, 500));
await db.destroy();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.end();
emit({
  summary: "bench:sse",
  streams: STREAMS,
  instances: 2,
  events_published: ROUNDS * EVENTS_PER_ROUND,
  deliveries: received,
  lost: expected - received,
  latency_ms_p50: pct(0.5),
  latency_ms_p99: pct(0.99),
  deliveries_per_s: Math.round(received / elapsed),
  api_kb_per_stream: +perStreamKb.toFixed(1),
});
process.exit(expected === received ? 0 : 1);
