import { ChatItemListSchema, VersionResponseSchema, type DesignBrief } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { designBrief, ScriptedModel, usableModel, type Turn } from "../helpers/llm.js";
import { openStream } from "../helpers/sse-client.js";

// Stage 2 and 3 with mock models and the real render service: the code model's tool loop (render, look,
// measure, submit) behind a gate that checks the brief by code, its limits, and the write-render-repair
// loop of models without tools.

const brief = (patch: Partial<DesignBrief> = {}): DesignBrief =>
  designBrief({
    summary: "A block 40 x 20 x 10 mm",
    dimensions: [
      { name: "length", value: 40, unit: "mm", axis: "x" },
      { name: "width", value: 20, unit: "mm", axis: "y" },
      { name: "height", value: 1, unit: "cm", axis: "z" },
    ],
    ...patch,
  });

const code = (height: number) =>
  `from build123d import *\nLENGTH = 40  # @param mm\nHEIGHT = ${height}  # @param mm\nroot_part = Box(LENGTH, 20, HEIGHT)\n`;
const plate = (holes: number) =>
  `from build123d import *\nwith BuildPart() as p:\n    Box(60, 40, 5)\n    with Locations(*[(-20 + 10 * i, 0) for i in range(${holes})]):\n        Hole(radius=2.5)\nroot_part = p.part\n`;

const render = (source: string): Turn => ({ calls: [{ name: "render", input: { code: source } }] });
const look: Turn = { calls: [{ name: "look", input: {} }] };
const submit = (source: string, comment = "A plain block."): Turn => ({
  calls: [{ name: "submit", input: { code: source, parameters: {}, comment } }],
});
const json = (source: string, comment = "A plain block.") => ({
  json: { plan: "One box.", code: source, parameters: {}, comment },
});

function pair(
  name: string,
  designBrief: DesignBrief,
  coderTurns: Turn[],
  coder: { vision?: boolean; tools?: boolean; spends?: { input: number; output: number } } = {},
) {
  const designer = new ScriptedModel(`mock:${name}-designer`, [
    { text: "Making it now.", toolCall: { name: "generate_3d_model", input: designBrief } },
  ]);
  return {
    designer,
    coder: new ScriptedModel(`mock:${name}-coder`, coderTurns, coder.spends),
    info: { accepts_images: coder.vision ?? false, supports_tools: coder.tools ?? true },
  };
}

const loop = {
  looksThenSubmits: pair("looks", brief(), [render(code(10)), look, submit(code(10))], { vision: true }),
  mustLook: pair("must-look", brief(), [render(code(10)), submit(code(10)), look, submit(code(10))], { vision: true }),
  tooTall: pair("too-tall", brief(), [submit(code(12)), submit(code(10), "Now 10 mm tall.")]),
  holes: pair("holes", brief({ summary: "A plate", dimensions: [], holes: [{ count: 4, diameter: 5, unit: "mm" }] }), [
    submit(plate(3)),
    { calls: [{ name: "measure", input: { what: "holes" } }] },
    submit(plate(4), "Four holes."),
  ]),
  fixesLine: pair("fixes", brief(), [render("from build123d import *\nroot_part = Box(40, 20,\n"), submit(code(10))]),
  nudged: pair("nudged", brief(), [render(code(10)), { text: "It looks right to me." }, submit(code(10))]),
  searches: pair("searches", brief(), [
    { calls: [{ name: "search_examples", input: { text: "mounting plate with holes in the corners" } }] },
    { calls: [{ name: "lookup_api", input: { name: "Hole" } }] },
    submit(code(10)),
  ]),
  edit: pair("edit", brief({ summary: "Make the block 15 mm tall", change_of_current: true, dimensions: [] }), [
    submit(code(15), "Raised to 15 mm."),
  ]),
};
const structured = {
  converges: pair("converges", brief(), [json("from build123d import *\nroot_part = Box(40, 20,\n"), json(code(10))], {
    tools: false,
  }),
  givesUp: pair("gives-up", brief(), [json("from build123d import *\nroot_part = undefined_name\n")], { tools: false }),
  malformed: pair("malformed", brief(), [{ raw: "Sure! Here is your code: Box(40, 20, 10)" }, json(code(10))], {
    tools: false,
  }),
};
const limited = {
  steps: pair("steps", brief(), [render("from build123d import *\nroot_part = nothing\n")]),
  tokens: pair("tokens", brief(), [{ calls: [{ name: "lookup_api", input: { name: "Box" } }] }], {
    spends: { input: 3000, output: 1000 },
  }),
  time: pair("time", brief(), [{ stallAfter: "" }]),
  quitter: pair("quitter", brief(), [{ text: "I would rather not." }]),
};

