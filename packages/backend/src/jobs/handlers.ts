import type { EmailService } from "../email/email.service.js";
import type { Storage } from "../lib/storage.js";
import type { AccountActionService } from "../services/account-action.service.js";
import type { QueryPipeline } from "../services/query-pipeline.service.js";
import type { QueryService } from "../services/query.service.js";
import type { AccountSweepService } from "../services/account-sweep.service.js";
import type { DataExportService } from "../services/data-export.service.js";
import type { Logger } from "../lib/logger.js";
import type { EventLogRepository } from "../repositories/event-log.repository.js";
import { EXPORT_BUILD_RETRIES, type JobHandlers } from "./queue.js";

export interface JobDeps {
  email: EmailService;
  accountActions: AccountActionService;
  exports: DataExportService;
  sweep: AccountSweepService;
  storage: Storage;
  pipeline: QueryPipeline;
  queries: QueryService;
  eventLog: EventLogRepository;
  eventRetentionDays: number;
  logger: Logger;
}

export function createJobHandlers(deps: JobDeps): JobHandlers {
  return {
    "email.send": async (job) => {
      await deps.email.deliver(job);
    },
    "account.password_reset_request": async ({ email }) => {
      await deps.accountActions.sendPasswordResetTo(email);
    },
    "query.run": async ({ query_id }) => {
      await deps.pipeline.run(query_id);
    },
    "query.sweep": async () => {
      const ended = await deps.queries.sweep();
      if (ended) deps.logger.warn({ ended }, "ended queries that a stopped process left unfinished");
    },
    "account.reactivate_request": async ({ email }) => {
      await deps.accountActions.sendReactivationTo(email);
    },
    "account.export.build": async ({ export_id }, { retryCount }) => {
      await deps.exports.build(export_id, { lastAttempt: retryCount >= EXPORT_BUILD_RETRIES });
    },
    "account.exports.prune": async () => {
      await deps.exports.prune();
    },
    "account.sweep": async () => {
      await deps.sweep.run();
    },
    "storage.delete": async ({ keys }) => {
      for (const key of keys) await deps.storage.delete(key);
    },
    "events.prune": async () => {
      const cutoff = new Date(Date.now() - deps.eventRetentionDays * 86_400_000);
      const deleted = await deps.eventLog.pruneOlderThan(cutoff);
      deps.logger.info({ deleted }, "pruned the event replay log");
    },
  };
}
