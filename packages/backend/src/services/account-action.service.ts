import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import type { Mailer } from "./mailer.js";
import { appLink } from "../lib/links.js";
import { generateToken } from "../lib/tokens.js";
import type { AccountActionRepository } from "../repositories/account-action.repository.js";

const PASSWORD_RESET_TTL_MINUTES = 60;

/** Email-confirmed account actions: a single-use link whose token is stored only as a hash. */
export class AccountActionService {
  constructor(
    private readonly actions: AccountActionRepository,
    private readonly mailer: Mailer,
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
    await this.mailer.send(
      "password_reset",
      user.email,
      {
        link: appLink(this.appBaseUrl, "/account/confirm", { token }),
        requested_by_admin: options.byAdmin,
        ttl_minutes: PASSWORD_RESET_TTL_MINUTES,
      },
      `account_action:${actionId}`,
      trx,
    );
  }
}
