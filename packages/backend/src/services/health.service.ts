import type { DependencyCheck, ProviderStatusList, Readiness } from "@chat3d/shared";
import { sql } from "kysely";
import type { LlmRegistry } from "../ai/providers/registry.js";
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
  models: LlmRegistry;
  version: string;
}

/** A provider that has not answered by then is reported down: the status page must not hang on it. */
export const PROVIDER_TIMEOUT_MS = 2500;

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

  /** Each configured AI provider: whether its base URL answers (short timeout), and the models it offers. */
  async providers(): Promise<ProviderStatusList> {
    const { models } = this.deps;
    const [offered, providers] = await Promise.all([
      models.list(),
      Promise.all(
        models.configuredProviders().map(async ({ provider, baseUrl }) => ({
          provider,
          base_url: baseUrl,
          check: await timed(() => reach(baseUrl)),
        })),
      ),
    ]);
    return {
      providers: providers.map((p) => ({
        ...p,
        models: offered.models.filter((m) => m.provider === p.provider).map(({ id, label }) => ({ id, label })),
      })),
    };
  }
}

/** Any HTTP answer from the base URL means the network path works; credentials are the models' business. */
async function reach(baseUrl: string): Promise<unknown> {
  try {
    const res = await fetch(baseUrl, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), redirect: "manual" });
    await res.body?.cancel();
    return res;
  } catch (err) {
    const error = err as Error;
    const message =
      error.name === "TimeoutError"
        ? `did not answer within ${PROVIDER_TIMEOUT_MS / 1000} s`
        : ((error.cause as Error | undefined)?.message ?? error.message);
    throw new Error(message, { cause: err });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}