const renderUrl = inject("renderUrl");
let app: TestApp;
let tight: TestApp;
const modelsOf = (cases: Record<string, ReturnType<typeof pair>>) =>
  Object.values(cases).flatMap(({ designer, coder, info }) => [usableModel(designer), usableModel(coder, info)]);

beforeAll(async () => {
  [app, tight] = await Promise.all([
    startTestApp(
      { BUILD123D_URL: renderUrl, LLM_REPAIR_ATTEMPTS: "2", LLM_MAX_RETRIES: "0" },
      { models: modelsOf({ ...loop, ...structured }) },
    ),
    startTestApp(
      {
        BUILD123D_URL: renderUrl,
        LLM_MAX_RETRIES: "0",
        LLM_CODEGEN_MAX_STEPS: "3",
        LLM_QUERY_MAX_TOKENS: "5000",
        LLM_QUERY_MAX_SECONDS: "3",
      },
      { models: modelsOf(limited) },
    ),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([app.stop(), tight.stop()]);
});

async function askAndWait(
  on: TestApp,
  models: { designer: ScriptedModel; coder: ScriptedModel },
  prepare?: (client: TestClient, chat: string) => Promise<Record<string, unknown> | void>,
) {
  const client = new TestClient(on.url);
  await signUp(on, client, { email: uniqueEmail("maker"), password: PASSWORD }, { confirm: false });
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  const extra = (await prepare?.(client, chat)) ?? {};
  const stream = await openStream(on.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  await stream.next((e) => e.event === "ready");
  const accepted = await client.post("/api/query", {
    chat_context_id: chat,
    query: "A block 40 by 20 by 10 mm please",
    conversation_model_id: models.designer.id,
    codegen_model_id: models.coder.id,
    ...extra,
  });
  expect(accepted.status).toBe(202);
  const done = await stream.next(
    (e) => e.event === "chat.query.state" && ["completed", "failed", "cancelled"].includes(e.data.state),
    60_000,
  );
  const states = stream.events.filter((e) => e.event === "chat.query.state").map((e) => e.data.state);
  const steps = stream.events.filter((e) => e.event === "chat.query.step").map((e) => e.data.step);
  stream.close();
  const items = ChatItemListSchema.parse((await client.get(`/api/chat/contexts/${chat}/items`)).body).items;
  return { client, chat, done, states, steps, answer: items.at(-1)!, items };
}

const toolsOf = (steps: Array<{ tool: string; ok: boolean }>) => steps.map((s) => `${s.tool}:${s.ok ? "ok" : "no"}`);

describe("the code model's tool loop", () => {
  it("when the model renders, looks and submits, then it sees four previews as images and its part becomes a version, each step on record", async () => {
    const { done, answer, steps, client } = await askAndWait(app, loop.looksThenSubmits);
    expect(done.data.state).toBe("completed");
    expect(toolsOf(answer.query!.steps)).toEqual(["render:ok", "look:ok", "submit:ok"]);
    expect(steps.map((s) => s.summary)).toEqual(["rendered 40 × 20 × 10 mm", "looked at 4 views", "submitted"]);
    // The call after `look` carries the previews; the ones before it carry none.
    expect(loop.looksThenSubmits.coder.images(1)).toEqual([]);
    expect(loop.looksThenSubmits.coder.images(2)).toEqual(
      Array(4).fill({ mediaType: "image/png", bytes: expect.any(Number) }),
    );
    if (answer.type !== "3dmodel") throw new Error("expected a model answer");
    // The terminal event is the answer's final record: its version, totals and finish time.
    expect(done.data).toMatchObject({
      version_id: answer.version.id,
      usage: answer.query!.usage,
      cost_usd: answer.query!.cost_usd,
      finished_at: answer.query!.finished_at,
    });
    expect(answer.query!.version_id).toBe(answer.version.id);
    const { version } = VersionResponseSchema.parse((await client.get(`/api/chat/versions/${answer.version.id}`)).body);
    expect([version.source, version.metrics.bounding_box.size]).toEqual(["ai", [40, 20, 10]]);
    expect(version.parameters).toEqual({ LENGTH: 40, HEIGHT: 10 });
    expect(answer.text).toBe("Making it now.\n\nA plain block.");
    expect((await client.get(`/api/chat/contexts/${answer.chat_context_id}`)).body.context.name).toBe(
      "Block 40 x 20 x 10 mm",
    );
  });

  it("when a model that can see submits without looking, then the gate sends it back to look first", async () => {
    const { done, answer } = await askAndWait(app, loop.mustLook);
    expect(done.data.state).toBe("completed");
    expect(toolsOf(answer.query!.steps)).toEqual(["render:ok", "submit:no", "look:ok", "submit:ok"]);
    expect(answer.query!.steps[1]!.summary).toMatch(/look at this exact code's render first/);
  });

  it("when the submitted part is taller than the brief says, then the gate refuses it with the numbers and the fix is kept", async () => {
    const { done, answer } = await askAndWait(app, loop.tooTall);
    expect(done.data.state).toBe("completed");
    expect(answer.query!.attempts.map((a) => a.outcome)).toEqual(["contradicts_brief", "rendered"]);
    expect(loop.tooTall.coder.lastPromptText()).toMatch(
      /height should be 10\.00 mm along Z, but the result measures 12\.00 mm/,
    );
    expect(answer.text).toMatch(/Now 10 mm tall\.$/);
  });

  it("when the brief says four 5 mm holes and the part has three, then the gate counts them and the model fixes it", async () => {
    const { done, answer } = await askAndWait(app, loop.holes);
    expect(done.data.state).toBe("completed");
    expect(toolsOf(answer.query!.steps)).toEqual(["submit:no", "measure:ok", "submit:ok"]);
    const prompt = loop.holes.coder.allPromptText();
    expect(prompt).toMatch(/asks for 4 hole\(s\) of 5 mm, but the result has 3/);
    // `measure` answered from the B-rep: three holes of 5 mm.
    expect(prompt).toContain('"kind":"hole","diameter":5,"count":3');
  });

  it("when a render fails, then the error type and its line go back to the model and the step says which line", async () => {
    const { done, answer } = await askAndWait(app, loop.fixesLine);
    expect(done.data.state).toBe("completed");
    expect(answer.query!.steps[0]).toMatchObject({ tool: "render", ok: false, line: expect.any(Number) });
    expect(answer.query!.steps[0]!.summary).toMatch(/^syntax error on line \d+$/);
    expect(loop.fixesLine.coder.lastPromptText()).toContain('"error":"syntax"');
  });

  it("when the model stops talking without submitting, then it is reminded once and its submission is kept", async () => {
    const { done, answer } = await askAndWait(app, loop.nudged);
    expect(done.data.state).toBe("completed");
    expect(loop.nudged.coder.lastPromptText()).toMatch(/You stopped without calling submit/);
    expect(toolsOf(answer.query!.steps)).toEqual(["render:ok", "submit:ok"]);
  });

  it("when the model searches the examples and the API notes, then it gets the matching example and the notes", async () => {
    const { done, answer } = await askAndWait(app, loop.searches);
    expect(done.data.state).toBe("completed");
    expect(answer.query!.steps[0]!.summary).toMatch(/^found .*plate with holes/);
    expect(answer.query!.steps[1]).toMatchObject({ tool: "lookup_api", ok: true, summary: "looked up Hole" });
    expect(loop.searches.coder.allPromptText()).toMatch(/A mounting plate 80 x 50 mm/);
  });

  it("when the request changes the current model, then the code model is given that model's code to edit", async () => {
    const current = code(10);
    const { done, answer, client } = await askAndWait(app, loop.edit, async (c, chat) => {
      expect((await c.post(`/api/chat/contexts/${chat}/render`, { code: current })).status).toBe(201);
    });
    expect(done.data.state).toBe("completed");
    const prompt = loop.edit.coder.lastPromptText();
    expect(prompt).toContain(JSON.stringify(current).slice(1, -1));
    expect(prompt).toMatch(/keep its # @param names/);
    if (answer.type !== "3dmodel") throw new Error("expected a model answer");
    const { version } = VersionResponseSchema.parse((await client.get(`/api/chat/versions/${answer.version.id}`)).body);
    expect([version.number, version.metrics.bounding_box.size[2]]).toEqual([2, 15]);
    expect(version.parent_version_id).not.toBeNull();
  });
});

describe("the loop's limits", () => {
  it("when the model keeps rendering broken code, then the step limit ends it with what it tried", async () => {
    const { done, answer } = await askAndWait(tight, limited.steps);
    expect(done.data).toMatchObject({
      state: "failed",
      message: expect.stringMatching(
        /took its 3 steps without a part that passes the checks\. What it tried: .*NameError/,
      ),
    });
    expect(answer).toMatchObject({ type: "errormessage", state: "failed" });
    expect(limited.steps.coder.prompts).toHaveLength(3);
  });

  it("when the model spends past the token budget, then the loop stops there", async () => {
    const { done } = await askAndWait(tight, limited.tokens);
    expect(done.data).toMatchObject({ state: "failed", message: expect.stringMatching(/budget of 5000 tokens/) });
    expect(limited.tokens.coder.prompts.length).toBeLessThanOrEqual(2);
  });

  it("when the model stalls, then the time limit ends the query with a clear failure", async () => {
    const { done } = await askAndWait(tight, limited.time);
    expect(done.data).toMatchObject({ state: "failed", message: expect.stringMatching(/time limit of 3 s/) });
  });

  it("when the model will not submit even when reminded, then the query fails saying so", async () => {
    const { done } = await askAndWait(tight, limited.quitter);
    expect(done.data).toMatchObject({ state: "failed", message: expect.stringMatching(/stopped without submitting/) });
    expect(limited.quitter.coder.prompts).toHaveLength(2);
  });
});

describe("code models without tool calls", () => {
  it("when the first code does not parse, then the error and its line go back to the code model and the fix becomes a version", async () => {
    const { done, states, answer } = await askAndWait(app, structured.converges);
    expect(done.data.state).toBe("completed");
    expect(states).toEqual(expect.arrayContaining(["codegen", "rendering", "repairing", "completed"]));
    expect(answer.query!.attempts.map((a) => [a.outcome, a.line])).toEqual([
      ["render_failed", expect.any(Number)],
      ["rendered", null],
    ]);
    expect(structured.converges.coder.lastPromptText()).toMatch(
      /previous attempt \(attempt 1\) failed: it does not render: syntax/,
    );
  });

  it("when the code keeps failing, then it gives up after the repair attempts and says so, every attempt on record", async () => {
    const { done, answer } = await askAndWait(app, structured.givesUp);
    expect(done.data).toMatchObject({ state: "failed", message: expect.stringMatching(/after 3 attempts.*NameError/) });
    expect(answer.query!.attempts.map((a) => a.outcome)).toEqual(["render_failed"]);
    // The same script is rendered once; the repeats are answered from that render.
    expect(structured.givesUp.coder.prompts).toHaveLength(3);
  });

  it("when the answer is not the structured output asked for, then that counts as an attempt and is repaired", async () => {
    const { done, answer } = await askAndWait(app, structured.malformed);
    expect(done.data.state).toBe("completed");
    expect(answer.query!.attempts.map((a) => a.outcome)).toEqual(["malformed", "rendered"]);
  });
});

describe("a restart in the middle of a query", () => {
  it("when the worker stops while a query runs, then another instance resumes it from its stored stage and finishes it", async () => {
    const stalling = new ScriptedModel("mock:restart", [{ stallAfter: "Thinking about " }]);
    const first = await startTestApp({ BUILD123D_URL: renderUrl }, { models: [usableModel(stalling)] });
    const client = new TestClient(first.url);
    await signUp(first, client, { email: uniqueEmail("restart"), password: PASSWORD }, { confirm: false });
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
      submit(code(10)),
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
