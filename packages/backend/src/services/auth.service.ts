import type { RegisterRequestSchema } from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { AccessTokens } from "../lib/access-tokens.js";
import { addDays, type Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import { hashPassword, verifyPassword } from "../lib/password.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { RegistrationTokenRepository } from "../repositories/registration-token.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { AccountActionService } from "./account-action.service.js";
import { isPendingDeletion } from "./account-state.js";
import type { EventService } from "./event.service.js";
import type { InvitationService } from "./invitation.service.js";

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  user: User;
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  sessionExpiresAt: Date;
}

// Tabs of one browser may refresh at the same moment: a token spent this recently is a race, not a theft.
const REUSE_GRACE_MS = 10_000;

export const INVALID_CREDENTIALS = "The email or password is not right, or the account cannot sign in.";

type RegisterInput = z.output<typeof RegisterRequestSchema>;

export interface AuthServiceDeps {
  db: Db;
  users: UserRepository;
  sessions: SessionRepository;
  registrationTokens: RegistrationTokenRepository;
  settings: AppSettingsRepository;
  audit: AuditLogRepository;
  accessTokens: AccessTokens;
  events: EventService;
  invitations: InvitationService;
  accountActions: AccountActionService;
  sessionTtlDays: number;
  clock: Clock;
  logger: Logger;
}

