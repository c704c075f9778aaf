// bench:sse — N concurrent event streams spread over two API instances that share PostgreSQL and Redis.
// Prints one JSON object per line; the last line is the summary.
//   --streams N (default 2000)  --events N per round (default 200)  --rounds N (default 5)
//   --deadline-s N (default 300): fail with a message instead of hanging   --smoke: a tiny run for the test suite
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { args, benchDatabase, deadline, dist, emit, percentile, seedPeople, startApi, teardown } from "./harness.mjs";

const opts = args(
  { streams: 2000, events: 200, rounds: 5, "deadline-s": 300 },
  { streams: 16, events: 10, rounds: 1, "deadline-s": 60 },
);
const STREAMS_PER_USER = 4;
const state = deadline("bench:sse", opts["deadline-s"]);

const { EventLogRepository } = await dist("repositories/event-log.repository.js");
const { InProcessEventBus } = await dist("lib/event-bus.js");
const { EventService } = await dist("services/event.service.js");

const database = await benchDatabase();
const secret = randomBytes(32).toString("hex");
const env = {
  REDIS_URL: process.env.TEST_REDIS_URL,
  REDIS_KEY_PREFIX: `bench${randomBytes(3).toString("hex")}:`,
  SSE_MAX_STREAMS_PER_USER: String(STREAMS_PER_USER),
};
const apis = [
  await startApi(state, { databaseUrl: database.url, secret, env }),
  await startApi(state, { databaseUrl: database.url, secret, env }),
];
await new Promise((r) => setTimeout(r, 1000));

const rssKb = (pid) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]);
/** Where the memory goes, as the API's own Prometheus gauges report it: JS heap and off-heap buffers. */
async function heapKb(api) {
  const text = await (await fetch(`http://127.0.0.1:${api.metricsPort}/metrics`)).text();
  const gauge = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, "m"))?.[1] ?? NaN) / 1024;
  return { heap: gauge("nodejs_heap_size_used_bytes"), external: gauge("nodejs_external_memory_bytes") };
}
const rssBefore = apis.map((a) => rssKb(a.child.pid));
const heapBefore = await Promise.all(apis.map(heapKb));
const people = await seedPeople(database.db, secret, Math.ceil(opts.streams / STREAMS_PER_USER));

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

state.phase = "connect";
const t0 = performance.now();
const reqs = [];
for (let i = 0; i < opts.streams; i++) {
  reqs.push(open(apis[i % 2].port, people[Math.floor(i / STREAMS_PER_USER)]));
  if (i % 200 === 199) await Promise.all(reqs.slice(-200));
}
await Promise.all(reqs);
emit({ phase: "connect", streams: opts.streams, instances: 2, ms: Math.round(performance.now() - t0) });
await new Promise((r) => setTimeout(r, 1000));
const rssAfter = apis.map((a) => rssKb(a.child.pid));
const heapAfter = await Promise.all(apis.map(heapKb));
const perStreamKb = (rssAfter[0] - rssBefore[0] + rssAfter[1] - rssBefore[1]) / opts.streams;
const perStream = (key) =>
  +((heapAfter[0][key] - heapBefore[0][key] + heapAfter[1][key] - heapBefore[1][key]) / opts.streams).toFixed(1);
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
state.phase = "fanout";
const events = new EventService({ log: new EventLogRepository(database.db), bus: new InProcessEventBus() });
let expected = 0;
const pubStart = performance.now();
for (let round = 0; round < opts.rounds; round++) {
  const batch = [];
  for (let e = 0; e < opts.events; e++) {
    const person = people[(round * opts.events + e) % people.length];
    expected += STREAMS_PER_USER;
    const payload = {
      id: String(e),
      event_type: "bench",
      payload: { sent_at: performance.timeOrigin + performance.now() },
      read_at: null,
      created_at: new Date().toISOString(),
    };
    batch.push(events.publish({ type: "notification.created", audience: { userId: person.id }, payload }, database.db));
  }
  await Promise.all(batch);
}
const until = Date.now() + 30_000;
while (received < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
const elapsed = (performance.now() - pubStart) / 1000;
latencies.sort((a, b) => a - b);
emit({
  phase: "fanout",
  published: opts.rounds * opts.events,
  expected_deliveries: expected,
  received,
  seconds: +elapsed.toFixed(2),
});

for (const r of reqs) (await r).destroy();
await teardown(state, apis, database, 500);
emit({
  summary: "bench:sse",
  streams: opts.streams,
  instances: 2,
  events_published: opts.rounds * opts.events,
  deliveries: received,
  lost: expected - received,
  latency_ms_p50: percentile(latencies, 0.5),
  latency_ms_p99: percentile(latencies, 0.99),
  deliveries_per_s: Math.round(received / elapsed),
  api_kb_per_stream: +perStreamKb.toFixed(1),
  api_heap_kb_per_stream: perStream("heap"),
});
process.exit(expected === received ? 0 : 1);
