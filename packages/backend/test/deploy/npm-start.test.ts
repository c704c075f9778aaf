import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/lib/local-render-service.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const cleanup: Array<() => void> = [];
afterAll(() => cleanup.forEach((f) => f()));

async function waitForReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

describe("npm start", () => {
  it("when DATA_DIR is a fresh private directory (mktemp -d), then everything comes up healthy and Ctrl-C stops it all", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "chat3d-data-"));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const [port, renderPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    let output = "";
    const child = spawn(process.execPath, [path.join(repo, "scripts/start.mjs")], {
      cwd: repo,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        PORT: String(port),
        BUILD123D_PORT: String(renderPort),
        EMBEDDED_PG_PORT: String(pgPort),
        METRICS_PORT: "0",
        ADMIN_PASSWORD: "start-test-admin-password",
        BUILD123D_WORKERS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    cleanup.push(() => child.kill("SIGKILL"));

    try {
      await waitForReady(`http://127.0.0.1:${port}/api/ready`, child, 90_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${output}`, { cause: err });
    }
    const page = await fetch(`http://127.0.0.1:${port}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(output).not.toMatch(/\n\s+at /);
  }, 150_000);
});
