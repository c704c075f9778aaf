import { CompiledQuery } from "kysely";
import { PgBoss } from "pg-boss";
import type { Db } from "../db/database.js";
import type { Logger } from "../lib/logger.js";
import type { EmailJob } from "../email/email.service.js";

/** Every job by name with its payload type; start-up refuses a queue without a handler. */
export interface JobPayloads {
  "email.send": EmailJob;
  "account.password_reset_request": { email: string };
  /** One AI query, run stage by stage from what is stored (so a retry resumes where it stopped). */
  "query.run": { query_id: string };
  /** Ends queries a dead process left unfinished. */
  "query.sweep": Record<string, never>;
  "account.reactivate_request": { email: string };
  /** Builds a confirmed data export's archive and emails its owner. */
  "account.export.build": { export_id: string };
  /** Hourly: expired export archives go, rows and bytes. */
  "account.exports.prune": Record<string, never>;
  /** Daily: accounts past their deletion window are anonymised (also `npm run accounts:sweep`). */
  "account.sweep": Record<string, never>;
  /** Bytes of files whose rows are gone (a deleted chat), removed once the deletion committed. */
  "storage.delete": { keys: string[] };
  "events.prune": Record<string, never>;
}
export type JobName = keyof JobPayloads;
export type JobHandler<N extends JobName> = (
  data: JobPayloads[N],
  meta: { id: string; retryCount: number },
) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

interface QueueSpec {
  retryLimit: number;
  retryDelay: number;
  retryDelayMax: number;
  /** How long a job may run before it counts as lost and is retried (pg-boss's default: 15 min). */
  expireInSeconds?: number;
  /** Jobs of this queue one process runs at once (default 1). */
  concurrency?: number;
  /** Cron (UTC) for jobs the queue schedules itself, once across all instances. */
  cron?: string;
}

export const EXPORT_BUILD_RETRIES = 4;

const QUEUES: { [N in JobName]: QueueSpec } = {
  // ~1 s, 2 s, 4 s … capped at 10 min: an SMTP outage of a few hours still delivers everything.
  "email.send": { retryLimit: 20, retryDelay: 1, retryDelayMax: 600 },
  "account.password_reset_request": { retryLimit: 5, retryDelay: 5, retryDelayMax: 300 },
  "account.reactivate_request": { retryLimit: 5, retryDelay: 5, retryDelayMax: 300 },
  "account.export.build": { retryLimit: EXPORT_BUILD_RETRIES, retryDelay: 30, retryDelayMax: 1800 },
  "account.exports.prune": { retryLimit: 3, retryDelay: 60, retryDelayMax: 600, cron: "23 * * * *" },
  "account.sweep": { retryLimit: 3, retryDelay: 300, retryDelayMax: 3600, cron: "41 2 * * *" },
  "storage.delete": { retryLimit: 10, retryDelay: 10, retryDelayMax: 3600 },
  // A query interrupted by a stopping worker is retried within seconds and resumes from its stored stage.
  "query.run": { retryLimit: 3, retryDelay: 2, retryDelayMax: 30, expireInSeconds: 1800, concurrency: 8 },
  "query.sweep": { retryLimit: 1, retryDelay: 60, retryDelayMax: 60, cron: "* * * * *" },
  "events.prune": { retryLimit: 3, retryDelay: 60, retryDelayMax: 600, cron: "17 3 * * *" },
};

export interface EnqueueOptions {
  /** The transaction of the change that causes the job: both commit, or neither does. */
  trx?: Db;
}

/** The durable job queue (pg-boss on the application's PostgreSQL). See docs/decisions/0001. */
export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  static async start(
    connectionString: string,
    logger: Logger,
    options: { supervise: boolean; emailRetryLimit: number },
  ): Promise<JobQueue> {
    const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, supervise: options.supervise });
    boss.on("error", (err) => logger.error({ err }, "job queue error"));
    await boss.start();
    const specs = { ...QUEUES, "email.send": { ...QUEUES["email.send"], retryLimit: options.emailRetryLimit } };
    for (const [name, { cron, concurrency: _local, ...opts }] of Object.entries(specs)) {
      await boss.createQueue(name, { ...opts, retryBackoff: true });
      // createQueue keeps an existing queue as it was; apply the current settings to it.
      await boss.updateQueue(name, { ...opts, retryBackoff: true });
      if (cron) await boss.schedule(name, cron, {}, { tz: "UTC" });
    }
    return new JobQueue(boss, logger);
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const trx = options.trx;
    await this.boss.send(name, data as object, {
      ...(trx && {
        db: {
          executeSql: async (text: string, values?: unknown[]) => {
            const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
            return { rows: result.rows as unknown[] };
          },
        },
      }),
    });
  }

  /** Starts consuming every queue; each handler failure is retried with exponential back-off. */
  async work(handlers: JobHandlers): Promise<void> {
    for (const name of Object.keys(QUEUES) as JobName[]) {
      const handler = handlers[name] as JobHandler<JobName>;
      if (!handler) throw new Error(`No handler registered for job "${name}"`);
      const options = { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: QUEUES[name].concurrency ?? 1 };
      await this.boss.work<JobPayloads[JobName]>(name, options, async ([job]) => {
        if (!job) return;
        try {
          await handler(job.data, { id: job.id, retryCount: (job as { retryCount?: number }).retryCount ?? 0 });
        } catch (err) {
          this.logger.warn({ job: name, id: job.id, err: (err as Error).message }, "job failed; it will be retried");
          throw err;
        }
      });
    }
  }

  async retry(name: JobName, id: string): Promise<void> {
    await this.boss.retry(name, id);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
