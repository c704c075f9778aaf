import type { Session, User as UserView } from "@chat3d/shared";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Clock } from "../lib/clock.js";
import { hashPassword, verifyPassword } from "../lib/password.js";
import { describeDevice } from "../lib/user-agent.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import { wrongPassword } from "./account-action.service.js";
import type { EventService } from "./event.service.js";
import type { NotificationService } from "./notification.service.js";
import { toUserView } from "./user-view.js";

export interface ProfileServiceDeps {
  db: Db;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLogRepository;
  events: EventService;
  notifications: NotificationService;
  clock: Clock;
}

/** The signed-in person's own account: their name, their password, and the devices signed in to it. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  async updateDisplayName(user: User, displayName: string | null): Promise<UserView> {
    return toUserView(await this.deps.users.setDisplayName(user.id, displayName));
  }

  /** The current password first; every other session then ends, and its streams close. */
  async changePassword(
    user: User,
    sessionId: string,
    input: { current_password: string; new_password: string },
    ip: string | null,
  ): Promise<number> {
    if (!(await verifyPassword(user.password_hash, input.current_password))) throw wrongPassword();
    if (input.new_password === input.current_password) {
      throw AppError.validation({ new_password: ["Choose a password other than your current one."] });
    }
    const passwordHash = await hashPassword(input.new_password);
    return this.deps.db.transaction().execute(async (trx) => {
      await this.deps.users.setPassword(user.id, passwordHash, trx);
      const revoked = await this.deps.sessions.revokeOthers(user.id, sessionId, "password_changed", trx);
      await this.deps.audit.insert(
        { actorUserId: user.id, action: "account.password_changed", targetType: "user", targetId: user.id, ip },
        trx,
      );
      await this.deps.notifications.notify(
        user.id,
        "account.password_changed",
        {
          title: "Password changed",
          body: revoked.length
            ? `Your password was changed and ${revoked.length === 1 ? "one other device was" : `${revoked.length} other devices were`} signed out.`
            : "Your password was changed.",
          link: "/profile/security",
        },
        trx,
      );
      await this.announceEnded(user.id, revoked, "password_changed", trx);
      return revoked.length;
    });
  }

  async sessions(user: User, currentSessionId: string): Promise<Session[]> {
    const rows = await this.deps.sessions.listLive(user.id, this.deps.clock.now());
    return rows.map((row) => ({
      id: row.id,
      device: describeDevice(row.user_agent),
      user_agent: row.user_agent,
      ip: row.ip,
      created_at: row.created_at.toISOString(),
      last_seen_at: row.last_seen_at.toISOString(),
      current: row.id === currentSessionId,
    }));
  }

  /** Another of the person's sessions; their own current one is signed out with "Sign out" instead. */
  async revokeSession(user: User, currentSessionId: string, sessionId: string, ip: string | null): Promise<void> {
    if (sessionId === currentSessionId) {
      throw AppError.conflict("This is the session you are using: sign out instead.", "current_session");
    }
    await this.deps.db.transaction().execute(async (trx) => {
      const ended = await this.deps.sessions.revokeOwned(
        user.id,
        sessionId,
        "revoked_by_user",
        this.deps.clock.now(),
        trx,
      );
      if (!ended) throw AppError.notFound("No such session.");
      await this.deps.audit.insert(
        { actorUserId: user.id, action: "session.revoked", targetType: "session", targetId: sessionId, ip },
        trx,
      );
      await this.announceEnded(user.id, [sessionId], "revoked_by_user", trx);
    });
  }

  async revokeOtherSessions(user: User, currentSessionId: string, ip: string | null): Promise<number> {
    return this.deps.db.transaction().execute(async (trx) => {
      const revoked = await this.deps.sessions.revokeOthers(user.id, currentSessionId, "revoked_by_user", trx);
      if (revoked.length) {
        await this.deps.audit.insert(
          {
            actorUserId: user.id,
            action: "session.revoked_others",
            targetType: "user",
            targetId: user.id,
            after: { revoked: revoked.length },
            ip,
          },
          trx,
        );
      }
      await this.announceEnded(user.id, revoked, "revoked_by_user", trx);
      return revoked.length;
    });
  }

  /** One event per session, so each instance closes exactly those sessions' streams. */
  private async announceEnded(userId: string, sessionIds: string[], reason: string, trx: Db) {
    for (const id of sessionIds) {
      await this.deps.events.publish(
        { type: "session.ended", audience: { userId }, payload: { session_id: id, reason } },
        trx,
      );
    }
  }
}
