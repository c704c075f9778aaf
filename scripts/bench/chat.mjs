// bench:chat — reading chats at rising concurrency: the chat list, and 200 items of a 5,000-item chat
// (the newest page and one from the middle of the history). One JSON line per level, the summary last.
//   --items N (default 5000)  --chats N (default 50)  --levels 1,4,16,64  --requests N per level (default 400)
//   --deadline-s N (default 300)  --smoke: a tiny run for the test suite
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { args, benchDatabase, deadline, emit, seedPeople, startApi, stepLine, teardown } from "./harness.mjs";

const opts = args(
  { items: 5000, chats: 50, levels: [1, 4, 16, 64], requests: 400, "deadline-s": 300 },
  { items: 300, chats: 5, levels: [1, 2], requests: 20, "deadline-s": 60 },
);
const levels = Array.isArray(opts.levels) ? opts.levels : [opts.levels];
const state = deadline("bench:chat", opts["deadline-s"]);

const database = await benchDatabase();
const secret = randomBytes(32).toString("hex");
const api = await startApi(state, { databaseUrl: database.url, secret });
const [person] = await seedPeople(database.db, secret, 1);

state.phase = "seed";
const { db } = database;
const chats = await db
  .insertInto("chat_contexts")
  .values(Array.from({ length: opts.chats }, (_, i) => ({ owner_id: person.id, name: `Bench chat ${i}` })))
  .returning("id")
  .execute();
const big = chats[0].id;
await sql`
  INSERT INTO chat_items (chat_context_id, owner_id, role, item_type, content)
  SELECT ${big}, ${person.id}, CASE WHEN n % 2 = 0 THEN 'user' ELSE 'assistant' END::chat_item_role, 'message',
         jsonb_build_object('text', 'Message ' || n || ': make the bracket ' || (n % 90 + 10) || ' mm wide, with two holes.')
  FROM generate_series(1, ${opts.items}) AS n`.execute(db);

const base = `http://127.0.0.1:${api.port}`;
const headers = { authorization: `Bearer ${person.token}` };
const get = async (path) => {
  const res = await fetch(base + path, { headers });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return body;
};
// A cursor into the middle of the history, as a person scrolling back would hold.
let middle = null;
for (let page = await get(`/api/chat/contexts/${big}/items?limit=200`), i = 0; i < Math.floor(opts.items / 400); i++) {
  middle = page.before_cursor;
  page = await get(`/api/chat/contexts/${big}/items?limit=200&before=${middle}`);
}
const steps = {
  list_chats: () => get("/api/chat/contexts?limit=30"),
  newest_200_items: () => get(`/api/chat/contexts/${big}/items?limit=200`),
  older_200_items: () => get(`/api/chat/contexts/${big}/items?limit=200${middle ? `&before=${middle}` : ""}`),
};
for (const step of Object.values(steps)) await step();

const results = [];
for (const concurrency of levels) {
  state.phase = `concurrency ${concurrency}`;
  for (const [name, step] of Object.entries(steps)) {
    const latencies = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < opts.requests) {
          const t = performance.now();
          await step();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const line = stepLine(name, concurrency, latencies, (performance.now() - started) / 1000);
    results.push(line);
    emit(line);
  }
}

await teardown(state, [api], database);
const worst = (name) => Math.max(...results.filter((r) => r.step === name).map((r) => r.p99_ms));
emit({
  summary: "bench:chat",
  items_in_chat: opts.items,
  chats: opts.chats,
  levels: levels.length,
  worst_p99_ms_list: worst("list_chats"),
  worst_p99_ms_items: Math.max(worst("newest_200_items"), worst("older_200_items")),
  best_per_s_items: Math.max(...results.filter((r) => r.step !== "list_chats").map((r) => r.per_s)),
});
process.exit(0);
