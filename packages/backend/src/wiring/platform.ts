import type { Config } from "../config.js";
import { createDatabase, type Db } from "../db/database.js";
import { EmailService } from "../email/email.service.js";
import { JobQueue } from "../jobs/queue.js";
import { systemClock, type Clock } from "../lib/clock.js";
import { InProcessEventBus, RedisEventBus, type EventBus } from "../lib/event-bus.js";
import { EventRelay } from "../lib/event-relay.js";
import type { Logger } from "../lib/logger.js";
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from "../lib/rate-limiter.js";
import { createRedis, type Redis } from "../lib/redis.js";
import { S3Storage } from "../lib/s3-storage.js";
import { LocalStorage, type Storage } from "../lib/storage.js";
import { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import { AuditLogRepository } from "../repositories/audit-log.repository.js";
import { EmailDeliveryRepository } from "../repositories/email-delivery.repository.js";
import { EventLogRepository } from "../repositories/event-log.repository.js";
import { NotificationRepository } from "../repositories/notification.repository.js";
import { UserRepository } from "../repositories/user.repository.js";
import { EventService } from "../services/event.service.js";
import { Mailer } from "../services/mailer.js";
import { NotificationService } from "../services/notification.service.js";

/** What every domain stands on: connections, the job queue, events, mail, storage and the rows all of them read. */
export interface Platform {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Db;
  redis: Redis | undefined;
  jobs: JobQueue;
  bus: EventBus;
  eventLog: EventLogRepository;
  relay: EventRelay;
  events: EventService;
  rateLimiter: RateLimiter;
  email: EmailService;
  mailer: Mailer;
  storage: Storage;
  users: UserRepository;
  settings: AppSettingsRepository;
  audit: AuditLogRepository;
  emailDeliveries: EmailDeliveryRepository;
  notificationRows: NotificationRepository;
  notifications: NotificationService;
}

export async function wirePlatform(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Platform> {
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
  const bus: EventBus = redis
    ? new RedisEventBus(redis, `${config.REDIS_KEY_PREFIX}events:`, logger)
    : new InProcessEventBus();
  await bus.start();
  const eventLog = new EventLogRepository(db);
  // Started by the API once the schema is migrated; the worker holds no streams and never starts it.
  const relay = new EventRelay(config.DATABASE_URL, eventLog, logger);
  const events = new EventService({ log: eventLog, bus });
  const users = new UserRepository(db);
  const notificationRows = new NotificationRepository(db);
  const emailDeliveries = new EmailDeliveryRepository(db);
  return {
    config,
    logger,
    clock,
    db,
    redis,
    jobs,
    bus,
    eventLog,
    relay,
    events,
    rateLimiter: redis ? new RedisRateLimiter(redis, `${config.REDIS_KEY_PREFIX}rl:`) : new MemoryRateLimiter(),
    email: new EmailService({
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
    }),
    mailer: new Mailer(jobs),
    storage: createStorage(config, logger),
    users,
    settings: new AppSettingsRepository(db),
    audit: new AuditLogRepository(db),
    emailDeliveries,
    notificationRows,
    notifications: new NotificationService({ db, notifications: notificationRows, users, events }),
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
