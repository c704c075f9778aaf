import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "./smtp.js";

const serviceDir = fileURLToPath(new URL("../../../../services/build123d", import.meta.url));

export interface RenderServiceProcess {
  url: string;
  stop(): Promise<void>;
}

/** The real build123d service from its venv, on a free port, warmed up before the tests use it. */
export async function startRenderService(env: Record<string, string> = {}): Promise<RenderServiceProcess> {
  const port = await freePort();
  const child = spawn(
    `${serviceDir}/.venv/bin/uvicorn`,
    ["app.main:app", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"],
    {
      cwd: serviceDir,
      env: { PATH: process.env.PATH, BUILD123D_WORKERS: "1", ...env },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the render service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // still starting
    }
    if (Date.now() > deadline) throw new Error("the render service did not warm up within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
