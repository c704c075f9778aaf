import {
  DELETION_GRACE_DAYS,
  UNCONFIRMED_ACCOUNT_DAYS,
  type AccountActionPreview,
  type AccountActionType,
} from "@chat3d/shared";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import type { EmailTemplates, TemplateName } from "../email/templates.js";
import { AppError } from "../errors.js";
import type { JobQueue } from "../jobs/queue.js";
import { addDays, type Clock } from "../lib/clock.js";
import { appLink } from "../lib/links.js";
import { hashPassword, verifyPassword } from "../lib/password.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { AccountActionRepository } from "../repositories/account-action.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import { isPendingDeletion, requireConfirmedEmail } from "./account-state.js";
import type { DataExportService } from "./data-export.service.js";
import type { EventService } from "./event.service.js";
import type { Mailer } from "./mailer.js";
import type { NotificationService } from "./notification.service.js";

/** How long each kind of link works. An undo link lasts longer: its owner may read mail less often. */
export const ACTION_TTL_MINUTES: Record<AccountActionType, number> = {
  password_reset: 60,
  email_change: 24 * 60,
  email_change_revert: 7 * 24 * 60,
  data_export: 60,
  account_delete: 60,
  account_reactivate: 60,
  email_confirm: 72 * 60,
};

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
  exports: DataExportService;
  clock: Clock;
  appBaseUrl: string;
}

type Action = NonNullable<Awaited<ReturnType<AccountActionRepository["complete"]>>>;

interface Issue<N extends TemplateName> {
  type: AccountActionType;
  to: string;
  template: N;
  params: (link: string) => EmailTemplates[N];
  payload?: Record<string, string>;
  /** Whether this link replaces the user's earlier pending ones of its kind (an undo link never does). */
  supersede?: boolean;
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

export function wrongPassword(): AppError {
  const message = "That is not your current password.";
  return new AppError(400, "wrong_password", message, { current_password: [message] });
}

/**
 * Email-confirmed account actions: a single-use link whose token is stored only as a hash. Each kind of
 * link does only its own action, and only the POST of its token does it (a preview never consumes).
 */
export class AccountActionService {
  constructor(private readonly deps: AccountActionDeps) {}

  /** Creates the reset action and queues its email inside the caller's transaction. */
  async requestPasswordReset(user: User, options: { byAdmin: boolean }, trx: Db): Promise<void> {
    await this.issue(user, trx, {
      type: "password_reset",
      to: user.email,
      template: "password_reset",
      params: (link) => ({
        link,
        requested_by_admin: options.byAdmin,
        ttl_minutes: ACTION_TTL_MINUTES.password_reset,
      }),
    });
  }

  /** The link that proves an open sign-up's address; a newer one (a resend) replaces the older. */
  async requestEmailConfirmation(user: User, trx: Db): Promise<void> {
    await this.issue(user, trx, {
      type: "email_confirm",
      to: user.email,
      template: "email_confirm",
      params: (link) => ({
        link,
        ttl_hours: ACTION_TTL_MINUTES.email_confirm / 60,
        expires_days: UNCONFIRMED_ACCOUNT_DAYS,
      }),
    });
  }

  /** "Resend" on the banner: a new link, unless the address is confirmed already. */
  async resendEmailConfirmation(user: User): Promise<void> {
    if (user.email_confirmed_at)
      throw AppError.conflict("Your email address is confirmed already.", "already_confirmed");
    await this.deps.db.transaction().execute((trx) => this.requestEmailConfirmation(user, trx));
  }

