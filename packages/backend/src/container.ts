import { readFileSync } from "node:fs";
import type { Config } from "./config.js";
import { createDatabase, type Db } from "./db/database.js";
import { EmailService } from "./email/email.service.js";
import { createJobHandlers } from "./jobs/handlers.js";
import { JobQueue } from "./jobs/queue.js";
import { AccessTokens } from "./lib/access-tokens.js";
import { AuthCookies } from "./lib/auth-cookies.js";
import { InProcessEventBus, RedisEventBus, type EventBus } from "./lib/event-bus.js";
import { EventRelay } from "./lib/event-relay.js";
import type { Logger } from "./lib/logger.js";
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from "./lib/rate-limiter.js";
import { createRedis, type Redis } from "./lib/redis.js";
import { ApiMetrics } from "./lib/metrics.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { DataExportRepository } from "./repositories/data-export.repository.js";
import { AccountSweepService } from "./services/account-sweep.service.js";
import { DataExportService } from "./services/data-export.service.js";
import { ProfileService } from "./services/profile.service.js";
import { AccountActionRepository } from "./repositories/account-action.repository.js";
import { AppSettingsRepository } from "./repositories/app-settings.repository.js";
import { AuditLogRepository } from "./repositories/audit-log.repository.js";
import { EmailDeliveryRepository } from "./repositories/email-delivery.repository.js";
import { EventLogRepository } from "./repositories/event-log.repository.js";
import { FileRepository } from "./repositories/file.repository.js";
import { InvitationRepository } from "./repositories/invitation.repository.js";
import { JobRepository } from "./repositories/job.repository.js";
import { WaitlistRepository } from "./repositories/waitlist.repository.js";
import { NotificationRepository } from "./repositories/notification.repository.js";
import { RegistrationTokenRepository } from "./repositories/registration-token.repository.js";
import { RenderRepository } from "./repositories/render.repository.js";
import { SessionRepository } from "./repositories/session.repository.js";
import { UserRepository } from "./repositories/user.repository.js";
import { AccountActionService } from "./services/account-action.service.js";
import { AdminUserService } from "./services/admin-user.service.js";
import { AuthService } from "./services/auth.service.js";
import { BootstrapService } from "./services/bootstrap.service.js";
import { EventService } from "./services/event.service.js";
import { FileService } from "./services/file.service.js";
import { ChatService } from "./services/chat.service.js";
import { QueryPipeline } from "./services/query-pipeline.service.js";
import { QueryService } from "./services/query.service.js";
import { ChatQueryRepository } from "./repositories/chat-query.repository.js";
import { loadPrompts } from "./lib/llm/prompts.js";
import { LlmRegistry, type ModelOverrides } from "./lib/llm/registry.js";
import { VersionService } from "./services/version.service.js";
import { ChatContextRepository } from "./repositories/chat-context.repository.js";
import { ChatItemRepository } from "./repositories/chat-item.repository.js";
import { ChatVersionRepository } from "./repositories/chat-version.repository.js";
import { S3Storage } from "./lib/s3-storage.js";
import { LocalStorage, type Storage } from "./lib/storage.js";
import { InvitationService } from "./services/invitation.service.js";
import { JobAdminService } from "./services/job-admin.service.js";
import { Mailer } from "./services/mailer.js";
import { RegistrationTokenService } from "./services/registration-token.service.js";
import { WaitlistService } from "./services/waitlist.service.js";
import { NotificationService } from "./services/notification.service.js";
import { StreamService } from "./services/stream.service.js";
import { HealthService } from "./services/health.service.js";
import { SettingsService } from "./services/settings.service.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export const ACCESS_TOKEN_TTL_S = 15 * 60;

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
  services: {
    health: HealthService;
    bootstrap: BootstrapService;
    auth: AuthService;
    adminUsers: AdminUserService;
    settings: SettingsService;
    notifications: NotificationService;
    streams: StreamService;
    waitlist: WaitlistService;
    invitations: InvitationService;
    jobAdmin: JobAdminService;
    chats: ChatService;
    versions: VersionService;
    queries: QueryService;
    models: LlmRegistry;
    files: FileService;
    accountActions: AccountActionService;
    profile: ProfileService;
    exports: DataExportService;
    accountSweep: AccountSweepService;
  };
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

