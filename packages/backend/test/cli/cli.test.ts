import { CreatedAccessTokenSchema } from "@chat3d/shared";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { member, type Member } from "../helpers/accounts.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { designBrief, ScriptedModel, usableModel } from "../helpers/llm.js";

// The chat3d CLI as a person runs it: a separate process, configured by its environment, against a real
// API and the real render service.

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const BIN = path.join(root, "packages/cli/bin/chat3d.js");
const PART = "from build123d import *\nroot_part = Box(12, 34, 5)\n";
const BLOCK = "from build123d import *\nroot_part = Box(40, 20, 10)\n";

const designer = new ScriptedModel("mock:cli-designer", [
  { text: "Making it now.", toolCall: { name: "generate_3d_model", input: designBrief({ summary: "A block" }) } },
]);
const coder = new ScriptedModel("mock:cli-coder", [
  { calls: [{ name: "submit", input: { code: BLOCK, parameters: {}, comment: "A plain block." } }] },
]);

let app: TestApp;
let owner: Member;
let secret: string;
const dir = mkdtempSync(path.join(tmpdir(), "chat3d-cli-"));

beforeAll(async () => {
  app = await startTestApp(
    {
      BUILD123D_URL: inject("renderUrl"),
      LLM_MAX_RETRIES: "0",
      LLM_DEFAULT_CONVERSATION_MODEL: designer.id,
      LLM_DEFAULT_CODEGEN_MODEL: coder.id,
    },
    { models: [usableModel(designer), usableModel(coder)] },
  );
  owner = await member(app, "cli");
  const made = await owner.client.post("/api/profile/tokens", {
    name: "cli",
    scopes: ["read", "write", "render", "ai"],
    expires_in_days: 1,
  });
  secret = CreatedAccessTokenSchema.parse(made.body).secret;
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

function run(command: string, args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: { ...process.env, CHAT3D_TOKEN: secret, CHAT3D_URL: app.url, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const chat3d = (args: string[], env?: Record<string, string | undefined>) => run(process.execPath, [BIN, ...args], env);

describe("the chat3d CLI", () => {
  it("when `npm run cli -- render part.py --out part.step` runs, then the part is a version and its STEP is on disk", async () => {
    writeFileSync(path.join(dir, "part.py"), PART);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await run(npm, [
      "--prefix",
      root,
      "run",
      "--silent",
      "cli",
      "--",
      "render",
      "part.py",
      "--out",
      "part.step",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^version 1 \(.+\): 12 × 34 × 5 mm, volume 2040 mm³$/m);
    const chatId = result.stdout.match(/^chat (\S+)/m)![1]!;

    const step = readFileSync(path.join(dir, "part.step"));
    expect(step.subarray(0, 12).toString()).toBe("ISO-10303-21");
    // The same bytes the API keeps for that version.
    const versions = (await owner.client.get(`/api/chat/contexts/${chatId}/versions`)).body.items;
    const version = (await owner.client.get(`/api/chat/versions/${versions[0].id}`)).body.version;
    const file = version.files.find((f: { format?: string }) => f.format === "step");
    expect(file.bytes).toBe(step.length);

    const same = await chat3d(["render", "part.py", "--chat", chatId]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^unchanged: .*\nversion 1 /m);

    writeFileSync(path.join(dir, "part.py"), readFileSync(path.join(dir, "part.py"), "utf8").replace("34", "35"));
    const again = await chat3d(["render", "part.py", "--chat", chatId]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^version 2 .*12 × 35 × 5 mm/m);
  }, 90_000);

  it("when the script is broken, then the CLI names the file, the line and the error type, and exits 1", async () => {
    writeFileSync(path.join(dir, "broken.py"), "from build123d import *\nroot_part = Box(1, 2,\n");
    const result = await chat3d(["render", "broken.py"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^chat3d: broken\.py:\d+: syntax error: /);
  }, 60_000);

  it("when asked a question, then it follows the answer's stages and writes the AI's model", async () => {
    const chat = (await owner.client.post("/api/chat/contexts", { name: "CLI ask" })).body.context.id;
    const result = await chat3d(["ask", "A block 40 by 20 by 10 mm", "--chat", chat, "--out", "block.stl"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")).toEqual(
      expect.arrayContaining(["queued", "  submitted", "completed", "Making it now.", "A plain block."]),
    );
    expect(result.stdout).toMatch(/^version 1 \(.+\): 40 × 20 × 10 mm/m);
    expect(readFileSync(path.join(dir, "block.stl")).length).toBeGreaterThan(84);
  }, 90_000);

  it("when the token is missing or wrong, or the API is not there, then it says what to fix", async () => {
    const missing = await chat3d(["render", "part.py"], { CHAT3D_TOKEN: "" });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("Set CHAT3D_TOKEN")]);
    const wrong = await chat3d(["render", "part.py"], { CHAT3D_TOKEN: "c3d_pat_not-a-real-token" });
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining("Check CHAT3D_TOKEN")]);
    const away = await chat3d(["render", "part.py"], { CHAT3D_URL: "http://127.0.0.1:9" });
    expect([away.code, away.stderr]).toEqual([1, expect.stringContaining("Cannot reach Chat3D at http://127.0.0.1:9")]);
    const usage = await chat3d(["draw", "x"]);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('Unknown command "draw"')]);
  });
});
