import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/lib/local-render-service.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));

export interface BackendProcess {
  child: ChildProcess;
  /** The API's address; undefined for a worker. */
  url: string | undefined;
  /** Everything it printed, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/** Compiles the backend into dist/ (incremental: a no-op when it is fresh), as `npm start` and the images run it. */
export function buildBackend(): void {
  execFileSync("npx", ["tsc", "-b", "packages/backend"], { cwd: repo, stdio: "inherit" });
}

/**
 * The backend as its own OS process, as a host runs it: `server.js` (an API instance) or `worker.js` (the job
 * runner). Resolves once the API answers /api/ready, or once the worker says it has started.
 */
export async function startBackendProcess(
  entry: "server" | "worker",
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<BackendProcess> {
  const port = entry === "server" ? await freePort() : undefined;
  const child = spawn(process.execPath, [`${repo}packages/backend/dist/${entry}.js`], {
    cwd: repo,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: "127.0.0.1",
      METRICS_PORT: "0",
      ...env,
      ...(port && { PORT: String(port) }),
      // The worker announces itself at info level; an API instance keeps its request log quiet.
      LOG_LEVEL: entry === "worker" ? "info" : "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = port ? `http://127.0.0.1:${port}` : undefined;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry}.js exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${entry}.js was not ready within ${timeoutMs} ms:\n${output}`);
    }
    if (url) {
      const ready = await fetch(`${url}/api/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
    } else if (output.includes('"msg":"job worker started"')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
