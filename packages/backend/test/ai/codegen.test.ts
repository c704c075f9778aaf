import { ChatItemListSchema, VersionResponseSchema, type DesignBrief } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { ScriptedModel, usableModel, type Turn } from "../helpers/llm.js";
import { openStream } from "../helpers/sse-client.js";

// Stage 2 and 3 with mock models and the real render service: code, render, and repair.

const brief = (patch: Partial<DesignBrief> = {}): DesignBrief => ({
  summary: "A block 40 x 20 x 10 mm",
  change_of_current: false,
  dimensions: [
    { name: "length", value: 40, unit: "mm", axis: "x" },
    { name: "width", value: 20, unit: "mm", axis: "y" },
    { name: "height", value: 1, unit: "cm", axis: "z" },
  ],
  features: [],
  single_solid: true,
  open_questions: [],
  ...patch,
});

const code = (height: number) =>
  `from build123d import *\nLENGTH = 40  # @param mm\nHEIGHT = ${height}  # @param mm\nroot_part = Box(LENGTH, 20, HEIGHT)\n`;
const answer = (source: string, comment = "A plain block.") => ({
  json: { plan: "One box.", code: source, parameters: {}, comment },
});

function pair(name: string, designBrief: DesignBrief, coderTurns: Turn[]) {
  const designer = new ScriptedModel(`mock:${name}-designer`, [
    { text: "Making it now.", toolCall: { name: "generate_3d_model", input: designBrief } },
  ]);
  const coder = new ScriptedModel(`mock:${name}-coder`, coderTurns);
  return { designer, coder };
}

const cases = {
  converges: pair("converges", brief(), [
    answer("from build123d import *\nroot_part = Box(40, 20,\n"),
    answer(code(10)),
  ]),
  givesUp: pair("gives-up", brief(), [answer("from build123d import *\nroot_part = undefined_name\n")]),
  tooTall: pair("too-tall", brief(), [answer(code(12)), answer(code(10), "Now 10 mm tall.")]),
  malformed: pair("malformed", brief(), [{ raw: "Sure! Here is your code: Box(40, 20, 10)" }, answer(code(10))]),
  edit: pair("edit", brief({ summary: "Make the block 15 mm tall", change_of_current: true, dimensions: [] }), [
    answer(code(15), "Raised to 15 mm."),
  ]),
};

const renderUrl = inject("renderUrl");
let app: TestApp;
beforeAll(async () => {
  const models = Object.values(cases).flatMap(({ designer, coder }) => [usableModel(designer), usableModel(coder)]);
  app = await startTestApp({ BUILD123D_URL: renderUrl, LLM_REPAIR_ATTEMPTS: "2", LLM_MAX_RETRIES: "0" }, { models });
}, 180_000);
afterAll(async () => {
  await app.stop();
});

