// Single-machine supervisor for `npm start`: Postgres (embedded unless DATABASE_URL is set), the render
// service from its venv, and the API with the built UI. Ctrl-C stops every child.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// Built by scripts/start.sh before this runs; the test suites and benchmarks start their render services with it too.
const { renderServiceCommand, renderServiceEnv } = await import(
  path.join(root, "packages/backend/dist/lib/local-render-service.js")
);
const env = { ...process.env };
const dataDir = path.resolve(root, env.DATA_DIR ?? "data");
const apiPort = Number(env.PORT ?? 3001);
const renderPort = Number(env.BUILD123D_PORT ?? 30222);
const pgPort = Number(env.EMBEDDED_PG_PORT ?? 54329);
const children = [];
let database;
let stopping = false;

function fail(message) {
  console.error(`\n  ✖ ${message}\n`);
  return shutdown(1);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function requireFreePort(port, variable) {
  if (!(await portIsFree(port))) {
    await fail(
      `Port ${port} is already in use (${variable}). Stop whatever uses it, or set ${variable} to a free port.`,
    );
  }
}

/** The embedded cluster's password is generated once and kept beside its data, readable only by this user. */
function embeddedPassword() {
  const file = path.join(dataDir, "postgres.password");
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function startEmbeddedPostgres() {
  const password = embeddedPassword();
  database = spawn(
    process.execPath,
    [path.join(root, "scripts/lib/embedded-postgres.mjs"), path.join(dataDir, "postgres"), String(pgPort), password],
    {
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    },
  );
  const ready = await new Promise((resolve) => {
    database.stdout.on("data", (d) => String(d).includes("ready") && resolve(true));
    database.once("exit", () => resolve(false));
  });
  if (!ready) await fail("The embedded PostgreSQL did not start; see the messages above.");
  return `postgres://chat3d:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/chat3d`;
}

function supervise(name, command, args, options) {
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], ...options });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) void fail(`${name} exited (${signal ?? `code ${code}`}); stopping Chat3D.`);
  });
  return child;
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const exited = (child) =>
  child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once("exit", r)) : null;

/** The API and the render service first; the database last, once nothing uses it. */
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map(exited));
  if (database) {
    database.kill("SIGTERM");
    await exited(database);
  }
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

mkdirSync(dataDir, { recursive: true });
await requireFreePort(apiPort, "PORT");
if (!env.BUILD123D_URL) await requireFreePort(renderPort, "BUILD123D_PORT");

if (!env.DATABASE_URL) {
  if (!(await portIsFree(pgPort)))
    await fail(
      `Port ${pgPort} is already in use (EMBEDDED_PG_PORT). Set EMBEDDED_PG_PORT, or DATABASE_URL to use your own PostgreSQL.`,
    );
  env.DATABASE_URL = await startEmbeddedPostgres();
}

if (!env.BUILD123D_URL) {
  const { command, args, cwd } = renderServiceCommand(renderPort);
  // The render service holds no secrets: it gets a minimal environment, not ours.
  supervise("the render service", command, args, { cwd, env: renderServiceEnv(env) });
  env.BUILD123D_URL = `http://127.0.0.1:${renderPort}`;
}

Object.assign(env, {
  PORT: String(apiPort),
  APP_BASE_URL: env.APP_BASE_URL ?? `http://localhost:${apiPort}`,
  WEB_DIST_DIR: env.WEB_DIST_DIR ?? path.join(root, "packages/frontend/dist"),
  STORAGE_DIR: env.STORAGE_DIR ?? path.join(dataDir, "storage"),
  MAIL_CAPTURE_DIR: env.MAIL_CAPTURE_DIR ?? path.join(dataDir, "mail"),
});
supervise("the API", process.execPath, [path.join(root, "packages/backend/dist/server.js")], { env });

if (await waitFor(`http://127.0.0.1:${apiPort}/api/health`, 60_000)) {
  console.log(
    `\n  Chat3D is running at ${env.APP_BASE_URL}\n  Data: ${path.relative(root, dataDir) || "."}/   Stop: Ctrl-C\n`,
  );
}
