import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import net from "node:net";

// The one launcher of the render service on the Node side (npm start, the test suites, the e2e harness, the
// benchmarks); it runs the service's own launcher, services/build123d/devtools/service.py.
const serviceDir = fileURLToPath(new URL("../../../../services/build123d", import.meta.url));

/** A loopback port that was free a moment ago, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The whole environment a render service is started with, by `npm start` and the test suites alike. It runs
 * untrusted code and holds no secrets, so it gets what Python needs and its own BUILD123D_* settings, nothing
 * of ours (database, JWT, SMTP or provider credentials).
 */
export function renderServiceEnv(from: NodeJS.ProcessEnv): Record<string, string> {
  const own = Object.entries(from).filter(([name, value]) => name.startsWith("BUILD123D_") && value !== undefined);
  return {
    ...(from.PATH && { PATH: from.PATH }),
    ...(from.HOME && { HOME: from.HOME }),
    LANG: "C.UTF-8",
    ...(Object.fromEntries(own) as Record<string, string>),
  };
}

/** How to run the render service on `port` from this checkout's venv: command, arguments and directory. */
export function renderServiceCommand(port: number, logLevel = "warning") {
  return {
    command: `${serviceDir}/.venv/bin/python`,
    args: ["-m", "devtools.service", "--host", "127.0.0.1", "--port", String(port), "--log-level", logLevel],
    cwd: serviceDir,
  };
}

export interface LocalRenderService {
  url: string;
  stop(): Promise<void>;
}

/**
 * The build123d service from this checkout's venv, on a free local port, warmed up before it is used: for
 * the test suites and for `npm run eval` when no BUILD123D_URL is given.
 */
export async function startLocalRenderService(env: Record<string, string> = {}): Promise<LocalRenderService> {
  const port = await freePort();
  const { command, args, cwd } = renderServiceCommand(port);
  const child = spawn(command, args, {
    cwd,
    env: { ...renderServiceEnv(process.env), BUILD123D_WORKERS: "1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
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
