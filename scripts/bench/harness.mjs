// What every API benchmark needs: arguments, a deadline, a throwaway database, API processes built from
// dist/, and signed-in people made straight in the database (benchmarks measure their subject, not sign-in).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "../..");
const dist = (p) => import(path.join(root, "packages/backend/dist", p));

export const emit = (o) => console.log(JSON.stringify(o));

export function args(defaults, smokeDefaults) {
  const smoke = process.argv.includes("--smoke");
  const values = { ...defaults, ...(smoke ? smokeDefaults : {}) };
  for (const key of Object.keys(values)) {
    const i = process.argv.indexOf(`--${key}`);
    if (i !== -1)
      values[key] = process.argv[i + 1].includes(",")
        ? process.argv[i + 1].split(",").map(Number)
        : Number(process.argv[i + 1]);
  }
  return { ...values, smoke };
}

export function percentile(sorted, p) {
  return +(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN).toFixed(2);
}

/** The JSON line of one step at one concurrency: how many requests, p50/p99 latency and throughput. */
export function stepLine(step, concurrency, latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    step,
    concurrency,
    requests: sorted.length,
    p50_ms: percentile(sorted, 0.5),
    p99_ms: percentile(sorted, 0.99),
    per_s: Math.round(sorted.length / seconds),
  };
}

/** A bench that outlives its deadline prints a summary saying where it was stuck, and fails. */
export function deadline(name, seconds) {
  const state = { phase: "setup", children: [] };
  setTimeout(() => {
    emit({ summary: name, error: `did not finish within ${seconds} s (stuck in ${state.phase})` });
    for (const child of state.children) child.kill("SIGKILL");
    process.exit(1);
  }, seconds * 1000).unref();
  return state;
}

export const { freePort } = await dist("lib/local-render-service.js");

/** A new, migrated database on the test server, dropped by `drop()`. */
export async function benchDatabase() {
  const { createDatabase } = await dist("db/database.js");
  const { migrateToLatest } = await dist("db/migrator.js");
  const adminUrl = process.env.TEST_DATABASE_URL;
  const name = `chat3d_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const db = createDatabase(url, 10);
  await migrateToLatest(db);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** An API process in production mode against `databaseUrl`; resolves once it answers. */
export async function startApi(state, { databaseUrl, secret, env = {} }) {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [path.join(root, "packages/backend/dist/server.js")], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      JWT_SECRET: secret,
      ADMIN_PASSWORD: "bench-admin-password",
      BUILD123D_URL: "http://127.0.0.1:9",
      LOG_LEVEL: process.env.BENCH_DEBUG ? "warn" : "error",
      RUN_WORKER: "false",
      METRICS_PORT: String(metricsPort),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  state.children.push(child);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { port, metricsPort, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("API did not start");
}

/** Stops the API processes, then drops the database once nothing uses it. */
export async function teardown(state, apis, database, graceMs = 300) {
  state.phase = "teardown";
  for (const api of apis) api.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, graceMs));
  await database.drop();
}

/** `count` people, each with a live session and a Bearer token signed with `secret`. */
export async function seedPeople(db, secret, count) {
  const { SessionRepository } = await dist("repositories/session.repository.js");
  const { AccessTokens } = await dist("lib/access-tokens.js");
  const { generateToken } = await dist("lib/tokens.js");
  const sessions = new SessionRepository(db);
  const tokens = new AccessTokens(secret, 3600);
  const people = [];
  for (let i = 0; i < count; i++) {
    const { id } = await db
      .insertInto("users")
      .values({
        email: `bench-${i}-${randomBytes(3).toString("hex")}@example.test`,
        password_hash: "x",
        // As an invited person is: their address is known good, so they may share.
        email_confirmed_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const sessionId = await sessions.create({
      userId: id,
      tokenHash: generateToken().hash,
      expiresAt: new Date(Date.now() + 3_600_000),
      userAgent: "bench",
      ip: null,
    });
    people.push({ id, token: await tokens.sign({ userId: id, sessionId }) });
  }
  return people;
}

export { dist };
