import type { RegisterRequestSchema } from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { AccessTokens } from "../lib/access-tokens.js";
import type { Logger } from "../lib/logger.js";
import { hashPassword, verifyPassword } from "../lib/password.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { RegistrationTokenRepository } from "../repositories/registration-token.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
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

export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly registrationTokens: RegistrationTokenRepository,
    private readonly settings: AppSettingsRepository,
    private readonly audit: AuditLogRepository,
    private readonly accessTokens: AccessTokens,
    private readonly events: EventService,
    private readonly invitations: InvitationService,
    private readonly sessionTtlDays: number,
    private readonly logger: Logger,
  ) {}

  async registrationPolicy(): Promise<{ waitlist_enabled: boolean }> {
    return { waitlist_enabled: (await this.settings.get()).waitlist_enabled };
  }

  async register(input: z.output<typeof RegisterRequestSchema>, client: ClientInfo): Promise<IssuedSession> {
    const settings = await this.settings.get();
    if (settings.waitlist_enabled && !input.registration_token) {
      throw AppError.forbidden(
        "Registration is by invitation while the waitlist is on. Join the waitlist, or use the link from your invitation email.",
      );
    }
    const passwordHash = await hashPassword(input.password);

    const { user, accepted } = await this.db.transaction().execute(async (trx) => {
      const created = await this.users.insertIfAbsent(
        { email: input.email, password_hash: passwordHash, display_name: input.display_name ?? null },
        trx,
      );
      if (!created) {
        const message = "An account with this email already exists. Sign in instead.";
        // Named as a field error too, so forms show it under the email input.
        throw new AppError(409, "email_taken", message, { email: [message] });
      }
      if (input.registration_token) {
        // Same transaction as the user: a failed registration leaves the token unspent.
        const token = await this.registrationTokens.consume(hashToken(input.registration_token), input.email, trx);
        if (!token) {
          throw AppError.unprocessable(
            "This registration link is not valid for this email, was already used, or has expired.",
            "invalid_registration_token",
          );
        }
        await this.audit.insert(
          { actorUserId: created.id, action: "registration_token.consumed", targetType: "registration_token", targetId: token.id, ip: client.ip },
          trx,
        );
      }
      await this.audit.insert(
        { actorUserId: created.id, action: "auth.registered", targetType: "user", targetId: created.id, ip: client.ip },
        trx,
      );
      return { user: created, accepted: await this.invitations.acceptFor(created.email, trx) };
    });
    await this.invitations.announceAccepted(accepted, user);
    return this.issueSession(user, client);
  }

  /** One answer for an unknown email, a wrong password and an inactive account, in about the same time. */
  async login(email: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const user = await this.users.findByEmail(email);
    const ok = user ? await verifyPassword(user.password_hash, password) : await this.burnVerification(password);
    if (!user || !ok || user.status !== "active") throw new AppError(401, "invalid_credentials", INVALID_CREDENTIALS);
    return this.issueSession(user, client);
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
    const next = generateToken();
    const sessionExpiresAt = this.sessionExpiry();
    const outcome = await this.sessions.rotate(hashToken(refreshToken), next.hash, sessionExpiresAt);
    if (outcome.kind === "reused" && Date.now() - outcome.usedAt.getTime() > REUSE_GRACE_MS) {
      await this.sessions.revoke(outcome.sessionId, "refresh_token_reuse");
      await this.audit.insert({
        actorUserId: outcome.userId,
        action: "auth.refresh_token_reuse",
        targetType: "session",
        targetId: outcome.sessionId,
        ip: client.ip,
      });
      this.logger.warn({ sessionId: outcome.sessionId }, "refresh token reuse: session revoked");
    }
    if (outcome.kind !== "rotated") throw AppError.unauthorized("Your session has ended. Sign in again.");
    const user = await this.users.findById(outcome.userId);
    if (!user) throw AppError.unauthorized("Your session has ended. Sign in again.");
    return {
      user,
      sessionId: outcome.sessionId,
      accessToken: await this.accessTokens.sign({ userId: user.id, sessionId: outcome.sessionId }),
      refreshToken: next.token,
      sessionExpiresAt,
    };
  }

  /** Ends the session and closes the event streams it opened, on every instance. */
  async logout(sessionId: string): Promise<void> {
    const ended = await this.sessions.revoke(sessionId, "logout");
    if (ended) await this.events.closeStreams(ended.user_id, "logout", ended.id);
  }

  async logoutByRefreshToken(refreshToken: string): Promise<void> {
    const ended = await this.sessions.revokeByRefreshToken(hashToken(refreshToken), "logout");
    if (ended) await this.events.closeStreams(ended.user_id, "logout", ended.id);
  }

  /** Resolves an access token to a live session of an active user, or undefined. */
  async authenticate(accessToken: string): Promise<{ user: User; sessionId: string } | undefined> {
    const claims = await this.accessTokens.verify(accessToken);
    if (!claims) return undefined;
    const user = await this.sessions.findLiveUser(claims.sessionId);
    return user && user.id === claims.userId ? { user, sessionId: claims.sessionId } : undefined;
  }

  private async issueSession(user: User, client: ClientInfo): Promise<IssuedSession> {
    const refresh = generateToken();
    const sessionExpiresAt = this.sessionExpiry();
    const sessionId = await this.sessions.create({
      userId: user.id,
      tokenHash: refresh.hash,
      expiresAt: sessionExpiresAt,
      userAgent: client.userAgent,
      ip: client.ip,
    });
    return {
      user,
      sessionId,
      accessToken: await this.accessTokens.sign({ userId: user.id, sessionId }),
      refreshToken: refresh.token,
      sessionExpiresAt,
    };
  }

  private sessionExpiry() {
    return new Date(Date.now() + this.sessionTtlDays * 86_400_000);
  }

  private async burnVerification(password: string): Promise<false> {
    this.dummyHash ??= hashPassword("not-a-real-account-password");
    await verifyPassword(await this.dummyHash, password);
    return false;
  }
}
