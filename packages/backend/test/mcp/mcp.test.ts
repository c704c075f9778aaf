import { CreatedAccessTokenSchema, type TokenScope } from "@chat3d/shared";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult, Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { RunningServer } from "../../src/server.js";
import { cookieOf, eventually, member, type Member } from "../helpers/accounts.js";
import { startSecondInstance, startTestApp, type TestApp } from "../helpers/app.js";
import { designBrief, ScriptedModel, usableModel } from "../helpers/llm.js";
import { openStream } from "../helpers/sse-client.js";

const BOX = `from build123d import *
WIDTH = 20  # @param mm
root_part = Box(10, WIDTH, 30)
`;
const BLOCK = `from build123d import *\nroot_part = Box(40, 20, 10)\n`;

const designer = new ScriptedModel("mock:mcp-designer", [
  {
    text: "Making it now.",
    toolCall: { name: "generate_3d_model", input: designBrief({ summary: "A block 40 x 20 x 10 mm" }) },
  },
]);
const stuck = new ScriptedModel("mock:mcp-stuck", [{ stallAfter: "" }]);
const coder = new ScriptedModel("mock:mcp-coder", [
  { calls: [{ name: "render", input: { code: BLOCK } }] },
  { calls: [{ name: "submit", input: { code: BLOCK, parameters: {}, comment: "A plain block." } }] },
]);

let app: TestApp;
let second: RunningServer;
let owner: Member;
const open: Client[] = [];

