// bench:api — the API under a fixed mix at rising concurrency. Each virtual user repeats: sign in, list chats,
// read a chat's newest items, post a message, download a file. One JSON line per step and level (p50/p99 latency,
// throughput), the summary last: the highest concurrency at which every step's p99 stays ≤ 100 ms.
//   --levels 1,4,16,32  --rounds N mixes per virtual user per level (default 20)  --deadline-s N (default 300)
//   --smoke: a tiny run for the test suite
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { args, benchDatabase, deadline, dist, emit, startApi, stepLine, teardown } from "./harness.mjs";

const opts = args(
  { levels: [1, 4, 16, 32], rounds: 20, "deadline-s": 300 },
  { levels: [1, 2], rounds: 3, "deadline-s": 90 },
);
const levels = Array.isArray(opts.levels) ? opts.levels : [opts.levels];
const TARGET_P99_MS = 100;
const state = deadline("bench:api", opts["deadline-s"]);

const database = await benchDatabase();
const secret = randomBytes(32).toString("hex");
const storage = mkdtempSync(path.join(tmpdir(), "chat3d-bench-storage-"));
// One proxy hop, so each virtual user signs in from its own address, as real people do: the per-address login
// limit is a defence against one client, not a ceiling on the whole site.
const api = await startApi(state, {
  databaseUrl: database.url,
  secret,
  env: { STORAGE_DIR: storage, TRUST_PROXY_HOPS: "1" },
});
const base = `http://127.0.0.1:${api.port}`;

state.phase = "seed";
const PASSWORD = "bench-password-0123";
const { hashPassword } = await dist("lib/password.js");
const passwordHash = await hashPassword(PASSWORD);
const peak = Math.max(...levels);
// The per-email login limit allows 10 sign-ins per 15 minutes: enough people that none reaches it.
const perPerson = 8;
// Each also signs in once while seeding.
const peopleCount = Math.max(peak, Math.ceil((levels.reduce((a, b) => a + b, 0) * opts.rounds) / (perPerson - 1)));
const people = [];
for (let i = 0; i < peopleCount; i++) {
  const email = `bench-api-${i}-${randomBytes(3).toString("hex")}@example.test`;
  await database.db.insertInto("users").values({ email, password_hash: passwordHash }).execute();
  people.push({ email, ip: `10.9.${i >> 8}.${i & 255}`, signIns: 0 });
}

async function call(person, method, url, { token, json, form } = {}) {
  const res = await fetch(base + url, {
    method,
    headers: {
      "x-forwarded-for": person.ip,
      ...(token && { authorization: `Bearer ${token}` }),
      ...(json && { "content-type": "application/json" }),
    },
    body: json ? JSON.stringify(json) : form,
  });
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.arrayBuffer();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

// Each person's chat with a history to read, and an uploaded file to download.
for (const person of people) {
  const { access_token: token } = await call(person, "POST", "/api/auth/login", {
    json: { email: person.email, password: PASSWORD },
  });
  person.signIns++;
  person.chat = (await call(person, "POST", "/api/chat/contexts", { token, json: { name: "Bench" } })).context.id;
  const { id: owner } = await database.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", person.email)
    .executeTakeFirstOrThrow();
  await sql`
    INSERT INTO chat_items (chat_context_id, owner_id, role, item_type, content)
    SELECT ${person.chat}, ${owner}, CASE WHEN n % 2 = 0 THEN 'user' ELSE 'assistant' END::chat_item_role, 'message',
           jsonb_build_object('text', 'Message ' || n || ': a bracket ' || (n + 20) || ' mm wide with two holes.')
    FROM generate_series(1, 50) AS n`.execute(database.db);
  const form = new FormData();
  form.append("file", new Blob([randomBytes(24 * 1024).toString("base64")]), "notes.txt");
  person.file = (await call(person, "POST", "/api/files", { token, form })).file.id;
}

/** The next person who may sign in again (below the per-email limit). */
let nextPerson = 0;
function signer() {
  for (;;) {
    const person = people[nextPerson++ % people.length];
    if (person.signIns < perPerson) {
      person.signIns++;
      return person;
    }
  }
}

const STEPS = ["sign_in", "list_chats", "read_items", "post_message", "download_file"];
const results = [];
let errors = 0;
for (const concurrency of levels) {
  state.phase = `concurrency ${concurrency}`;
  const latencies = Object.fromEntries(STEPS.map((s) => [s, []]));
  const timed = async (step, fn) => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      latencies[step].push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let round = 0; round < opts.rounds; round++) {
        try {
          const who = signer();
          const { access_token: token } = await timed("sign_in", () =>
            call(who, "POST", "/api/auth/login", { json: { email: who.email, password: PASSWORD } }),
          );
          await timed("list_chats", () => call(who, "GET", "/api/chat/contexts?limit=30", { token }));
          await timed("read_items", () => call(who, "GET", `/api/chat/contexts/${who.chat}/items?limit=50`, { token }));
          await timed("post_message", () =>
            call(who, "POST", `/api/chat/contexts/${who.chat}/items`, {
              token,
              json: { text: `Round ${round}: make it 5 mm thicker.` },
            }),
          );
          await timed("download_file", () => call(who, "GET", `/api/files/${who.file}`, { token }));
        } catch (err) {
          errors++;
          if (process.env.BENCH_DEBUG) console.error(err);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const step of STEPS) {
    const line = stepLine(step, concurrency, latencies[step], seconds);
    results.push(line);
    emit(line);
  }
}

await teardown(state, [api], database);
rmSync(storage, { recursive: true, force: true });

const within = (step) =>
  levels.filter((c) =>
    results.filter((r) => r.concurrency === c && (!step || r.step === step)).every((r) => r.p99_ms <= TARGET_P99_MS),
  );
const highest = (list) => (list.length ? Math.max(...list) : 0);
emit({
  summary: "bench:api",
  target_p99_ms: TARGET_P99_MS,
  levels: levels.length,
  max_concurrency: peak,
  errors,
  // 0 when even one virtual user misses the target.
  highest_concurrency_p99_within_target: highest(within()),
  ...Object.fromEntries(STEPS.map((s) => [`highest_concurrency_${s}`, highest(within(s))])),
  best_per_s_mix: Math.max(
    ...levels.map((c) => Math.min(...results.filter((r) => r.concurrency === c).map((r) => r.per_s))),
  ),
});
process.exit(errors ? 1 : 0);