async function askAndWait(
  models: { designer: ScriptedModel; coder: ScriptedModel },
  prepare?: (client: TestClient, chat: string) => Promise<void>,
) {
  const client = new TestClient(app.url);
  await client.post("/api/auth/register", { email: uniqueEmail("maker"), password: PASSWORD });
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  await prepare?.(client, chat);
  const stream = await openStream(app.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  await stream.next((e) => e.event === "ready");
  const accepted = await client.post("/api/query", {
    chat_context_id: chat,
    query: "A block 40 by 20 by 10 mm please",
    conversation_model_id: models.designer.id,
    codegen_model_id: models.coder.id,
  });
  expect(accepted.status).toBe(202);
  const done = await stream.next(
    (e) => e.event === "chat.query.state" && ["completed", "failed", "cancelled"].includes(e.data.state),
    60_000,
  );
  const states = stream.events.filter((e) => e.event === "chat.query.state").map((e) => e.data.state);
  stream.close();
  const items = ChatItemListSchema.parse((await client.get(`/api/chat/contexts/${chat}/items`)).body).items;
  return { client, chat, done, states, answer: items.at(-1)!, items };
}

describe("a restart in the middle of a query", () => {
  it("when the worker stops while a query runs, then another instance resumes it from its stored stage and finishes it", async () => {
    const stalling = new ScriptedModel("mock:restart", [{ stallAfter: "Thinking about " }]);
    const first = await startTestApp({ BUILD123D_URL: renderUrl }, { models: [usableModel(stalling)] });
    const client = new TestClient(first.url);
    await client.post("/api/auth/register", { email: uniqueEmail("restart"), password: PASSWORD });
    const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
    const stream = await openStream(first.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
    await stream.next((e) => e.event === "ready");
    const accepted = await client.post("/api/query", { chat_context_id: chat, query: "A block 40 x 20 x 10 mm" });
    await stream.next((e) => e.event === "chat.answer.delta", 10_000);
    stream.close();
    await first.server.stop();

    // The same database, a new process, and this time a model that answers.
    const designer = new ScriptedModel("mock:restart", [
      { text: "Making it.", toolCall: { name: "generate_3d_model", input: brief() } },
      answer(code(10)),
    ]);
    const second = await startTestApp(
      { DATABASE_URL: first.database.url, MIGRATE_ON_START: "false", BUILD123D_URL: renderUrl },
      { models: [usableModel(designer)] },
    );
    try {
      const again = new TestClient(second.url);
      again.cookies.set("chat3d_access", client.cookies.get("chat3d_access")!);
      await vi.waitFor(
        async () =>
          expect((await again.get(`/api/query/${accepted.body.query.id}`)).body.query.state).toBe("completed"),
        { timeout: 45_000, interval: 500 },
      );
      const items = (await again.get(`/api/chat/contexts/${chat}/items`)).body.items;
      expect(items.at(-1)).toMatchObject({ type: "3dmodel", state: "complete" });
    } finally {
      await second.server.stop();
      await first.database.drop();
    }
  }, 90_000);
});

describe("the code model's part of an answer", () => {
  it("when the first code does not parse, then the error and its line go back to the code model and the fix becomes a version", async () => {
    const { done, states, answer, client } = await askAndWait(cases.converges);
    expect(done.data.state).toBe("completed");
    expect(states).toEqual(expect.arrayContaining(["codegen", "rendering", "repairing", "completed"]));
    expect(answer.type).toBe("3dmodel");
    expect(answer.query!.attempts.map((a) => [a.outcome, a.line])).toEqual([
      ["render_failed", expect.any(Number)],
      ["rendered", null],
    ]);
    expect(cases.converges.coder.lastPromptText()).toMatch(/previous attempt \(attempt 1\) failed: syntax/);
    if (answer.type !== "3dmodel") return;
    const { version } = VersionResponseSchema.parse((await client.get(`/api/chat/versions/${answer.version.id}`)).body);
    expect([version.source, version.metrics.bounding_box.size]).toEqual(["ai", [40, 20, 10]]);
    expect(version.parameters).toEqual({ LENGTH: 40, HEIGHT: 10 });
    expect(answer.text).toBe("Making it now.\n\nA plain block.");
    // The chat is named after its first exchange.
    expect((await client.get(`/api/chat/contexts/${answer.chat_context_id}`)).body.context.name).toBe(
      "Block 40 x 20 x 10 mm",
    );
  });

  it("when the code keeps failing, then it gives up after the repair attempts and says so, every attempt on record", async () => {
    const { done, answer } = await askAndWait(cases.givesUp);
    expect(done.data).toMatchObject({ state: "failed", message: expect.stringMatching(/after 3 attempts.*NameError/) });
    expect(answer).toMatchObject({ type: "errormessage", state: "failed" });
    expect(answer.query!.attempts.map((a) => a.outcome)).toEqual(["render_failed", "render_failed", "render_failed"]);
  });

  it("when the result is taller than the brief says, then the measured size sends it back for repair", async () => {
    const { done, answer } = await askAndWait(cases.tooTall);
    expect(done.data.state).toBe("completed");
    expect(answer.query!.attempts.map((a) => a.outcome)).toEqual(["contradicts_brief", "rendered"]);
    expect(answer.query!.attempts[0]!.problem).toMatch(
      /height should be 10\.00 mm along Z, but the result measures 12\.00 mm/,
    );
    expect(cases.tooTall.coder.lastPromptText()).toMatch(/12 mm overall|× 12 mm/);
  });

  it("when the code model's answer is not the structured output asked for, then that counts as an attempt and is repaired", async () => {
    const { done, answer } = await askAndWait(cases.malformed);
    expect(done.data.state).toBe("completed");
    expect(answer.query!.attempts.map((a) => a.outcome)).toEqual(["malformed", "rendered"]);
  });

  it("when the request changes the current model, then the code model is given that model's code to edit", async () => {
    const current = code(10);
    const { done, answer, client } = await askAndWait(cases.edit, async (c, chat) => {
      expect((await c.post(`/api/chat/contexts/${chat}/render`, { code: current })).status).toBe(201);
    });
    expect(done.data.state).toBe("completed");
    const prompt = cases.edit.coder.lastPromptText();
    expect(prompt).toContain(JSON.stringify(current).slice(1, -1));
    expect(prompt).toMatch(/keep its # @param names/);
    if (answer.type !== "3dmodel") throw new Error("expected a model answer");
    const { version } = VersionResponseSchema.parse((await client.get(`/api/chat/versions/${answer.version.id}`)).body);
    expect([version.number, version.metrics.bounding_box.size[2]]).toEqual([2, 15]);
    expect(version.parent_version_id).not.toBeNull();
  });
});