beforeAll(async () => {
  app = await startTestApp(
    { BUILD123D_URL: inject("renderUrl"), LLM_MAX_RETRIES: "0", ACCESS_TOKEN_MAX_CONCURRENCY: "2" },
    { models: [usableModel(designer), usableModel(coder), usableModel(stuck)] },
  );
  second = await startSecondInstance(app, { RUN_WORKER: "false" });
  owner = await member(app, "mcp");
}, 120_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

async function token(scopes: TokenScope[]) {
  const res = await owner.client.post("/api/profile/tokens", { name: `mcp ${scopes}`, scopes, expires_in_days: 1 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return CreatedAccessTokenSchema.parse(res.body);
}

/** An MCP client as an agent runs it: the SDK's own, over Streamable HTTP, with only the bearer token. */
async function connect(secret: string, url = app.url) {
  const client = new Client({ name: "chat3d-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${secret}` } },
  });
  await client.connect(transport);
  open.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>, onprogress?: (p: Progress) => void) {
  const result = (await client.callTool({ name, arguments: args }, undefined, {
    onprogress,
    resetTimeoutOnProgress: true,
    timeout: 120_000,
  })) as CallToolResult;
  return result;
}

/** The JSON a tool answered with (its first JSON text item). */
function body(result: CallToolResult): any {
  for (const item of result.content) {
    if (item.type === "text" && item.text.startsWith("{")) return JSON.parse(item.text);
  }
  throw new Error(`no JSON in ${JSON.stringify(result.content)}`);
}

async function newChat(client: Client, name: string): Promise<string> {
  return body(await call(client, "create_chat", { name })).chat.id;
}

describe("the MCP endpoint", () => {
  it("when an agent connects with a token, then it lists every tool with its input schema", async () => {
    const { secret } = await token(["read"]);
    const client = await connect(secret);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        "ask",
        "create_chat",
        "get_chat",
        "get_file",
        "get_preview",
        "get_version",
        "list_chats",
        "measure",
        "render_code",
        "set_parameters",
      ].sort(),
    );
    const render = tools.find((t) => t.name === "render_code")!;
    expect(render.inputSchema.required).toEqual(expect.arrayContaining(["chat_id", "code"]));
    expect(render.description).toContain('"render" scope');
  });

  it("when render_code runs, then it returns the version's metrics and a STEP link that downloads with the token", async () => {
    const { secret } = await token(["read", "write", "render"]);
    const client = await connect(secret);
    const chat = await newChat(client, "From MCP");
    const result = await call(client, "render_code", { chat_id: chat, code: BOX });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const { version } = body(result);
    expect(version.metrics.volume).toBeCloseTo(6000, 0);
    expect(version.metrics.bounding_box.size).toEqual([10, 20, 30]);
    expect(version.metrics).not.toHaveProperty("faces");
    const link = result.content.find((c) => c.type === "resource_link" && c.name.endsWith(".step"));
    if (link?.type !== "resource_link") throw new Error("no STEP link");

    const download = await fetch(app.url + new URL(link.uri).pathname, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(download.status).toBe(200);
    expect((await download.text()).startsWith("ISO-10303-21")).toBe(true);
    expect((await fetch(app.url + new URL(link.uri).pathname)).status).toBe(401);
  }, 60_000);

  it("when a version exists, then get_version, measure, get_preview, get_file and set_parameters work on it", async () => {
    const { secret } = await token(["read", "write", "render"]);
    const client = await connect(secret);
    const chat = await newChat(client, "Tools");
    const { version } = body(await call(client, "render_code", { chat_id: chat, code: BOX }));

    expect(body(await call(client, "get_version", { version_id: version.id })).version.code).toBe(BOX);
    const overall = body(await call(client, "measure", { version_id: version.id, what: "overall" }));
    expect(JSON.stringify(overall)).toContain("6000");

    const preview = await call(client, "get_preview", { version_id: version.id });
    const image = preview.content[0];
    if (image?.type !== "image") throw new Error(`no image: ${JSON.stringify(preview.content)}`);
    expect(image.mimeType).toBe("image/png");
    expect(Buffer.from(image.data, "base64").subarray(1, 4).toString()).toBe("PNG");

    const code = version.files.find((f: { role: string }) => f.role === "code");
    const file = (await call(client, "get_file", { file_id: code.file_id })).content[0];
    if (file?.type !== "resource" || !("text" in file.resource)) throw new Error("code not embedded");
    expect(file.resource.text).toBe(BOX);

    const wider = body(await call(client, "set_parameters", { version_id: version.id, parameters: { WIDTH: 50 } }));
    expect([wider.version.source, wider.version.parent_version_id, wider.version.metrics.bounding_box.size]).toEqual([
      "parameters",
      version.id,
      [10, 50, 30],
    ]);
    // The API's guard against control characters holds for every argument, as for every REST input.
    const nul = await call(client, "set_parameters", { version_id: version.id, parameters: { WIDTH: "5\u0000" } });
    expect([nul.isError, body(nul).error.details]).toEqual([
      true,
      { "arguments.parameters.WIDTH": [expect.any(String)] },
    ]);
    const listed = body(await call(client, "get_chat", { chat_id: chat }));
    expect(listed.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  }, 90_000);

  it("when the script fails, then render_code is a tool error with the product's message, its type and line", async () => {
    const { secret } = await token(["write", "render"]);
    const client = await connect(secret);
    const chat = await newChat(client, "Broken");
    const result = await call(client, "render_code", {
      chat_id: chat,
      code: "from build123d import *\nroot_part = Box(1, 2,\n",
    });
    expect(result.isError).toBe(true);
    const { error } = body(result);
    expect(error.code).toBe("render_failed");
    expect(error.details).toMatchObject({ type: "syntax", line: expect.any(Number) });
  }, 60_000);

  it("when ask runs with a mock model, then progress arrives while it works and it ends with the answer and its version", async () => {
    const { secret } = await token(["write", "ai"]);
    const client = await connect(secret);
    const chat = await newChat(client, "Asked");
    const progress: Progress[] = [];
    const result = await call(
      client,
      "ask",
      {
        chat_id: chat,
        query: "A block 40 by 20 by 10 mm please",
        conversation_model_id: designer.id,
        codegen_model_id: coder.id,
      },
      (p) => progress.push(p),
    );
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const { version } = body(result);
    expect([version.source, version.metrics.bounding_box.size]).toEqual(["ai", [40, 20, 10]]);
    expect(result.content[0]).toEqual({ type: "text", text: "Making it now.\n\nA plain block." });
    const messages = progress.map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining(["queued", "codegen", "rendered 40 × 20 × 10 mm", "completed"]));
    expect(progress.map((p) => p.progress)).toEqual(progress.map((_, i) => i + 1));
  }, 120_000);

  it("when the agent goes away while ask runs, then the query is cancelled", async () => {
    const { secret } = await token(["read", "write", "ai"]);
    const client = await connect(secret);
    const chat = await newChat(client, "Abandoned");
    const started = new Promise<void>((resolve) => {
      void call(
        client,
        "ask",
        { chat_id: chat, query: "A block", conversation_model_id: designer.id, codegen_model_id: stuck.id },
        (p) => p.message === "codegen" && resolve(),
      ).catch(() => undefined);
    });
    await started;
    await client.close();
    const query = await eventually(
      async () => (await owner.client.get(`/api/chat/contexts/${chat}/items`)).body.items.at(-1).query,
      (q) => q?.state === "cancelled",
    );
    expect(query.state).toBe("cancelled");
  }, 60_000);

  it("when a read-only token calls render_code, then it is a tool error and nothing is written", async () => {
    const { secret } = await token(["read"]);
    const client = await connect(secret);
    const chat = (await owner.client.post("/api/chat/contexts", { name: "Read only" })).body.context.id;
    const result = await call(client, "render_code", { chat_id: chat, code: BOX });
    expect(result.isError).toBe(true);
    expect(body(result).error.code).toBe("insufficient_scope");
    expect(result.content[0]).toEqual({ type: "text", text: 'This access token lacks the "render" scope.' });
    expect((await owner.client.get(`/api/chat/contexts/${chat}/versions`)).body.items).toEqual([]);
    expect((await call(client, "create_chat", { name: "Nope" })).isError).toBe(true);
  });

  it("when another person's chat id is given, then the tool answers not found", async () => {
    const stranger = await member(app, "stranger");
    const theirs = (await stranger.client.post("/api/chat/contexts", { name: "Theirs" })).body.context.id;
    const { secret } = await token(["read"]);
    const result = await call(await connect(secret), "get_chat", { chat_id: theirs });
    expect([result.isError, body(result).error.code]).toEqual([true, "not_found"]);
  });

  it("when a token is revoked, then the other instance refuses it at once", async () => {
    const { token: made, secret } = await token(["read"]);
    const client = await connect(secret, second.url);
    expect((await call(client, "list_chats", {})).isError).toBeFalsy();

    expect((await owner.client.delete(`/api/profile/tokens/${made.id}`)).status).toBe(200);
    const revokedAt = Date.now();
    await expect(call(client, "list_chats", {})).rejects.toMatchObject({
      code: 401,
      message: expect.stringContaining("may be revoked or expired"),
    });
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it("when a token's REST requests fill its concurrency cap, then an MCP call waits its turn (one counter for both)", async () => {
    const { secret } = await token(["read"]);
    const streams = [await openStream(app.url, { bearer: secret }), await openStream(app.url, { bearer: secret })];
    await expect(connect(secret)).rejects.toMatchObject({ code: 429 });
    streams[0]!.close();
    await streams[0]!.ended;
    streams[1]!.close();
    await streams[1]!.ended;
    const client = await eventually(
      () => connect(secret).catch(() => undefined),
      (c) => c !== undefined,
    );
    expect((await call(client!, "list_chats", {})).isError).toBeFalsy();
  });

  it("when no token (or only a session cookie) is sent, then /mcp answers 401 in the product's error shape", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
    };
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    for (const extra of [{}, { cookie: cookieOf(owner.client) }] as Array<Record<string, string>>) {
      const res = await fetch(`${app.url}/mcp`, {
        method: "POST",
        headers: { ...headers, ...extra },
        body: JSON.stringify(initialize),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await res.json()) as any).error.code).toBe("unauthorized");
    }
    const { secret } = await token(["read"]);
    const get = await fetch(`${app.url}/mcp`, { headers: { authorization: `Bearer ${secret}` } });
    expect(get.status).toBe(405);
  });
});
