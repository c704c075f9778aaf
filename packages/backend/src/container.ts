import { readFileSync } from "node:fs";
import type { ModelOverrides } from "./ai/providers/registry.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { EmailService } from "./email/email.service.js";
import { createJobHandlers } from "./jobs/handlers.js";
import type { JobQueue } from "./jobs/queue.js";
import { AuthCookies } from "./lib/auth-cookies.js";
import type { Clock } from "./lib/clock.js";
import type { EventBus } from "./lib/event-bus.js";
import type { EventRelay } from "./lib/event-relay.js";
import type { Logger } from "./lib/logger.js";
import { ApiMetrics } from "./lib/metrics.js";
import type { RateLimiter } from "./lib/rate-limiter.js";
import type { Redis } from "./lib/redis.js";
import type { EventService } from "./services/event.service.js";
import { HealthService } from "./services/health.service.js";
import { StreamService } from "./services/stream.service.js";
import { wireAccounts } from "./wiring/accounts.js";
import { wireAi, wireModels } from "./wiring/ai.js";
import { wireChat } from "./wiring/chat.js";
import { wireFiles } from "./wiring/files.js";
import { wirePlatform } from "./wiring/platform.js";
import { wireSharing } from "./wiring/sharing.js";

export { ACCESS_TOKEN_TTL_S } from "./wiring/accounts.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export interface Container {
  config: Config;
  version: string;
  logger: Logger;
  db: Db;
  redis: Redis | undefined;
  jobs: JobQueue;
  bus: EventBus;
  relay: EventRelay;
  events: EventService;
  rateLimiter: RateLimiter;
  cookies: AuthCookies;
  email: EmailService;
  metrics: ApiMetrics;
  services: Awaited<ReturnType<typeof wireServices>>["services"];
  /** Starts consuming jobs in this process (the worker, or the API in single-process mode). */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/** What tests put in place of the outside world: a clock they can move, mock language models (no network, ever). */
export interface ContainerOptions {
  /** Where every service reads the time. */
  clock?: Clock;
  models?: ModelOverrides;
}

/** Each domain is wired in its own function under `wiring/`; this only puts them in order. */
async function wireServices(config: Config, logger: Logger, options: ContainerOptions) {
  const platform = await wirePlatform(config, logger, options.clock);
  const files = wireFiles(platform);
  const models = wireModels(platform, options.models);
  const chat = wireChat(platform, files, models);
  const ai = wireAi(platform, files, chat, models);
  const accounts = wireAccounts(platform, files, chat);
  const sharing = wireSharing(platform, files, chat);
  const streams = new StreamService({
    log: platform.eventLog,
    relay: platform.relay,
    bus: platform.bus,
    limits: {
      maxPerUser: config.SSE_MAX_STREAMS_PER_USER,
      replayLimit: 500,
      heartbeatMs: config.SSE_HEARTBEAT_MS,
      retryMs: 3000,
      maxBufferedBytes: 1 << 20,
    },
    logger,
  });
  return {
    platform,
    pipeline: ai.pipeline,
    services: {
      ...accounts,
      health: new HealthService({ db: platform.db, redis: platform.redis, render: chat.renderer, models, version }),
      notifications: platform.notifications,
      streams,
      chats: chat.chats,
      versions: chat.versions,
      shares: sharing.shares,
      queries: ai.queries,
      queryLifecycle: ai.lifecycle,
      models,
      files: files.service,
    },
  };
}

/** The composition root: connections, then repositories, then services. */
export async function createContainer(
  config: Config,
  logger: Logger,
  options: ContainerOptions = {},
): Promise<Container> {
  const { platform, pipeline, services } = await wireServices(config, logger, options);
  const { db, redis, jobs, bus, relay, events, email } = platform;
  return {
    config,
    version,
    logger,
    db,
    metrics: new ApiMetrics(() => services.streams.openCount()),
    redis,
    jobs,
    bus,
    relay,
    events,
    rateLimiter: platform.rateLimiter,
    email,
    cookies: new AuthCookies(config.APP_BASE_URL),
    services,
    async startWorker() {
      // The pipeline hears cancellations through the event log, even in a worker that serves no streams.
      await relay.start();
      await jobs.work(
        createJobHandlers({
          email,
          accountActions: services.accountActions,
          exports: services.exports,
          sweep: services.accountSweep,
          storage: platform.storage,
          pipeline,
          queries: services.queries,
          eventLog: platform.eventLog,
          eventRetentionDays: config.EVENT_RETENTION_DAYS,
          logger,
        }),
      );
      logger.info("job worker started");
    },
    async close() {
      pipeline.stop();
      await jobs.stop();
      await relay.close();
      await bus.close();
      email.close();
      await db.destroy();
      redis?.disconnect();
    },
  };
}