  /** A sign-up for an address that has an account: its owner is told, and the sign-up answers as for a new one. */
  async warnOfRegistrationAttempt(email: string, trx: Db): Promise<void> {
    const { appBaseUrl, mailer } = this.deps;
    await mailer.send(
      "registration_attempt",
      email,
      { link: appLink(appBaseUrl, "/login"), reset_link: appLink(appBaseUrl, "/forgot-password") },
      `registration_attempt:${generateToken().hash}`,
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

  /**
   * The link goes to the new address, so only its holder can move the account there. Whether that address
   * already has an account is told only to whoever opens the link.
   */
  async requestEmailChange(user: User, newEmail: string, currentPassword: string): Promise<void> {
    if (newEmail === user.email) {
      throw AppError.validation({ new_email: ["This is already your email address."] });
    }
    if (!(await verifyPassword(user.password_hash, currentPassword))) throw wrongPassword();
    await this.deps.db.transaction().execute((trx) =>
      this.issue(user, trx, {
        type: "email_change",
        to: newEmail,
        template: "email_change_confirm",
        params: (link) => ({ link, new_email: newEmail, ttl_hours: ACTION_TTL_MINUTES.email_change / 60 }),
        payload: { new_email: newEmail },
      }),
    );
  }

  async requestDataExport(user: User): Promise<void> {
    requireConfirmedEmail(user, "export your data");
    await this.deps.db.transaction().execute((trx) =>
      this.issue(user, trx, {
        type: "data_export",
        to: user.email,
        template: "data_export_confirm",
        params: (link) => ({ link, ttl_minutes: ACTION_TTL_MINUTES.data_export }),
      }),
    );
  }

  async requestAccountDeletion(user: User, currentPassword: string): Promise<void> {
    if (!(await verifyPassword(user.password_hash, currentPassword))) throw wrongPassword();
    await this.deps.db.transaction().execute((trx) =>
      this.issue(user, trx, {
        type: "account_delete",
        to: user.email,
        template: "account_delete_confirm",
        params: (link) => ({ link, ttl_minutes: ACTION_TTL_MINUTES.account_delete, grace_days: DELETION_GRACE_DAYS }),
      }),
    );
  }

  /** Like "forgot password": queued before any look-up, so every address gets the same answer in the same time. */
  async requestReactivationByEmail(email: string): Promise<void> {
    await this.deps.jobs.enqueue("account.reactivate_request", { email });
  }

  /** The job behind reactivation: a link only for an account inside its deletion window, silence otherwise. */
  async sendReactivationTo(email: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const user = await this.deps.users.findByEmail(email, trx);
      if (!user || !isPendingDeletion(user, this.deps.clock.now())) return;
      await this.issue(user, trx, {
        type: "account_reactivate",
        to: user.email,
        template: "account_reactivate_confirm",
        params: (link) => ({
          link,
          ttl_minutes: ACTION_TTL_MINUTES.account_reactivate,
          deletion_on: dateOf(user.deactivated_until!),
        }),
      });
    });
  }

  async preview(token: string): Promise<AccountActionPreview> {
    const action = await this.deps.actions.findByTokenHash(hashToken(token));
    if (!action) throw AppError.notFound("This link is not valid.");
    const now = this.deps.clock.now();
    const expired = action.status === "pending" && (action.expires_at?.getTime() ?? 0) <= now.getTime();
    const payload = (action.payload ?? {}) as { new_email?: string; restore_email?: string };
    return {
      action_type: action.action_type,
      email: action.email,
      new_email: payload.new_email ?? payload.restore_email ?? null,
      status: expired ? "expired" : action.status,
      expires_at: action.expires_at?.toISOString() ?? null,
    };
  }

  /** Carries out the action behind a link, once, in one transaction with the token's consumption. */
  async confirm(
    token: string,
    input: { action_type?: AccountActionType; new_password?: string },
    ip: string | null,
  ): Promise<AccountActionPreview> {
    const preview = await this.preview(token);
    if (input.action_type && input.action_type !== preview.action_type) {
      throw AppError.unprocessable(
        "This link is for another kind of action than this page carries out. Nothing was changed.",
        "unsupported_action",
      );
    }
    let passwordHash: string | undefined;
    if (preview.action_type === "password_reset") {
      if (!input.new_password) throw AppError.validation({ new_password: ["Choose a new password."] });
      passwordHash = await hashPassword(input.new_password);
    }

    await this.deps.db.transaction().execute(async (trx) => {
      const done = await this.deps.actions.complete(hashToken(token), this.deps.clock.now(), trx);
      if (!done) throw deadLink(preview);
      const user = (await this.deps.users.findById(done.user_id, trx, { forUpdate: true }))!;
      await this.deps.audit.insert(
        {
          actorUserId: user.id,
          action: `account_action.${done.action_type}`,
          targetType: "user",
          targetId: user.id,
          ip,
        },
        trx,
      );
      switch (done.action_type) {
        case "password_reset":
          return this.resetPassword(user, passwordHash!, trx);
        case "email_change":
          return this.changeEmail(user, done, trx);
        case "email_change_revert":
          return this.revertEmailChange(user, done, trx);
        case "data_export":
          requireActive(user);
          return this.deps.exports.start(user.id, trx);
        case "account_delete":
          return this.scheduleDeletion(user, trx);
        case "account_reactivate":
          return this.reactivate(user, trx);
        case "email_confirm":
          await this.deps.users.confirmEmail(user.id, this.deps.clock.now(), trx);
          return;
      }
    });
    return { ...preview, status: "completed" };
  }

  private async issue<N extends TemplateName>(user: User, trx: Db, spec: Issue<N>): Promise<void> {
    const { actions, mailer, appBaseUrl, clock } = this.deps;
    const { token, hash } = generateToken();
    if (spec.supersede !== false) await actions.cancelPending(user.id, spec.type, trx);
    const expiresAt = new Date(clock.now().getTime() + ACTION_TTL_MINUTES[spec.type] * 60_000);
    const actionId = await actions.create(
      { userId: user.id, type: spec.type, tokenHash: hash, expiresAt, payload: spec.payload },
      trx,
    );
    const link = appLink(appBaseUrl, "/account/confirm", { token });
    await mailer.send(spec.template, spec.to, spec.params(link), `account_action:${actionId}`, trx);
  }

