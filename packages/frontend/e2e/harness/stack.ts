import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";

const repo = (p: string) => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  /** Where the API writes every email as an .eml file (no SMTP server in the browser suite). */
  mailDir: string;
  stop(): Promise<void>;
}

export const ADMIN = { email: "admin@e2e.test", password: "admin-password-e2e" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

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

/** The built API serving the built UI, with its own database, the real render service and Redis. */
export async function startStack(): Promise<Stack> {
  const database = await createDatabase();
  const [apiPort, renderPort] = await Promise.all([freePort(), freePort()]);

  const render = spawn(
    repo("services/build123d/.venv/bin/uvicorn"),
    ["app.main:app", "--host", "127.0.0.1", "--port", String(renderPort), "--log-level", "warning"],
    { cwd: repo("services/build123d"), env: { PATH: process.env.PATH, BUILD123D_WORKERS: "1" }, stdio: "inherit" },
  );
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const mailDir = mkdtempSync(path.join(tmpdir(), "chat3d-e2e-mail-"));
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
      BUILD123D_URL: `http://127.0.0.1:${renderPort}`,
      WEB_DIST_DIR: repo("packages/frontend/dist"),
      MAIL_CAPTURE_DIR: mailDir,
      TRUST_PROXY_HOPS: "1",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn",
    },
    stdio: "inherit",
  });

  try {
    await Promise.all([
      waitForOk(`${baseUrl}/api/health`, api, 30_000),
      waitForOk(`http://127.0.0.1:${renderPort}/readyz`, render, 90_000),
    ]);
  } catch (err) {
    await Promise.all([stopChild(api), stopChild(render)]);
    await database.drop();
    throw err;
  }

  return {
    baseUrl,
    databaseUrl: database.url,
    mailDir,
    async stop() {
      await Promise.all([stopChild(api), stopChild(render)]);
      await database.drop();
    },
  };
}
