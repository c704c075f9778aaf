import {
  ACCESS_TOKEN_PREFIX,
  MAX_ACCESS_TOKENS_PER_USER,
  TokenScopeSchema,
  type AccessToken,
  type CreateAccessTokenRequestSchema,
  type CreatedAccessToken,
  type TokenScope,
} from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Clock } from "../lib/clock.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { AccessTokenRepository, AccessTokenRow } from "../repositories/access-token.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { EventService } from "./event.service.js";

export interface AccessTokenServiceDeps {
  db: Db;
  tokens: AccessTokenRepository;
  users: UserRepository;
  audit: AuditLogRepository;
  events: EventService;
  clock: Clock;
}

export interface TokenCaller {
  user: User;
  tokenId: string;
  scopes: TokenScope[];
}

const DAY_MS = 86_400_000;
/** Enough of the secret to tell tokens apart in a list, far too little to guess the rest. */
const SHOWN_PREFIX = ACCESS_TOKEN_PREFIX.length + 6;

function statusOf(row: AccessTokenRow, now: Date): AccessToken["status"] {
  if (row.revoked_at) return "revoked";
  return row.expires_at && row.expires_at <= now ? "expired" : "active";
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const scopesOf = (stored: string[]) => stored.filter((s): s is TokenScope => TokenScopeSchema.safeParse(s).success);

/** Personal access tokens: made, listed and revoked by their owner (and revoked by admins); checked per request. */
export class AccessTokenService {
  constructor(private readonly deps: AccessTokenServiceDeps) {}

  async create(
    owner: User,
    input: z.output<typeof CreateAccessTokenRequestSchema>,
    ip: string | null,
  ): Promise<CreatedAccessToken> {
    if (input.scopes.includes("admin") && owner.role !== "admin") {
      throw AppError.forbidden("Only admins can make a token with the admin scope.");
    }
    const { db, tokens, audit, clock } = this.deps;
    const now = clock.now();
    const secret = ACCESS_TOKEN_PREFIX + generateToken().token;
    const row = await db.transaction().execute(async (trx) => {
      // Serialises one person's token creations, so the cap holds under concurrent requests.
      await this.deps.users.findById(owner.id, trx, { forUpdate: true });
      if ((await tokens.countLive(owner.id, now, trx)) >= MAX_ACCESS_TOKENS_PER_USER) {
        throw AppError.conflict(
          `You have ${MAX_ACCESS_TOKENS_PER_USER} active tokens. Revoke one you no longer use first.`,
          "token_limit",
        );
      }
      const created = await tokens.create(
        {
          userId: owner.id,
          name: input.name,
          prefix: secret.slice(0, SHOWN_PREFIX),
          tokenHash: hashToken(secret),
          scopes: input.scopes,
          expiresAt: input.expires_in_days === null ? null : new Date(now.getTime() + input.expires_in_days * DAY_MS),
        },
        trx,
      );
      await audit.insert(
        {
          actorUserId: owner.id,
          action: "access_token.created",
          targetType: "access_token",
          targetId: created.id,
          after: { name: created.name, scopes: created.scopes, expires_at: iso(created.expires_at) },
          ip,
        },
        trx,
      );
      return created;
    });
    return { token: this.view(row, now), secret };
  }

  async list(userId: string): Promise<AccessToken[]> {
    const now = this.deps.clock.now();
    return (await this.deps.tokens.listByUser(userId)).map((row) => this.view(row, now));
  }

  /** For the admins: a user's tokens; 404 for no such user. */
  async listOfUser(userId: string): Promise<AccessToken[]> {
    if (!(await this.deps.users.findById(userId))) throw AppError.notFound("No such user.");
    return this.list(userId);
  }

  /** Revokes one of `userId`'s tokens; `actor` is the owner or an admin. A foreign or unknown id is 404. */
  async revoke(actor: User, userId: string, tokenId: string, ip: string | null): Promise<AccessToken> {
    const { db, tokens, audit, clock } = this.deps;
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await tokens.revoke(userId, tokenId, now, trx);
      if (!row) {
        const existing = await tokens.find(userId, tokenId);
        if (!existing) throw AppError.notFound("No such token.");
        return this.view(existing, now);
      }
      await audit.insert(
        {
          actorUserId: actor.id,
          action: actor.id === userId ? "access_token.revoked" : "access_token.revoked_by_admin",
          targetType: "access_token",
          targetId: row.id,
          before: { name: row.name, owner_id: userId },
          ip,
        },
        trx,
      );
      // A stream opened with the token is its "session": it closes like a signed-out session's.
      await this.deps.events.publish(
        { type: "session.ended", audience: { userId }, payload: { session_id: row.id, reason: "token_revoked" } },
        trx,
      );
      return this.view(row, now);
    });
  }

  /** The caller behind a bearer secret that looks like a personal access token, or undefined. */
  async authenticate(secret: string): Promise<TokenCaller | undefined> {
    const now = this.deps.clock.now();
    const found = await this.deps.tokens.findLive(hashToken(secret), now);
    if (!found) return undefined;
    await this.deps.tokens.touch(found.tokenId, now);
    return { user: found.user, tokenId: found.tokenId, scopes: scopesOf(found.scopes) };
  }

  private view(row: AccessTokenRow, now: Date): AccessToken {
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: scopesOf(row.scopes),
      created_at: row.created_at.toISOString(),
      last_used_at: iso(row.last_used_at),
      expires_at: iso(row.expires_at),
      revoked_at: iso(row.revoked_at),
      status: statusOf(row, now),
    };
  }
}
