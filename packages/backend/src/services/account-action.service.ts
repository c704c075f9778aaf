import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import type { JobQueue } from "../jobs/queue.js";
import { generateToken } from "../lib/tokens.js";
import type { AccountActionRepository } from "../repositories/account-action.repository.js";

const PASSWORD_RESET_TTL_MINUTES = 60;

/** Email-confirmed account actions: a single-use link whose token is stored only as a hash. */
export class AccountActionService {
  constructor(
    private readonly actions: AccountActionRepository,
    private readonly jobs: JobQueue,
    private readonly appBaseUrl: string,
  ) {}

  /** Creates the reset action and queues its email inside the caller's transaction. */
  async requestPasswordReset(user: User, options: { byAdmin: boolean }, trx: Db): Promise<void> {
    const { token, hash } = generateToken();
    await this.actions.cancelPending(user.id, "password_reset", trx);
    const actionId = await this.actions.create(
      {
        userId: user.id,
        type: "password_reset",
        tokenHash: hash,
        expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
      },
      trx,
    );
    await this.jobs.enqueue(
      "email.send",
      {
        template: "password_reset",
        to: user.email,
        // The token rides in the fragment: browsers never send it to a server or in a Referer.
        params: { link: this.link("/account/confirm", token), requested_by_admin: options.byAdmin, ttl_minutes: PASSWORD_RESET_TTL_MINUTES },
        idempotency_key: `account_action:${actionId}`,
      },
      { trx },
    );
  }

  private link(pathname: string, token: string) {
    const url = new URL(pathname, this.appBaseUrl);
    url.hash = `token=${token}`;
    return url.toString();
  }
}
