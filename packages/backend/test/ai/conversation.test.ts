import { ChatItemListSchema } from "@chat3d/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { ScriptedModel, usableModel, type Turn } from "../helpers/llm.js";
import { openStream, type SseStream } from "../helpers/sse-client.js";

// The conversation stage with mock models: every behaviour here is the pipeline's, none the model's.

const ANSWER =
  "A fillet is a rounded edge. It spreads stress and makes parts nicer to hold, so it is worth adding one here.";
const scripts: Record<string, Turn[]> = {};
const scripted = (id: string) => new ScriptedModel(id, (scripts[id] ??= []));

const models = {
  plain: scripted("mock:plain"),
  flaky: scripted("mock:flaky"),
  slow: scripted("mock:slow"),
  broken: scripted("mock:broken"),
};
scripts["mock:plain"]!.push({ text: ANSWER });
scripts["mock:flaky"]!.push({ fail: "rate_limited" }, { fail: "timeout" }, { text: "Back again." });
scripts["mock:slow"]!.push({ stallAfter: "Let me think about " });
scripts["mock:broken"]!.push({ fail: "server_error" });

let app: TestApp;
let admin: TestClient;
beforeAll(async () => {
  app = await startTestApp(
    { LLM_MAX_RETRIES: "2", LLM_REPAIR_ATTEMPTS: "1" },
    { models: Object.values(models).map((m) => usableModel(m)) },
  );
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(() => app.stop());

async function person() {
  const client = new TestClient(app.url);
  const res = await signUp(app, client, { email: uniqueEmail("asker"), password: PASSWORD }, { confirm: false });
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  return { client, cookie, chat, id: res.body.user.id as string };
}

async function ask(client: TestClient, chat: string, model: ScriptedModel, query = "What is a fillet?") {
  const res = await client.post("/api/query", {
    chat_context_id: chat,
    query,
    conversation_model_id: model.id,
    codegen_model_id: model.id,
  });
  expect(res.status).toBe(202);
  return res.body as { query: { id: string; state: string }; items: Array<{ id: string }> };
}

async function settled(stream: SseStream, queryId: string) {
  return stream.next(
    (e) =>
      e.event === "chat.query.state" &&
      e.data.query_id === queryId &&
      ["completed", "failed", "cancelled"].includes(e.data.state),
    20_000,
  );
}

describe("a question the conversation model answers in prose", () => {
  it("when asked, then it answers 202 at once, streams the text as ordered deltas, and stores the answer with its cost", async () => {
    const { client, cookie, chat } = await person();
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");
    const accepted = await ask(client, chat, models.plain);
    expect(accepted.query.state).toBe("queued");
    const [question, answer] = accepted.items;

    const done = await settled(stream, accepted.query.id);
    expect(done.data.state).toBe("completed");
    const deltas = stream.events.filter((e) => e.event === "chat.answer.delta" && e.data.item_id === answer!.id);
    expect(deltas.length).toBeGreaterThan(0);
    // Coalesced: fewer events than the model's word-by-word deltas, in order, adding up to the answer.
    expect(deltas.length).toBeLessThan(ANSWER.split(" ").length);
    expect(deltas.map((e) => e.data.seq)).toEqual(deltas.map((_, i) => i + 1));
    expect(deltas.map((e) => e.data.delta).join("")).toBe(ANSWER);
    expect(deltas.at(-1)!.data.length).toBe(ANSWER.length);
    const states = stream.events
      .filter((e) => e.event === "chat.query.state" && e.data.query_id === accepted.query.id)
      .map((e) => e.data.state);
    expect(states).toEqual(["queued", "conversation", "conversation", "completed"]);
    stream.close();

    const items = ChatItemListSchema.parse((await client.get(`/api/chat/contexts/${chat}/items`)).body).items;
    expect(items.map((i) => [i.id, i.role, i.type, i.state])).toEqual([
      [question!.id, "user", "message", "complete"],
      [answer!.id, "assistant", "message", "complete"],
    ]);
    const stored = items[1]!;
    expect(stored.type === "message" && stored.text).toBe(ANSWER);
    expect(stored.query).toMatchObject({
      state: "completed",
      usage: { input_tokens: 120, output_tokens: 40 },
      prompt_version: expect.any(String),
    });
    // 120 in at $3/M, 40 out at $15/M.
    expect(stored.query!.cost_usd).toBeCloseTo(0.00096, 8);
    const context = (await client.get(`/api/chat/contexts/${chat}`)).body.context;
    expect(context.usage).toEqual({ input_tokens: 120, output_tokens: 40, cost_usd: 0.00096 });
  });

  it("when the provider answers 429 and then times out, then the call is retried with back-off and the answer still arrives", async () => {
    const { client, cookie, chat } = await person();
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");
    const accepted = await ask(client, chat, models.flaky);
    expect((await settled(stream, accepted.query.id)).data.state).toBe("completed");
    expect(models.flaky.prompts.length).toBe(3);
    stream.close();
  });

  it("when the provider keeps failing, then the answer fails with a sentence a person can act on", async () => {
    const { client, cookie, chat } = await person();
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");
    const accepted = await ask(client, chat, models.broken);
    const done = await settled(stream, accepted.query.id);
    expect(done.data).toMatchObject({
      state: "failed",
      message: expect.stringMatching(/provider had a problem \(HTTP 503\)/),
    });
    const answer = (await client.get(`/api/chat/contexts/${chat}/items`)).body.items[1];
    expect(answer).toMatchObject({ type: "errormessage", state: "failed" });
    expect(answer.text).not.toMatch(/at .*\.ts|Error:/);
    stream.close();
  });

  it("when the person cancels while the answer streams, then it stops at once and keeps what was said", async () => {
    const { client, cookie, chat } = await person();
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");
    const accepted = await ask(client, chat, models.slow);
    await stream.next((e) => e.event === "chat.answer.delta", 10_000);
    const cancelled = await client.post(`/api/query/${accepted.query.id}/cancel`);
    expect([cancelled.status, cancelled.body.query.state]).toEqual([200, "cancelled"]);
    expect((await client.post(`/api/query/${accepted.query.id}/cancel`)).status).toBe(409);

    await vi.waitFor(
      async () => {
        const answer = (await client.get(`/api/chat/contexts/${chat}/items`)).body.items[1];
        expect(answer).toMatchObject({ state: "cancelled", text: "Let me think about " });
      },
      { timeout: 10_000 },
    );
    stream.close();

    const retried = await client.post(`/api/query/${accepted.query.id}/retry`);
    expect([retried.status, retried.body.query.state]).toEqual([202, "queued"]);
  });
});

describe("limits and choices", () => {
  it("when the daily limit is reached, then the next question answers 429 with a clear message, and a personal limit wins", async () => {
    const { client, chat, id } = await person();
    await admin.patch("/api/admin/settings", { daily_query_limit: 1 });
    try {
      await ask(client, chat, models.plain);
      const refused = await client.post("/api/query", {
        chat_context_id: chat,
        query: "again",
        conversation_model_id: models.plain.id,
        codegen_model_id: models.plain.id,
      });
      expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
      expect(refused.body.error.message).toMatch(/today's 1 question/);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);

      expect(
        (await admin.patch(`/api/admin/users/${id}/limits`, { daily_query_limit: 5, monthly_cost_cap_usd: null }))
          .status,
      ).toBe(200);
      expect(
        (
          await client.post("/api/query", {
            chat_context_id: chat,
            query: "again",
            conversation_model_id: models.plain.id,
            codegen_model_id: models.plain.id,
          })
        ).status,
      ).toBe(202);
    } finally {
      await admin.patch("/api/admin/settings", { daily_query_limit: null });
    }
  });

  it("when the monthly budget is spent, then questions are refused until it resets", async () => {
    const { client, chat, id } = await person();
    await admin.patch(`/api/admin/users/${id}/limits`, { daily_query_limit: null, monthly_cost_cap_usd: 0.0009 });
    const stream = await openStream(app.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
    await stream.next((e) => e.event === "ready");
    const first = await ask(client, chat, models.plain);
    await settled(stream, first.query.id);
    stream.close();
    const refused = await client.post("/api/query", {
      chat_context_id: chat,
      query: "more",
      conversation_model_id: models.plain.id,
      codegen_model_id: models.plain.id,
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/This month's AI budget of \$0\.00 is used up/);
  });

  it("when a model is named that the server does not offer, or a chat is someone else's, then it answers 422 or 404", async () => {
    const { client, chat } = await person();
    const stranger = await person();
    const unknown = await client.post("/api/query", {
      chat_context_id: chat,
      query: "hi",
      conversation_model_id: "openai:nope",
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "model_unavailable"]);
    expect((await stranger.client.post("/api/query", { chat_context_id: chat, query: "hi" })).status).toBe(404);
    const accepted = await ask(client, chat, models.plain);
    expect((await stranger.client.post(`/api/query/${accepted.query.id}/cancel`)).status).toBe(404);
    expect((await stranger.client.get(`/api/query/${accepted.query.id}`)).status).toBe(404);
  });

  it("when the models are listed, then only usable ones appear, with their roles and defaults", async () => {
    const { client } = await person();
    const list = (await client.get("/api/llm/models")).body;
    expect(list.models.map((m: { id: string }) => m.id)).toEqual(Object.values(models).map((m) => m.id));
    expect(list.defaults).toEqual({ conversation: "mock:plain", codegen: "mock:plain" });
    expect(list.hint).toBeNull();
  });
});

describe("crash safety", () => {
  it("when a query was left unfinished by a dead process, then the sweeper fails it with a clear message", async () => {
    const { client, cookie, chat } = await person();
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");
    const accepted = await ask(client, chat, models.slow);
    await stream.next((e) => e.event === "chat.answer.delta", 10_000);
    // As if its process had died long ago: nobody has touched the row for a day.
    await sql`UPDATE chat_queries SET updated_at = now() - interval '1 day' WHERE id = ${accepted.query.id}`.execute(
      app.server.container.db,
    );
    expect(await app.server.container.services.queries.sweep()).toBe(1);
    const done = await settled(stream, accepted.query.id);
    expect(done.data).toMatchObject({ state: "failed", message: expect.stringMatching(/interrupted/) });
    const answer = (await client.get(`/api/chat/contexts/${chat}/items`)).body.items[1];
    expect(answer).toMatchObject({ type: "errormessage", state: "failed" });
    expect(await app.server.container.services.queries.sweep()).toBe(0);
    stream.close();
  });
});
