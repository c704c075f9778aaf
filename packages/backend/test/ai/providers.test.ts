import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import {
  lookingDesigner,
  startFakeLlmServer,
  type FakeLlmServer,
  type FakeProtocol,
  type FakeRequest,
} from "../helpers/fake-llm-server.js";
import { openStream } from "../helpers/sse-client.js";

// The real provider packages (Anthropic, OpenAI, xAI, Ollama) against a local server that speaks each one's
// wire protocol: what arrives there (text, tool calls, tool results, images) and a whole query — a streamed
// answer, then the code loop's render → look → submit round trip — through a real render.

const sketch = readFileSync(fileURLToPath(new URL("../fixtures/images/sketch-with-text.png", import.meta.url)));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let llm: FakeLlmServer;
const renderUrl = inject("renderUrl");
let app: TestApp;
beforeAll(async () => {
  llm = await startFakeLlmServer(lookingDesigner, {
    models: [
      { name: "fake-llama:8b", capabilities: ["completion", "tools"] },
      { name: "fake-llava:7b", capabilities: ["completion", "tools", "vision"] },
      { name: "fake-coder:7b", capabilities: ["completion"] },
      { name: "fake-embed", capabilities: ["embedding"] },
    ],
  });
  const hosted = (provider: string, model: string) => ({
    provider,
    model,
    label: model,
    roles: ["conversation", "codegen"],
    accepts_images: true,
    supports_tools: true,
    price_usd_per_mtok: { input: 1, output: 2 },
  });
  const modelsFile = path.join(mkdtempSync(path.join(tmpdir(), "chat3d-providers-")), "models.json");
  writeFileSync(
    modelsFile,
    JSON.stringify({
      version: "providers-test",
      models: [hosted("anthropic", "fake-claude"), hosted("openai", "fake-gpt"), hosted("xai", "fake-grok")],
      defaults: { conversation: null, codegen: null },
    }),
  );
  app = await startTestApp({
    BUILD123D_URL: renderUrl,
    LLM_MODELS_FILE: modelsFile,
    ANTHROPIC_API_KEY: "sk-ant-fake-key-for-a-local-server",
    ANTHROPIC_BASE_URL: `${llm.url}/v1`,
    OPENAI_API_KEY: "sk-fake-key-for-a-local-server",
    OPENAI_BASE_URL: `${llm.url}/v1`,
    XAI_API_KEY: "xai-fake-key-for-a-local-server",
    XAI_BASE_URL: `${llm.url}/v1`,
    OLLAMA_BASE_URL: llm.url,
  });
}, 180_000);
afterAll(async () => {
  await app.stop();
  await llm.close();
});

async function ask(modelId: string, query: string, opts: { sketch?: boolean; codegen?: string } = {}) {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("provider"), password: PASSWORD }, { confirm: false });
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  const picture = opts.sketch
    ? ((await client.upload("/api/files", "sketch.png", sketch)).body.file.id as string)
    : null;
  const stream = await openStream(app.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  await stream.next((e) => e.event === "ready");
  const before = llm.requests.length;
  const res = await client.post("/api/query", {
    chat_context_id: chat,
    query,
    conversation_model_id: modelId,
    codegen_model_id: opts.codegen ?? modelId,
    ...(picture && { attachments: [picture] }),
  });
  expect(res.status).toBe(202);
  const done = await stream.next(
    (e) => e.event === "chat.query.state" && ["completed", "failed"].includes(e.data.state),
    60_000,
  );
  const deltas = stream.events
    .filter((e) => e.event === "chat.answer.delta")
    .map((e) => e.data.delta)
    .join("");
  stream.close();
  const answer = (await client.get(`/api/chat/contexts/${chat}/items`)).body.items.at(-1);
  // The bytes the person's picture is stored as (uploads are re-encoded without their metadata).
  const stored = picture ? (await client.bytes(`/api/files/${picture}`)).toString("base64") : null;
  return { done, deltas, answer, stored, wire: llm.requests.slice(before) };
}

/** Every tool result answers a tool call made earlier in the same history, by its id. */
function expectResultsMatchCalls(req: FakeRequest, names: string[]) {
  expect(req.toolCalls.map((c) => c.name)).toEqual(names);
  expect(req.toolResults.map((r) => r.id)).toEqual(req.toolCalls.map((c) => c.id));
  expect(new Set(req.toolCalls.map((c) => c.id)).size).toBe(names.length);
}

const previews = (req: FakeRequest) =>
  req.images.filter((i) => Buffer.from(i.base64, "base64").subarray(0, 8).equals(PNG_SIGNATURE));

