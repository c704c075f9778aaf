import { EventPayloadSchemas, TERMINAL_QUERY_STATES } from "@chat3d/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { ScriptedModel, usableModel } from "../helpers/llm.js";
import { openStream, type SseStream } from "../helpers/sse-client.js";
import { signUp } from "../helpers/accounts.js";

// One owner of a query's transitions (QueryLifecycle): every query ends once, and its terminal event is
// logged by the very transaction that wrote the row, whoever ended it (the job, the person, the sweeper).

const models = {
  plain: new ScriptedModel("mock:lc-plain", [{ text: "A chamfer is a bevelled edge." }]),
  broken: new ScriptedModel("mock:lc-broken", [{ fail: "server_error" }]),
  slow: new ScriptedModel("mock:lc-slow", [{ stallAfter: "Let me see " }]),
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LLM_MAX_RETRIES: "0" }, { models: Object.values(models).map((m) => usableModel(m)) });
});
afterAll(() => app.stop());

async function person() {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("lifecycle"), password: PASSWORD });
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  const stream = await openStream(app.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  await stream.next((e) => e.event === "ready");
  return { client, chat, stream };
}

async function ask(client: TestClient, chat: string, model: ScriptedModel): Promise<{ id: string; item: string }> {
  const res = await client.post("/api/query", {
    chat_context_id: chat,
    query: "What is a chamfer?",
    conversation_model_id: model.id,
    codegen_model_id: model.id,
  });
  expect(res.status).toBe(202);
  return { id: res.body.query.id, item: res.body.items[1].id };
}

const settled = (stream: SseStream, queryId: string) =>
  stream.next(
    (e) =>
      e.event === "chat.query.state" && e.data.query_id === queryId && TERMINAL_QUERY_STATES.includes(e.data.state),
    20_000,
  );

/** The logged terminal events of a query, each with the id of the transaction that wrote it. */
async function terminalEvents(queryId: string) {
  const { rows } = await sql<{ xid: string; payload: unknown }>`
    SELECT xmin::text AS xid, payload FROM event_log
    WHERE event_type = 'chat.query.state' AND payload->>'query_id' = ${queryId}
      AND payload->>'state' IN ('completed', 'failed', 'cancelled')`.execute(app.server.container.db);
  return rows.map((r) => ({ xid: r.xid, payload: EventPayloadSchemas["chat.query.state"].parse(r.payload) }));
}

/** The query row, with the id of the transaction that last wrote it. */
async function queryRow(queryId: string) {
  const { rows } = await sql<{
    xid: string;
    state: string;
    error: string | null;
    finished_at: Date | null;
    input_tokens: number;
    output_tokens: number;
    cost_usd: string;
  }>`SELECT xmin::text AS xid, state, error, finished_at, input_tokens, output_tokens, cost_usd
     FROM chat_queries WHERE id = ${queryId}`.execute(app.server.container.db);
  return rows[0]!;
}

describe("a query's terminal transition", () => {
  it("when a query completes, fails or is cancelled, then it logs exactly one terminal event, in the transaction that wrote its row, carrying its final record", async () => {
    const { client, chat, stream } = await person();
    const completed = await ask(client, chat, models.plain);
    expect((await settled(stream, completed.id)).data.state).toBe("completed");
    const failed = await ask(client, chat, models.broken);
    expect((await settled(stream, failed.id)).data.state).toBe("failed");
    const cancelled = await ask(client, chat, models.slow);
    await stream.next((e) => e.event === "chat.answer.delta" && e.data.item_id === cancelled.item, 10_000);
    expect((await client.post(`/api/query/${cancelled.id}/cancel`)).status).toBe(200);
    // The job has heard the cancel and kept the streamed words: it writes nothing more.
    await vi.waitFor(
      async () => {
        const items = (await client.get(`/api/chat/contexts/${chat}/items`)).body.items;
        expect(items.find((i: { id: string }) => i.id === cancelled.item)).toMatchObject({ text: "Let me see " });
      },
      { timeout: 10_000 },
    );
    stream.close();

    for (const [query, state] of [
      [completed, "completed"],
      [failed, "failed"],
      [cancelled, "cancelled"],
    ] as const) {
      const events = await terminalEvents(query.id);
      const row = await queryRow(query.id);
      expect(events.map((e) => e.payload.state)).toEqual([state]);
      expect(row.state).toBe(state);
      // One transaction wrote both: the row's last writer is the event's writer.
      expect(events[0]!.xid).toBe(row.xid);
      expect(events[0]!.payload).toMatchObject({
        message: row.error,
        version_id: null,
        usage: { input_tokens: row.input_tokens, output_tokens: row.output_tokens },
        cost_usd: Number(row.cost_usd),
        finished_at: row.finished_at!.toISOString(),
      });
    }
    expect((await terminalEvents(completed.id))[0]!.payload.usage).toEqual({ input_tokens: 120, output_tokens: 40 });
    expect((await terminalEvents(failed.id))[0]!.payload.message).toMatch(/HTTP 503/);
  });

  it("when a terminal transition's transaction rolls back, then neither its row change nor its event is left", async () => {
    const { db, services } = app.server.container;
    const { client, chat, stream } = await person();
    const query = await ask(client, chat, models.slow);
    await stream.next((e) => e.event === "chat.answer.delta" && e.data.item_id === query.item, 10_000);
    const before = await queryRow(query.id);

    await expect(
      db.transaction().execute(async (trx) => {
        await services.queryLifecycle.cancel((await services.queryLifecycle.lock(query.id, trx))!, trx);
        expect((await terminalEvents(query.id)).length).toBe(0);
        throw new Error("the caller's next step failed");
      }),
    ).rejects.toThrow("the caller's next step failed");
    expect(await terminalEvents(query.id)).toEqual([]);
    expect(await queryRow(query.id)).toMatchObject({ state: before.state, finished_at: null });

    // The query is still open and still running: the real cancel ends it, once.
    expect((await client.post(`/api/query/${query.id}/cancel`)).status).toBe(200);
    expect((await settled(stream, query.id)).data.state).toBe("cancelled");
    stream.close();
    expect((await terminalEvents(query.id)).map((e) => e.payload.state)).toEqual(["cancelled"]);
  });

  it("when the person cancels while the sweeper fails the same query, then one of them ends it and the other changes nothing", async () => {
    const { services } = app.server.container;
    const { client, chat, stream } = await person();
    const query = await ask(client, chat, models.slow);
    await stream.next((e) => e.event === "chat.answer.delta" && e.data.item_id === query.item, 10_000);

    const [cancel, fail] = await Promise.all([
      client.post(`/api/query/${query.id}/cancel`),
      services.queryLifecycle.fail(query.id, "This answer was interrupted."),
    ]);
    stream.close();
    // Exactly one won: a 200 cancel and a refused fail, or a done fail and a 409 cancel.
    expect(cancel.status).toBe(fail ? 409 : 200);
    const events = await terminalEvents(query.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.state).toBe(fail ? "failed" : "cancelled");
    expect(events[0]!.xid).toBe((await queryRow(query.id)).xid);
    // An ended query refuses every later ending.
    expect(await services.queryLifecycle.fail(query.id, "again")).toBe(false);
    expect((await client.post(`/api/query/${query.id}/cancel`)).status).toBe(409);
    expect(await terminalEvents(query.id)).toHaveLength(1);
  });
});
