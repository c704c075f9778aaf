import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";

export interface NewSession {
  userId: string;
  now: Date;
  tokenHash: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export type RefreshOutcome =
  | { kind: "rotated"; sessionId: string; userId: string }
  | { kind: "reused"; sessionId: string; userId: string; usedAt: Date }
  | { kind: "invalid" };

export class SessionRepository {
  constructor(private readonly db: Db) {}

  async create(session: NewSession): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("sessions")
        .values({
          user_id: session.userId,
          created_at: session.now,
          last_seen_at: session.now,
          expires_at: session.expiresAt,
          user_agent: session.userAgent?.slice(0, 255) ?? null,
          ip: session.ip,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("refresh_tokens").values({ token_hash: session.tokenHash, session_id: id }).execute();
      return id;
    });
  }

  /** The session's user when the session is live and the user may use the app; one query per request. */
  findLiveUser(sessionId: string, now: Date): Promise<User | undefined> {
    return this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .selectAll("users")
      .where("sessions.id", "=", sessionId)
      .where("sessions.revoked_at", "is", null)
      .where("sessions.expires_at", ">", now)
      .where("users.status", "=", "active")
      .executeTakeFirst();
  }

  /**
   * Spends a refresh token and issues its successor in one transaction. Exactly one concurrent caller can
   * spend a token; presenting an already spent token is reported as reuse.
   */
  async rotate(tokenHash: string, nextTokenHash: string, expiresAt: Date, now: Date): Promise<RefreshOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable("refresh_tokens")
        .set({ used_at: now })
        .where("token_hash", "=", tokenHash)
        .where("used_at", "is", null)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("sessions")
              .innerJoin("users", "users.id", "sessions.user_id")
              .whereRef("sessions.id", "=", "refresh_tokens.session_id")
              .where("sessions.revoked_at", "is", null)
              .where("sessions.expires_at", ">", now)
              .where("users.status", "=", "active"),
          ),
        )
        .returning("session_id")
        .executeTakeFirst();
      if (spent) {
        await trx
          .insertInto("refresh_tokens")
          .values({ token_hash: nextTokenHash, session_id: spent.session_id })
          .execute();
        const session = await trx
          .updateTable("sessions")
          .set({ last_seen_at: now, expires_at: expiresAt })
          .where("id", "=", spent.session_id)
          .returning(["id", "user_id"])
          .executeTakeFirstOrThrow();
        return { kind: "rotated", sessionId: session.id, userId: session.user_id };
      }
      const known = await trx
        .selectFrom("refresh_tokens")
        .innerJoin("sessions", "sessions.id", "refresh_tokens.session_id")
        .select(["refresh_tokens.used_at", "sessions.id", "sessions.user_id"])
        .where("refresh_tokens.token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (known?.used_at) return { kind: "reused", sessionId: known.id, userId: known.user_id, usedAt: known.used_at };
      return { kind: "invalid" };
    });
  }

  /** Revokes a live session; returns it (id and owner) when it was live. */
  revoke(sessionId: string, reason: string, db: Db = this.db) {
    return db
      .updateTable("sessions")
      .set({ revoked_at: new Date(), revoke_reason: reason })
      .where("id", "=", sessionId)
      .where("revoked_at", "is", null)
      .returning(["id", "user_id"])
      .executeTakeFirst();
  }

  async findIdByRefreshToken(tokenHash: string, db: Db = this.db): Promise<string | undefined> {
    const row = await db
      .selectFrom("refresh_tokens")
      .select("session_id")
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    return row?.session_id;
  }

  /** Revokes every live session of a user and returns their ids. */
  async revokeAllForUser(userId: string, reason: string, db: Db = this.db): Promise<string[]> {
    const rows = await db
      .updateTable("sessions")
      .set({ revoked_at: new Date(), revoke_reason: reason })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    return rows.map((r) => r.id);
  }

  /** The user's sessions that can still be used, most recently seen first. */
  listLive(userId: string, now: Date) {
    return this.db
      .selectFrom("sessions")
      .select(["id", "user_agent", "ip", "created_at", "last_seen_at"])
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .orderBy("last_seen_at", "desc")
      .orderBy("id")
      .execute();
  }

  /** Revokes one live session of this user; undefined when it is not theirs or no longer live. */
  revokeOwned(userId: string, sessionId: string, reason: string, now: Date, db: Db) {
    return db
      .updateTable("sessions")
      .set({ revoked_at: now, revoke_reason: reason })
      .where("id", "=", sessionId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .returning(["id", "user_id"])
      .executeTakeFirst();
  }

  /** Revokes every live session of a user but one, and returns their ids. */
  async revokeOthers(userId: string, keepSessionId: string, reason: string, db: Db): Promise<string[]> {
    const rows = await db
      .updateTable("sessions")
      .set({ revoked_at: new Date(), revoke_reason: reason })
      .where("user_id", "=", userId)
      .where("id", "!=", keepSessionId)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    return rows.map((r) => r.id);
  }

  /** The sweep: devices and addresses go with the account (refresh tokens cascade). */
  async deleteAllOf(userId: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
