import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { freePort, renderServiceCommand, renderServiceEnv } from "../../../backend/src/lib/local-render-service.js";

const repo = (p: string) => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  /** Where the API writes every email as an .eml file (no SMTP server in the browser suite). */
  mailDir: string;
  /** The render service, for a journey that starts an API of its own. */
  renderUrl: string;
  stop(): Promise<void>;
}

export const ADMIN = { email: "admin@e2e.test", password: "admin-password-e2e" };

async function waitForOk(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set: run the browser suite through `npm test`.");
  const name = `chat3d_e2e_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface ApiProcess {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The built API serving the built UI, with a database of its own, against a running render service. `env`
 * adds to (or overrides) its environment: a journey that needs a language model points one at a fake server.
 */
export async function startApi(
  renderUrl: string,
  { mailDir, env = {} }: { mailDir: string; env?: Record<string, string> },
): Promise<ApiProcess> {
  const database = await createDatabase();
  // Its own metrics port too: two APIs of one run must not fight over the default.
  const [apiPort, metricsPort] = await Promise.all([freePort(), freePort()]);
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const api = spawn(process.execPath, [repo("packages/backend/dist/server.js")], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      PORT: String(apiPort),
      HOST: "127.0.0.1",
      APP_BASE_URL: baseUrl,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      // Rate-limit counters live in Redis; a fresh prefix keeps earlier runs from spending this run's budget.
      REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString("hex")}:`,
      BUILD123D_URL: renderUrl,
      WEB_DIST_DIR: repo("packages/frontend/dist"),
      MAIL_CAPTURE_DIR: mailDir,
      TRUST_PROXY_HOPS: "1",
      METRICS_PORT: String(metricsPort),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: "inherit",
  });
  try {
    await waitForOk(`${baseUrl}/api/health`, api, 30_000);
  } catch (err) {
    await stopChild(api);
    await database.drop();
    throw err;
  }
  return {
    baseUrl,
    databaseUrl: database.url,
    async stop() {
      await stopChild(api);
      await database.drop();
    },
  };
}

/** The API (as `startApi`) and the real render service it uses, with Redis. */
export async function startStack(): Promise<Stack> {
  const renderPort = await freePort();
  const renderUrl = `http://127.0.0.1:${renderPort}`;
  const { command, args, cwd } = renderServiceCommand(renderPort);
  const render = spawn(command, args, {
    cwd,
    env: { ...renderServiceEnv(process.env), BUILD123D_WORKERS: "1" },
    stdio: "inherit",
  });
  const mailDir = mkdtempSync(path.join(tmpdir(), "chat3d-e2e-mail-"));
  const [started, ready] = await Promise.allSettled([
    startApi(renderUrl, { mailDir }),
    waitForOk(`${renderUrl}/readyz`, render, 90_000),
  ]);
  if (started.status === "rejected" || ready.status === "rejected") {
    if (started.status === "fulfilled") await started.value.stop();
    await stopChild(render);
    throw started.status === "rejected" ? started.reason : (ready as PromiseRejectedResult).reason;
  }
  const api = started.value;
  return {
    baseUrl: api.baseUrl,
    databaseUrl: api.databaseUrl,
    renderUrl,
    mailDir,
    async stop() {
      await Promise.all([api.stop(), stopChild(render)]);
    },
  };
}