export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthServiceDeps) {}

  async registrationPolicy(): Promise<{ waitlist_enabled: boolean }> {
    return { waitlist_enabled: (await this.deps.settings.get()).waitlist_enabled };
  }

  /**
   * A registration token, when one is given, is checked before anything about the email: only the holder of
   * a valid link for that address can learn that it already has an account, and the link proves the address,
   * so that account is confirmed and signed in at once.
   */
  async register(input: RegisterInput, client: ClientInfo): Promise<IssuedSession> {
    const { db, registrationTokens, audit } = this.deps;
    await this.requireOpenOrToken(input);
    const passwordHash = await hashPassword(input.password);
    const user = await db.transaction().execute(async (trx) => {
      // Same transaction as the user: a failed registration leaves the token unspent.
      const token = await registrationTokens.consume(hashToken(input.registration_token!), input.email, trx);
      if (!token) {
        throw AppError.unprocessable(
          "This registration link is not valid for this email, was already used, or has expired.",
          "invalid_registration_token",
        );
      }
      const created = await this.createAccount(input, passwordHash, this.deps.clock.now(), client, trx);
      if (!created) {
        const message = "An account with this email already exists. Sign in instead.";
        // Named as a field error too, so forms show it under the email input.
        throw new AppError(409, "email_taken", message, { email: [message] });
      }
      await audit.insert(
        {
          actorUserId: created.id,
          // An approved waitlist request is not an invitation: the audit log says which it was.
          action: token.source === "waitlist" ? "waitlist.registered" : "registration_token.consumed",
          targetType: "registration_token",
          targetId: token.id,
          ip: client.ip,
        },
        trx,
      );
      return created;
    });
    return this.issueSession(user, client);
  }

  /**
   * Open sign-up: the same answer whether or not the address has an account, and nobody is signed in by it.
   * A new account gets the link that confirms its address; an existing one's owner is told of the attempt.
   */
  async registerOpen(input: RegisterInput, client: ClientInfo): Promise<void> {
    await this.requireOpenOrToken(input);
    const passwordHash = await hashPassword(input.password);
    await this.deps.db.transaction().execute(async (trx) => {
      const created = await this.createAccount(input, passwordHash, null, client, trx);
      if (created) await this.deps.accountActions.requestEmailConfirmation(created, trx);
      else await this.deps.accountActions.warnOfRegistrationAttempt(input.email, trx);
    });
  }

  private async requireOpenOrToken(input: RegisterInput) {
    const settings = await this.deps.settings.get();
    if (settings.waitlist_enabled && !input.registration_token) {
      throw AppError.forbidden(
        "Registration is by invitation while the waitlist is on. Join the waitlist, or use the link from your invitation email.",
      );
    }
  }

  /** The new account, or undefined when the email has one already. */
  private async createAccount(
    input: RegisterInput,
    passwordHash: string,
    confirmedAt: Date | null,
    client: ClientInfo,
    trx: Db,
  ): Promise<User | undefined> {
    const created = await this.deps.users.insertIfAbsent(
      {
        email: input.email,
        password_hash: passwordHash,
        display_name: input.display_name ?? null,
        email_confirmed_at: confirmedAt,
        // On the service's clock, which the unconfirmed-account expiry is measured on.
        created_at: this.deps.clock.now(),
      },
      trx,
    );
    if (!created) return undefined;
    await this.deps.audit.insert(
      { actorUserId: created.id, action: "auth.registered", targetType: "user", targetId: created.id, ip: client.ip },
      trx,
    );
    await this.deps.invitations.acceptFor(created, trx);
    return created;
  }

  /**
   * One answer for an unknown email, a wrong password and an inactive account, in about the same time. Only
   * the right password of an account inside its deletion window learns that, so it can be reactivated.
   */
  async login(email: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const user = await this.deps.users.findByEmail(email);
    const ok = user ? await verifyPassword(user.password_hash, password) : await this.burnVerification(password);
    if (user && ok && isPendingDeletion(user, this.deps.clock.now())) {
      throw new AppError(
        403,
        "account_pending_deletion",
        "This account is deactivated and will be deleted. Reactivate it to sign in again.",
        { deactivated_until: user.deactivated_until!.toISOString() },
      );
    }
    if (!user || !ok || user.status !== "active") throw new AppError(401, "invalid_credentials", INVALID_CREDENTIALS);
    return this.issueSession(user, client);
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
    const { db, sessions, audit, users, accessTokens, logger } = this.deps;
    const next = generateToken();
    const sessionExpiresAt = this.sessionExpiry();
    const now = this.deps.clock.now();
    const outcome = await sessions.rotate(hashToken(refreshToken), next.hash, sessionExpiresAt, now);
    if (outcome.kind === "reused" && now.getTime() - outcome.usedAt.getTime() > REUSE_GRACE_MS) {
      await db.transaction().execute(async (trx) => {
        await this.endSession(outcome.sessionId, "refresh_token_reuse", trx);
        await audit.insert(
          {
            actorUserId: outcome.userId,
            action: "auth.refresh_token_reuse",
            targetType: "session",
            targetId: outcome.sessionId,
            ip: client.ip,
          },
          trx,
        );
      });
      logger.warn({ sessionId: outcome.sessionId }, "refresh token reuse: session revoked");
    }
    if (outcome.kind !== "rotated") throw AppError.unauthorized("Your session has ended. Sign in again.");
    const user = await users.findById(outcome.userId);
    if (!user) throw AppError.unauthorized("Your session has ended. Sign in again.");
    return {
      user,
      sessionId: outcome.sessionId,
      accessToken: await accessTokens.sign({ userId: user.id, sessionId: outcome.sessionId }),
      refreshToken: next.token,
      sessionExpiresAt,
    };
  }

  /** Ends the session; the event it publishes closes the streams it opened, on every instance. */
  async logout(sessionId: string): Promise<void> {
    await this.deps.db.transaction().execute((trx) => this.endSession(sessionId, "logout", trx));
  }

  async logoutByRefreshToken(refreshToken: string): Promise<void> {
    const { db, sessions } = this.deps;
    await db.transaction().execute(async (trx) => {
      const sessionId = await sessions.findIdByRefreshToken(hashToken(refreshToken), trx);
      if (sessionId) await this.endSession(sessionId, "logout", trx);
    });
  }

  /** Resolves an access token to a live session of an active user, or undefined. */
  async authenticate(accessToken: string): Promise<{ user: User; sessionId: string } | undefined> {
    const claims = await this.deps.accessTokens.verify(accessToken);
    if (!claims) return undefined;
    const user = await this.deps.sessions.findLiveUser(claims.sessionId, this.deps.clock.now());
    return user && user.id === claims.userId ? { user, sessionId: claims.sessionId } : undefined;
  }

  private async endSession(sessionId: string, reason: string, trx: Db): Promise<void> {
    const ended = await this.deps.sessions.revoke(sessionId, reason, trx);
    if (!ended) return;
    await this.deps.events.publish(
      { type: "session.ended", audience: { userId: ended.user_id }, payload: { session_id: ended.id, reason } },
      trx,
    );
  }

  private async issueSession(user: User, client: ClientInfo): Promise<IssuedSession> {
    const { sessions, accessTokens } = this.deps;
    const refresh = generateToken();
    const sessionExpiresAt = this.sessionExpiry();
    const sessionId = await sessions.create({
      userId: user.id,
      now: this.deps.clock.now(),
      tokenHash: refresh.hash,
      expiresAt: sessionExpiresAt,
      userAgent: client.userAgent,
      ip: client.ip,
    });
    return {
      user,
      sessionId,
      accessToken: await accessTokens.sign({ userId: user.id, sessionId }),
      refreshToken: refresh.token,
      sessionExpiresAt,
    };
  }

  private sessionExpiry() {
    return addDays(this.deps.clock.now(), this.deps.sessionTtlDays);
  }

  private async burnVerification(password: string): Promise<false> {
    this.dummyHash ??= hashPassword("not-a-real-account-password");
    await verifyPassword(await this.dummyHash, password);
    return false;
  }
}