describe("providers over their real protocols", () => {
  it("when the models are listed, then each configured provider's appear with what each can do", async () => {
    const client = new TestClient(app.url);
    await signUp(app, client, { email: uniqueEmail("lister"), password: PASSWORD }, { confirm: false });
    const { models } = (await client.get("/api/llm/models")).body;
    const byId = Object.fromEntries(models.map((m: { id: string }) => [m.id, m]));
    for (const id of ["anthropic:fake-claude", "openai:fake-gpt", "xai:fake-grok"]) {
      expect(byId[id]).toMatchObject({ roles: ["conversation", "codegen"], accepts_images: true });
    }
    expect(byId["ollama:fake-llama:8b"]).toMatchObject({
      provider: "ollama",
      roles: ["conversation", "codegen"],
      supports_tools: true,
      accepts_images: false,
    });
    expect(byId["ollama:fake-llava:7b"]).toMatchObject({ accepts_images: true });
    expect(byId["ollama:fake-coder:7b"]).toMatchObject({ roles: ["codegen"], supports_tools: false });
    expect(byId["ollama:fake-embed"]).toBeUndefined();
  });

  // Where each protocol carries what: the image field, and the media type it says (Ollama's says none).
  const cases: Array<{ model: string; protocol: FakeProtocol; mediaType: string | null }> = [
    { model: "ollama:fake-llava:7b", protocol: "ollama", mediaType: null },
    { model: "openai:fake-gpt", protocol: "openai", mediaType: "image/png" },
    { model: "anthropic:fake-claude", protocol: "anthropic", mediaType: "image/png" },
    { model: "xai:fake-grok", protocol: "responses", mediaType: "image/png" },
  ];
  for (const { model, protocol, mediaType } of cases) {
    it(`when a question with a PNG goes to ${model}, then the picture arrives base64 in ${protocol}'s image field, the answer streams, and render → look → submit round-trips with matching tool ids`, async () => {
      const { done, deltas, answer, stored, wire } = await ask(model, "A block 40 x 20 x 10 mm like this sketch", {
        sketch: true,
      });
      expect(done.data.state).toBe("completed");
      expect(deltas).toBe("Making a block with those dimensions.");
      expect(answer).toMatchObject({
        type: "3dmodel",
        state: "complete",
        text: expect.stringContaining("A plain block."),
      });
      expect(wire.map((r) => [r.protocol, r.tools.length])).toEqual([
        [protocol, 1],
        [protocol, 6],
        [protocol, 6],
        [protocol, 6],
      ]);
      // Usage as each protocol reports it: the streamed answer (50 in, 20 out) and three whole turns (400, 150).
      expect(answer.query.usage).toEqual({ input_tokens: 1250, output_tokens: 470 });
      const [conversation, render, look, submit] = wire as [FakeRequest, FakeRequest, FakeRequest, FakeRequest];

      // Text and image: the question's words and the stored picture's exact bytes, in this protocol's field.
      expect(JSON.stringify(conversation.messages)).toContain("A block 40 x 20 x 10 mm like this sketch");
      expect(conversation.images).toEqual([{ mediaType, base64: stored }]);
      expect(conversation.toolCalls).toEqual([]);
      expect(render.images).toEqual([{ mediaType, base64: stored }]);

      // Tool call and tool result: each result answers its call by id; the render's result says what rendered.
      expectResultsMatchCalls(look, ["render"]);
      expect(look.toolResults[0]!.content).toContain("40 × 20 × 10 mm");
      expectResultsMatchCalls(submit, ["render", "look"]);
      // After the look, the four previews are in front of the model as PNG images, after the person's picture.
      expect(previews(submit)).toHaveLength(5);
      expect(submit.images.slice(1).every((i) => i.mediaType === mediaType)).toBe(true);
    });
  }

  it("when a query goes to a model that cannot see, then no image is sent and the loop still round-trips", async () => {
    const { done, deltas, wire } = await ask("ollama:fake-llama:8b", "A block 30 x 30 x 5 mm");
    expect(done.data.state).toBe("completed");
    expect(deltas).toBe("Making a block with those dimensions.");
    expect(wire.map((r) => r.protocol)).toEqual(["ollama", "ollama", "ollama", "ollama"]);
    expect(wire.flatMap((r) => r.images)).toEqual([]);
    expectResultsMatchCalls(wire[3]!, ["render", "look"]);
  });

  it("when the code model has no tool calls, then it is asked for JSON and its code renders", async () => {
    const { done, answer, wire } = await ask("ollama:fake-llama:8b", "A block 20 x 20 x 20 mm", {
      codegen: "ollama:fake-coder:7b",
    });
    expect(done.data.state).toBe("completed");
    expect(answer.type).toBe("3dmodel");
    expect(wire.at(-1)).toMatchObject({ protocol: "ollama", wantsJson: true, tools: [] });
  });
});
