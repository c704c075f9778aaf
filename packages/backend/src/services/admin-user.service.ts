import type {
  AdminUser,
  AdminUserList,
  AdminUserListQuerySchema,
  AuditLogList,
  AuditLogQuerySchema,
  UserLimitsPatch,
} from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { User, UserStatus } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { EventService } from "./event.service.js";
import type { Clock } from "../lib/clock.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { ChatQueryRepository } from "../repositories/chat-query.repository.js";
import type { ChatVersionRepository } from "../repositories/chat-version.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { AccountActionService } from "./account-action.service.js";
import type { NotificationService } from "./notification.service.js";
import { toAdminUserView } from "./user-view.js";

export interface Actor {
  id: string;
  ip: string | null;
}

export interface AdminUserServiceDeps {
  db: Db;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLogRepository;
  accountActions: AccountActionService;
  events: EventService;
  notifications: NotificationService;
  queries: ChatQueryRepository;
  versions: ChatVersionRepository;
  clock: Clock;
}

const startOfUtcMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

export class AdminUserService {
  constructor(private readonly deps: AdminUserServiceDeps) {}

  async list(query: z.output<typeof AdminUserListQuerySchema>): Promise<AdminUserList> {
    const { items, total } = await this.deps.users.list({
      query: query.query || undefined,
      role: query.role,
      status: query.status,
      limit: query.page_size,
      offset: (query.page - 1) * query.page_size,
    });
    const ids = items.map((u) => u.id);
    const since = startOfUtcMonth(this.deps.clock.now());
    const [asked, rendered] = await Promise.all([
      this.deps.queries.usageByOwner(ids, since),
      this.deps.versions.countByOwner(ids, since),
    ]);
    return {
      items: items.map((user) => ({
        ...toAdminUserView(user),
        usage: {
          queries_this_month: asked.get(user.id)?.count ?? 0,
          renders_this_month: rendered.get(user.id) ?? 0,
          cost_this_month_usd: asked.get(user.id)?.costUsd ?? 0,
        },
      })),
      total,
      page: query.page,
      page_size: query.page_size,
    };
  }

  activate(userId: string, actor: Actor): Promise<AdminUser> {
    return this.changeStatus(userId, "active", actor);
  }

  /** Deactivation ends every session at once: the user's next request is refused, whatever token it carries. */
  deactivate(userId: string, actor: Actor): Promise<AdminUser> {
    if (userId === actor.id) {
      throw AppError.conflict("You cannot deactivate your own account from the admin panel.", "cannot_deactivate_self");
    }
    return this.changeStatus(userId, "deactivated", actor);
  }

  /** Sets one person's AI limits (null: the server's defaults); audited with the values before and after. */
  setLimits(userId: string, limits: UserLimitsPatch, actor: Actor): Promise<AdminUser> {
    const { db, users, audit } = this.deps;
    return db.transaction().execute(async (trx) => {
      const before = toAdminUserView(await this.requireUser(userId, trx, { lock: true }));
      const after = toAdminUserView((await users.setLimits(userId, limits, trx))!);
      await audit.insert(
        {
          actorUserId: actor.id,
          action: "user.limits_changed",
          targetType: "user",
          targetId: userId,
          before: { daily_query_limit: before.daily_query_limit, monthly_cost_cap_usd: before.monthly_cost_cap_usd },
          after: limits,
          ip: actor.ip,
        },
        trx,
      );
      return after;
    });
  }

  async triggerPasswordReset(userId: string, actor: Actor): Promise<void> {
    const { db, accountActions, audit, notifications } = this.deps;
    await db.transaction().execute(async (trx) => {
      const user = await this.requireUser(userId, trx);
      if (user.status !== "active") {
        throw AppError.conflict(
          "Only active accounts can reset their password. Activate the account first.",
          "user_not_active",
        );
      }
      await accountActions.requestPasswordReset(user, { byAdmin: true }, trx);
      await audit.insert(
        {
          actorUserId: actor.id,
          action: "user.password_reset_requested",
          targetType: "user",
          targetId: user.id,
          ip: actor.ip,
        },
        trx,
      );
      await notifications.notify(
        user.id,
        "account.password_reset_sent",
        { title: "Password reset sent", body: `An administrator sent a password reset link to ${user.email}.` },
        trx,
      );
    });
  }

  async auditLog(query: z.output<typeof AuditLogQuerySchema>): Promise<AuditLogList> {
    const { items, total } = await this.deps.audit.list({
      action: query.action,
      limit: query.page_size,
      offset: (query.page - 1) * query.page_size,
    });
    return {
      items: items.map((row) => ({
        id: row.id,
        actor: row.actor_user_id && row.actor_email ? { id: row.actor_user_id, email: row.actor_email } : null,
        action: row.action,
        target_type: row.target_type,
        target_id: row.target_id,
        before: row.before ?? null,
        after: row.after ?? null,
        ip: row.ip,
        created_at: row.created_at.toISOString(),
      })),
      total,
      page: query.page,
      page_size: query.page_size,
    };
  }

  /** Deactivation publishes the change to the user too: every instance closes that user's streams on it. */
  private async changeStatus(userId: string, status: UserStatus, actor: Actor): Promise<AdminUser> {
    const { db, users, sessions, audit, events } = this.deps;
    const updated = await db.transaction().execute(async (trx) => {
      const before = await this.requireUser(userId, trx, { lock: true });
      if (before.deleted_at) {
        throw AppError.conflict(
          "This account was deleted after its grace period; it cannot be activated again.",
          "account_deleted",
        );
      }
      const after = (await users.setStatus(userId, status, trx))!;
      if (status !== "active") await sessions.revokeAllForUser(userId, "deactivated", trx);
      await audit.insert(
        {
          actorUserId: actor.id,
          action: status === "active" ? "user.activated" : "user.deactivated",
          targetType: "user",
          targetId: userId,
          before: { status: before.status },
          after: { status: after.status },
          ip: actor.ip,
        },
        trx,
      );
      const payload = { user_id: after.id, status: after.status, role: after.role, changed_by: actor.id };
      await events.publish({ type: "account.status.changed", audience: { userId: after.id }, payload }, trx);
      await events.publish({ type: "account.status.changed", audience: { admins: true }, payload }, trx);
      return after;
    });
    return toAdminUserView(updated);
  }

  private async requireUser(userId: string, db: Db, opts: { lock?: boolean } = {}): Promise<User> {
    const user = await this.deps.users.findById(userId, db, { forUpdate: opts.lock });
    if (!user) throw AppError.notFound("No such user.");
    return user;
  }
}
