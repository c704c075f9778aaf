import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";
import type { User } from "../db/schema.js";

export type AccessTokenRow = Selectable<DB["access_tokens"]>;

export interface NewAccessToken {
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: string[];
  expiresAt: Date | null;
}

export class AccessTokenRepository {
  constructor(private readonly db: Db) {}

  async create(token: NewAccessToken, db: Db = this.db): Promise<AccessTokenRow> {
    return db
      .insertInto("access_tokens")
      .values({
        user_id: token.userId,
        name: token.name,
        prefix: token.prefix,
        token_hash: token.tokenHash,
        scopes: token.scopes,
        expires_at: token.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async listByUser(userId: string): Promise<AccessTokenRow[]> {
    return this.db
      .selectFrom("access_tokens")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
  }

  async countLive(userId: string, now: Date, db: Db = this.db): Promise<number> {
    const { n } = await db
      .selectFrom("access_tokens")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /**
   * The live token with this hash and its active owner, in one query per request, so a revocation or a
   * deactivation holds on every instance at once.
   */
  async findLive(tokenHash: string, now: Date): Promise<{ tokenId: string; scopes: string[]; user: User } | undefined> {
    const row = await this.db
      .selectFrom("access_tokens")
      .innerJoin("users", "users.id", "access_tokens.user_id")
      .selectAll("users")
      .select(["access_tokens.id as token_id", "access_tokens.scopes as token_scopes"])
      .where("access_tokens.token_hash", "=", tokenHash)
      .where("access_tokens.revoked_at", "is", null)
      .where((eb) => eb.or([eb("access_tokens.expires_at", "is", null), eb("access_tokens.expires_at", ">", now)]))
      .where("users.status", "=", "active")
      .executeTakeFirst();
    if (!row) return undefined;
    const { token_id, token_scopes, ...user } = row;
    return { tokenId: token_id, scopes: token_scopes, user };
  }

  /** Revokes the user's token; undefined when it is not theirs or was revoked already. */
  async revoke(userId: string, id: string, now: Date, db: Db = this.db): Promise<AccessTokenRow | undefined> {
    return db
      .updateTable("access_tokens")
      .set({ revoked_at: now })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .returningAll()
      .executeTakeFirst();
  }

  async find(userId: string, id: string): Promise<AccessTokenRow | undefined> {
    return this.db
      .selectFrom("access_tokens")
      .selectAll()
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  /** At most one write a minute per token: "last used" is for people, not an access log. */
  async touch(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable("access_tokens")
      .set({ last_used_at: now })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(now.getTime() - 60_000))]))
      .execute();
  }
}
