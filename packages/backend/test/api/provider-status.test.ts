import { ProviderStatusListSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { member } from "../helpers/accounts.js";
import { ADMIN, startTestApp, TestClient, type TestApp } from "../helpers/app.js";
import { boxDesigner, startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";

let llm: FakeLlmServer;
let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  llm = await startFakeLlmServer(boxDesigner, {
    models: [{ name: "qwen-fake:7b", capabilities: ["completion", "tools"] }],
  });
  app = await startTestApp({ OLLAMA_BASE_URL: llm.url });
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await app.stop();
  await llm.close();
});

describe("the AI providers on the status page", () => {
  it("when the provider's server answers, then it is operational and lists the models it offers", async () => {
    const res = await admin.get("/api/admin/status/providers");
    expect(res.status).toBe(200);
    const { providers } = ProviderStatusListSchema.parse(res.body);
    expect(providers).toEqual([
      {
        provider: "ollama",
        base_url: llm.url,
        check: { status: "ok", latency_ms: expect.any(Number) },
        models: [{ id: "ollama:qwen-fake:7b", label: "qwen-fake:7b (Ollama)" }],
      },
    ]);
  });

  it("when the provider's server is gone, then it is reported down with why, quickly", async () => {
    await llm.close();
    const started = performance.now();
    const { providers } = ProviderStatusListSchema.parse((await admin.get("/api/admin/status/providers")).body);
    expect(providers[0]!.check).toMatchObject({
      status: "down",
      latency_ms: null,
      message: expect.stringMatching(/ECONNREFUSED|refused/i),
    });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("when someone who is not an admin asks, then it is refused", async () => {
    const person = await member(app, "status");
    expect((await person.client.get("/api/admin/status/providers")).status).toBe(403);
    expect((await new TestClient(app.url).get("/api/admin/status/providers")).status).toBe(401);
  });
});
