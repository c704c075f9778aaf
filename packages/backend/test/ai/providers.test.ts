import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { boxDesigner, startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { openStream } from "../helpers/sse-client.js";

// The real provider code (the AI SDK's OpenAI and Ollama providers) against a local server that speaks
// their wire protocols: streaming, tool calls and structured output, end to end through a render.

let llm: FakeLlmServer;
const renderUrl = inject("renderUrl");
let app: TestApp;
beforeAll(async () => {
  llm = await startFakeLlmServer(boxDesigner, {
    models: [
      { name: "fake-llama:8b", capabilities: ["completion", "tools"] },
      { name: "fake-coder:7b", capabilities: ["completion"] },
      { name: "fake-embed", capabilities: ["embedding"] },
    ],
  });
  app = await startTestApp({
    BUILD123D_URL: renderUrl,
    OPENAI_API_KEY: "sk-fake-key-for-a-local-server",
    OPENAI_BASE_URL: `${llm.url}/v1`,
    OPENAI_MODELS: "fake-gpt",
    OLLAMA_BASE_URL: llm.url,
  });
}, 180_000);
afterAll(async () => {
  await app.stop();
  await llm.close();
});

async function ask(modelId: string, query: string) {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("provider"), password: PASSWORD }, { confirm: false });
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  const stream = await openStream(app.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  await stream.next((e) => e.event === "ready");
  const res = await client.post("/api/query", {
    chat_context_id: chat,
    query,
    conversation_model_id: modelId,
    codegen_model_id: modelId,
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
  return { done, deltas, answer, client };
}

describe("providers over their real protocols", () => {
  it("when the models are listed, then the OpenAI-compatible server's and Ollama's appear with what each can do", async () => {
    const client = new TestClient(app.url);
    await signUp(app, client, { email: uniqueEmail("lister"), password: PASSWORD }, { confirm: false });
    const { models } = (await client.get("/api/llm/models")).body;
    const byId = Object.fromEntries(models.map((m: { id: string }) => [m.id, m]));
    expect(byId["openai:fake-gpt"]).toMatchObject({ provider: "openai", roles: ["conversation", "codegen"] });
    expect(byId["ollama:fake-llama:8b"]).toMatchObject({
      provider: "ollama",
      roles: ["conversation", "codegen"],
      supports_tools: true,
    });
    expect(byId["ollama:fake-coder:7b"]).toMatchObject({ roles: ["codegen"], supports_tools: false });
    expect(byId["ollama:fake-embed"]).toBeUndefined();
    expect(models.some((m: { provider: string }) => m.provider === "anthropic")).toBe(false);
  });

  it("when a query goes to the OpenAI-compatible server, then the answer streams, the tool call carries the brief, and the JSON code renders", async () => {
    const before = llm.requests.length;
    const { done, deltas, answer } = await ask("openai:fake-gpt", "A block 40 x 20 x 10 mm");
    expect(done.data.state).toBe("completed");
    expect(deltas).toBe("Making a block with those dimensions.");
    expect(answer).toMatchObject({ type: "3dmodel", state: "complete" });
    const mine = llm.requests.slice(before);
    expect(mine.map((r) => [r.protocol, r.tools, r.wantsJson])).toEqual([
      ["openai", ["generate_3d_model"], false],
      ["openai", ["render", "look", "measure", "search_examples", "lookup_api", "submit"], false],
    ]);
    expect(answer.query.usage).toEqual({ input_tokens: 450, output_tokens: 170 });
  });

  it("when a query goes to Ollama, then its chat protocol streams the answer and the code renders the same way", async () => {
    const before = llm.requests.length;
    const { done, deltas, answer } = await ask("ollama:fake-llama:8b", "A block 30 x 30 x 5 mm");
    expect(done.data.state).toBe("completed");
    expect(deltas).toBe("Making a block with those dimensions.");
    expect(answer.type).toBe("3dmodel");
    expect(llm.requests.slice(before).map((r) => r.protocol)).toEqual(["ollama", "ollama"]);
  });
});
