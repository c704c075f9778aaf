import type { AccountActionPreview } from "@chat3d/shared";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import { appLink } from "../lib/links.js";
import { hashPassword } from "../lib/password.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { AccountActionRepository } from "../repositories/account-action.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { EventService } from "./event.service.js";
import type { JobQueue } from "../jobs/queue.js";
import type { Mailer } from "./mailer.js";
import type { NotificationService } from "./notification.service.js";

const PASSWORD_RESET_TTL_MINUTES = 60;

export interface AccountActionDeps {
  db: Db;
  actions: AccountActionRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLogRepository;
  mailer: Mailer;
  jobs: JobQueue;
  events: EventService;
  notifications: NotificationService;
  appBaseUrl: string;
}

/** Email-confirmed account actions: a single-use link whose token is stored only as a hash. */
export class AccountActionService {
  constructor(private readonly deps: AccountActionDeps) {}

  /** Creates the reset action and queues its email inside the caller's transaction. */
  async requestPasswordReset(user: User, options: { byAdmin: boolean }, trx: Db): Promise<void> {
    const { actions, mailer, appBaseUrl } = this.deps;
    const { token, hash } = generateToken();
    await actions.cancelPending(user.id, "password_reset", trx);
    const actionId = await actions.create(
      {
        userId: user.id,
        type: "password_reset",
        tokenHash: hash,
        expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
      },
      trx,
    );
    await mailer.send(
      "password_reset",
      user.email,
      {
        link: appLink(appBaseUrl, "/account/confirm", { token }),
        requested_by_admin: options.byAdmin,
        ttl_minutes: PASSWORD_RESET_TTL_MINUTES,
      },
      `account_action:${actionId}`,
      trx,
    );
  }

  /**
   * "Forgot password" is queued before anything is looked up, so neither the answer nor the time it takes
   * tells whether the email has an account.
   */
  async requestPasswordResetByEmail(email: string): Promise<void> {
    await this.deps.jobs.enqueue("account.password_reset_request", { email });
  }

  /** The job behind "forgot password": a link only for an account that can sign in, silence otherwise. */
  async sendPasswordResetTo(email: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const user = await this.deps.users.findByEmail(email, trx);
      if (user?.status === "active") await this.requestPasswordReset(user, { byAdmin: false }, trx);
    });
  }

  async preview(token: string): Promise<AccountActionPreview> {
    const action = await this.deps.actions.findByTokenHash(hashToken(token));
    if (!action) throw AppError.notFound("This link is not valid.");
    const expired = action.status === "pending" && (action.expires_at?.getTime() ?? 0) < Date.now();
    return {
      action_type: action.action_type,
      email: action.email,
      status: expired ? "expired" : action.status,
      expires_at: action.expires_at?.toISOString() ?? null,
    };
  }

  /** Carries out the action behind a link, once. A password reset also ends every session of the account. */
  async confirm(token: string, newPassword: string | undefined, ip: string | null): Promise<AccountActionPreview> {
    const preview = await this.preview(token);
    if (preview.action_type !== "password_reset") {
      throw AppError.unprocessable("This kind of link cannot be confirmed here.", "unsupported_action");
    }
    if (!newPassword) throw AppError.validation({ new_password: ["Choose a new password."] });
    const passwordHash = await hashPassword(newPassword);

    await this.deps.db.transaction().execute(async (trx) => {
      const done = await this.deps.actions.complete(hashToken(token), trx);
      if (!done) {
        if (preview.status === "expired") {
          throw AppError.unprocessable("This link has expired. Ask for a new one.", "expired_token");
        }
        throw preview.status === "cancelled"
          ? AppError.conflict("A newer link replaced this one: use the latest email.", "token_superseded")
          : AppError.conflict("This link was already used.", "token_used");
      }
      await this.deps.users.setPassword(done.user_id, passwordHash, trx);
      await this.deps.sessions.revokeAllForUser(done.user_id, "password_reset", trx);
      await this.deps.audit.insert(
        {
          actorUserId: done.user_id,
          action: "account_action.password_reset",
          targetType: "user",
          targetId: done.user_id,
          ip,
        },
        trx,
      );
      await this.deps.notifications.notify(
        done.user_id,
        "account.password_changed",
        { title: "Password changed", body: "Your password was reset and every device was signed out." },
        trx,
      );
      await this.deps.events.publish(
        {
          type: "session.ended",
          audience: { userId: done.user_id },
          payload: { session_id: null, reason: "password_reset" },
        },
        trx,
      );
    });
    return { ...preview, status: "completed" };
  }
}