/** The composition root: connections, then repositories, then services. */
export async function createContainer(
  config: Config,
  logger: Logger,
  options: ContainerOptions = {},
): Promise<Container> {
  const clock = options.clock ?? systemClock;
  const db = createDatabase(config.DATABASE_URL, config.DATABASE_POOL_MAX, (err) =>
    logger.warn({ err: err.message }, "idle database connection lost"),
  );
  const redis = config.REDIS_URL ? createRedis(config.REDIS_URL) : undefined;
  if (redis) {
    redis.on("error", (err) => logger.warn({ err: err.message }, "redis connection error"));
    await redis.connect();
  } else {
    logger.info("REDIS_URL is not set: events and rate limits stay in this process (fine for a single instance)");
  }
  const jobs = await JobQueue.start(config.DATABASE_URL, logger, {
    supervise: config.RUN_WORKER,
    emailRetryLimit: config.EMAIL_RETRY_LIMIT,
  });

  const users = new UserRepository(db);
  const settingsRepo = new AppSettingsRepository(db);
  const sessions = new SessionRepository(db);
  const audit = new AuditLogRepository(db);
  const bus: EventBus = redis
    ? new RedisEventBus(redis, `${config.REDIS_KEY_PREFIX}events:`, logger)
    : new InProcessEventBus();
  await bus.start();
  const eventLog = new EventLogRepository(db);
  // Started by the API once the schema is migrated; the worker holds no streams and never starts it.
  const relay = new EventRelay(config.DATABASE_URL, eventLog, logger);
  const events = new EventService({ log: eventLog, bus });
  const notifications = new NotificationService({ db, notifications: new NotificationRepository(db), users, events });
  const emailDeliveries = new EmailDeliveryRepository(db);
  const rateLimiter: RateLimiter = redis
    ? new RedisRateLimiter(redis, `${config.REDIS_KEY_PREFIX}rl:`)
    : new MemoryRateLimiter();
  const accessTokens = new AccessTokens(config.JWT_SECRET, ACCESS_TOKEN_TTL_S);
  const email = new EmailService({
    deliveries: emailDeliveries,
    settings: {
      from: config.MAIL_FROM,
      captureDir: config.MAIL_CAPTURE_DIR,
      appBaseUrl: config.APP_BASE_URL,
      ...(config.SMTP_HOST && {
        smtp: { host: config.SMTP_HOST, port: config.SMTP_PORT, user: config.SMTP_USER, pass: config.SMTP_PASS },
      }),
    },
    logger,
  });
  const mailer = new Mailer(jobs);
  const storage = createStorage(config, logger);
  const fileRepo = new FileRepository(db);
  const renderer = new RenderRepository(config.BUILD123D_URL);
  const chatVersions = new ChatVersionRepository(db);
  const chatItems = new ChatItemRepository(db);
  const chatQueries = new ChatQueryRepository(db);
  const models = new LlmRegistry({ config, logger, overrides: options.models });
  const prompts = loadPrompts();
  const chatContexts = new ChatContextRepository(db);
  const chats = new ChatService({
    db,
    contexts: chatContexts,
    items: chatItems,
    versions: chatVersions,
    queries: chatQueries,
    files: fileRepo,
    models,
    jobs,
    events,
  });
  const versions = new VersionService({
    db,
    chats,
    versions: chatVersions,
    items: chatItems,
    files: fileRepo,
    renderer,
    storage,
    events,
    logger,
  });
  const queries = new QueryService({
    db,
    chats,
    items: chatItems,
    queries: chatQueries,
    files: fileRepo,
    versions: chatVersions,
    settings: settingsRepo,
    models,
    prompts,
    jobs,
    events,
    // Longer than the slowest stage can take with its retries: only a dead process leaves a query this long.
    staleAfterMs: (config.LLM_TIMEOUT_S * (config.LLM_MAX_RETRIES + 1) + 120) * 1000,
  });
  const pipeline = new QueryPipeline({
    db,
    config,
    queries: chatQueries,
    items: chatItems,
    chats,
    versions,
    renderer,
    files: fileRepo,
    storage,
    models,
    prompts,
    events,
    relay,
    logger,
  });
  const notificationRepo = new NotificationRepository(db);
  const invitationRepo = new InvitationRepository(db);
  const exportRepo = new DataExportRepository(db);
  const actionRepo = new AccountActionRepository(db);
  const waitlistRepo = new WaitlistRepository(db);
  const exports = new DataExportService({
    db,
    exports: exportRepo,
    users,
    contexts: chatContexts,
    items: chatItems,
    versions: chatVersions,
    files: fileRepo,
    invitations: invitationRepo,
    notificationRows: notificationRepo,
    notifications,
    storage,
    jobs,
    mailer,
    clock,
    logger,
    appBaseUrl: config.APP_BASE_URL,
  });
  const accountActions = new AccountActionService({
    db,
    actions: actionRepo,
    users,
    sessions,
    audit,
    mailer,
    jobs,
    events,
    notifications,
    exports,
    clock,
    appBaseUrl: config.APP_BASE_URL,
  });
  const registrationTokenRepo = new RegistrationTokenRepository(db);
  const accountSweep = new AccountSweepService({
    db,
    users,
    contexts: chatContexts,
    files: fileRepo,
    exports: exportRepo,
    notifications: notificationRepo,
    invitations: invitationRepo,
    registrationTokens: registrationTokenRepo,
    sessions,
    actions: actionRepo,
    eventLog,
    waitlist: waitlistRepo,
    deliveries: emailDeliveries,
    audit,
    jobs,
    events,
    clock,
    logger,
  });
  const registrationTokens = new RegistrationTokenService(registrationTokenRepo);
  const waitlist = new WaitlistService({
    db,
    entries: waitlistRepo,
    users,
    registrationTokens,
    audit,
    mailer,
    events,
    notifications,
    appBaseUrl: config.APP_BASE_URL,
  });
  const invitations = new InvitationService({
    db,
    invitations: invitationRepo,
    users,
    settings: settingsRepo,
    registrationTokens,
    waitlist,
    audit,
    mailer,
    events,
    notifications,
    appBaseUrl: config.APP_BASE_URL,
  });

  const streams = new StreamService({
    log: eventLog,
    relay,
    bus,
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
    config,
    version,
    logger,
    db,
    metrics: new ApiMetrics(() => streams.openCount()),
    redis,
    jobs,
    bus,
    relay,
    events,
    rateLimiter,
    email,
    cookies: new AuthCookies(config.APP_BASE_URL),
    services: {
      health: new HealthService({ db, redis, render: renderer, version }),
      bootstrap: new BootstrapService({ users, settings: settingsRepo, logger }),
      auth: new AuthService({
        db,
        users,
        sessions,
        registrationTokens: registrationTokenRepo,
        settings: settingsRepo,
        audit,
        accessTokens,
        events,
        invitations,
        sessionTtlDays: config.SESSION_TTL_DAYS,
        clock,
        logger,
      }),
      adminUsers: new AdminUserService({ db, users, sessions, audit, accountActions, events, notifications }),
      settings: new SettingsService({ db, settings: settingsRepo, audit, events }),
      notifications,
      waitlist,
      invitations,
      jobAdmin: new JobAdminService({ jobs: new JobRepository(db), queue: jobs, audit }),
      chats,
      versions,
      queries,
      models,
      files: new FileService({ db, files: fileRepo, storage, jobs, maxUploadBytes: config.UPLOAD_MAX_MB * 2 ** 20 }),
      accountActions,
      profile: new ProfileService({ db, users, sessions, audit, events, notifications, clock }),
      exports,
      accountSweep,
      streams,
    },
    async startWorker() {
      // The pipeline hears cancellations through the event log, even in a worker that serves no streams.
      await relay.start();
      await jobs.work(
        createJobHandlers({
          email,
          accountActions,
          exports,
          sweep: accountSweep,
          storage,
          pipeline,
          queries,
          eventLog,
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

/** Local disk for one host; S3-compatible object storage when several hosts share the files. */
function createStorage(config: Config, logger: Logger): Storage {
  if (config.STORAGE_DRIVER === "local") return new LocalStorage(config.STORAGE_DIR);
  logger.info({ endpoint: config.S3_ENDPOINT ?? "aws", bucket: config.S3_BUCKET }, "files are kept in S3 storage");
  return new S3Storage({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    // The config refuses STORAGE_DRIVER=s3 without a bucket.
    bucket: config.S3_BUCKET!,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}
