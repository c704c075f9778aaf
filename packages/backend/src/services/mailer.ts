import type { Db } from "../db/database.js";
import type { EmailTemplates, TemplateName } from "../email/templates.js";
import type { JobQueue } from "../jobs/queue.js";

/** Queues templated email as a durable job, inside the transaction of the change that causes it. */
export class Mailer {
  constructor(private readonly jobs: JobQueue) {}

  send<N extends TemplateName>(
    template: N,
    to: string,
    params: EmailTemplates[N],
    idempotencyKey: string,
    trx?: Db,
  ): Promise<void> {
    return this.jobs.enqueue(
      "email.send",
      { template, to, params, idempotency_key: idempotencyKey } as never,
      trx ? { trx } : {},
    );
  }
}
