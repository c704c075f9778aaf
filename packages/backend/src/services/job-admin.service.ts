import type { FailedJobList, PageQuery } from "@chat3d/shared";
import { AppError } from "../errors.js";
import type { JobName, JobQueue } from "../jobs/queue.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { JobRepository } from "../repositories/job.repository.js";
import type { Actor } from "./admin-user.service.js";

export interface JobAdminServiceDeps {
  jobs: JobRepository;
  queue: JobQueue;
  audit: AuditLogRepository;
}

/** Jobs that used up their retries, for an admin to see and send again. */
export class JobAdminService {
  constructor(private readonly deps: JobAdminServiceDeps) {}

  async listFailed(query: PageQuery): Promise<FailedJobList> {
    const { items, total } = await this.deps.jobs.listFailed(query.page_size, (query.page - 1) * query.page_size);
    return {
      items: items.map((j) => ({
        id: j.id,
        name: j.name,
        attempts: j.retry_count + 1,
        recipient: j.recipient,
        template: j.template,
        error: j.error,
        created_at: j.created_on.toISOString(),
        failed_at: j.completed_on?.toISOString() ?? null,
      })),
      total,
      page: query.page,
      page_size: query.page_size,
    };
  }

  async retry(id: string, actor: Actor): Promise<void> {
    const job = await this.deps.jobs.findFailed(id);
    if (!job) throw AppError.notFound("No failed job with this id.");
    await this.deps.queue.retry(job.name as JobName, job.id);
    await this.deps.audit.insert({
      actorUserId: actor.id,
      action: "job.retried",
      targetType: "job",
      targetId: id,
      ip: actor.ip,
    });
  }
}
