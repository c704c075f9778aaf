import type { DependencyCheck, Readiness } from "@chat3d/shared";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { Redis } from "../lib/redis.js";
import type { RenderRepository } from "../repositories/render.repository.js";

const startedAt = Date.now();

async function timed(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const t0 = performance.now();
  try {
    const result = await check();
    const latency_ms = Math.round((performance.now() - t0) * 10) / 10;
    return result === false ? { status: "down", latency_ms, message: "not ready" } : { status: "ok", latency_ms };
  } catch (err) {
    return { status: "down", latency_ms: null, message: err instanceof Error ? err.message : "unreachable" };
  }
}

export interface HealthServiceDeps {
  db: Db;
  redis: Redis | undefined;
  render: RenderRepository;
  version: string;
}

export class HealthService {
  constructor(private readonly deps: HealthServiceDeps) {}

  health() {
    return { status: "ok" as const, version: this.deps.version, uptime_s: Math.round((Date.now() - startedAt) / 1000) };
  }

  async readiness(): Promise<Readiness> {
    const redis = this.deps.redis;
    const [database, redisCheck, render] = await Promise.all([
      timed(() => sql`SELECT 1`.execute(this.deps.db)),
      redis
        ? timed(() => withTimeout(redis.ping(), 2000))
        : Promise.resolve<DependencyCheck>({ status: "not_configured", latency_ms: null }),
      timed(() => this.deps.render.isReady()),
    ]);
    // The render service is not a readiness gate: accounts and chats work while it restarts.
    const ready = database.status === "ok" && redisCheck.status !== "down";
    return { status: ready ? "ready" : "not_ready", checks: { database, redis: redisCheck, render } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}