  /** A reset ends every session of the account. */
  private async resetPassword(user: User, passwordHash: string, trx: Db) {
    await this.deps.users.setPassword(user.id, passwordHash, trx);
    await this.deps.sessions.revokeAllForUser(user.id, "password_reset", trx);
    await this.deps.notifications.notify(
      user.id,
      "account.password_changed",
      { title: "Password changed", body: "Your password was reset and every device was signed out." },
      trx,
    );
    await this.signOutEverywhere(user.id, "password_reset", trx);
  }

  /** The old address is told, with a link that undoes the change (and secures the account) if it wasn't them. */
  private async changeEmail(user: User, action: Action, trx: Db) {
    requireActive(user);
    const newEmail = (action.payload as { new_email: string }).new_email;
    const moved = await this.deps.users.setEmail(user.id, newEmail, trx);
    if (!moved) throw emailTaken(newEmail);
    // The link was opened from the new address, which proves it.
    await this.deps.users.confirmEmail(user.id, this.deps.clock.now(), trx);
    await this.issue(user, trx, {
      type: "email_change_revert",
      to: user.email,
      template: "email_changed_notice",
      params: (link) => ({ link, new_email: newEmail, ttl_days: ACTION_TTL_MINUTES.email_change_revert / 1440 }),
      payload: { restore_email: user.email },
      supersede: false,
    });
    await this.deps.notifications.notify(
      user.id,
      "account.email_changed",
      { title: "Email address changed", body: `You now sign in with ${newEmail}.`, link: "/profile" },
      trx,
    );
  }

  /** "This wasn't me": the address comes back, every session ends, and a reset link goes to that address. */
  private async revertEmailChange(user: User, action: Action, trx: Db) {
    if (user.deleted_at) throw accountDeleted();
    const restore = (action.payload as { restore_email: string }).restore_email;
    const restored = await this.deps.users.setEmail(user.id, restore, trx);
    if (!restored) throw emailTaken(restore);
    await this.deps.actions.cancelPending(user.id, "email_change", trx);
    await this.deps.sessions.revokeAllForUser(user.id, "email_change_reverted", trx);
    await this.requestPasswordReset(restored, { byAdmin: false }, trx);
    await this.signOutEverywhere(user.id, "email_change_reverted", trx);
  }

  /** Deactivated now, anonymised by the sweep after the grace period; every device is signed out. */
  private async scheduleDeletion(user: User, trx: Db) {
    requireActive(user);
    const until = addDays(this.deps.clock.now(), DELETION_GRACE_DAYS);
    const after = await this.deps.users.scheduleDeletion(user.id, until, trx);
    await this.deps.sessions.revokeAllForUser(user.id, "account_deleted", trx);
    await this.deps.mailer.send(
      "account_deletion_scheduled",
      user.email,
      { link: appLink(this.deps.appBaseUrl, "/reactivate"), deletion_on: dateOf(until) },
      `account_deletion_scheduled:${user.id}:${until.getTime()}`,
      trx,
    );
    await this.announceStatus(after, trx);
  }

  private async reactivate(user: User, trx: Db) {
    if (user.status === "active") return;
    if (!isPendingDeletion(user, this.deps.clock.now())) throw accountDeleted();
    const after = (await this.deps.users.setStatus(user.id, "active", trx))!;
    await this.deps.notifications.notify(
      user.id,
      "account.reactivated",
      { title: "Welcome back", body: "Your account was reactivated: it will not be deleted." },
      trx,
    );
    await this.announceStatus(after, trx);
  }

  /** To the user's streams (which close on it) and to the admins' user lists. */
  private async announceStatus(user: User, trx: Db) {
    const payload = { user_id: user.id, status: user.status, role: user.role, changed_by: user.id };
    await this.deps.events.publish({ type: "account.status.changed", audience: { userId: user.id }, payload }, trx);
    await this.deps.events.publish({ type: "account.status.changed", audience: { admins: true }, payload }, trx);
  }

  private async signOutEverywhere(userId: string, reason: string, trx: Db) {
    await this.deps.events.publish(
      { type: "session.ended", audience: { userId }, payload: { session_id: null, reason } },
      trx,
    );
  }
}

function requireActive(user: User) {
  if (user.status !== "active") {
    throw AppError.conflict("This account is deactivated, so this link can no longer be used.", "account_not_active");
  }
}

function emailTaken(email: string) {
  return AppError.conflict(
    `${email} already has a Chat3D account, so this account cannot move there. Nothing was changed.`,
    "email_taken",
  );
}

function accountDeleted() {
  return AppError.conflict(
    `The ${DELETION_GRACE_DAYS} days to reactivate this account have passed: it is deleted.`,
    "account_deleted",
  );
}

function deadLink(preview: AccountActionPreview): AppError {
  if (preview.status === "expired") {
    return AppError.unprocessable("This link has expired. Ask for a new one.", "expired_token");
  }
  return preview.status === "cancelled"
    ? AppError.conflict("A newer link replaced this one: use the latest email.", "token_superseded")
    : AppError.conflict("This link was already used.", "token_used");
}
