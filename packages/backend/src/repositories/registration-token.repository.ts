import { sql } from "kysely";
import type { Db } from "../db/database.js";

export class RegistrationTokenRepository {
  constructor(private readonly db: Db) {}

  async create(
    token: {
      hash: string;
      email: string;
      source: "waitlist" | "admin_invite" | "user_invite";
      invitedBy: string | null;
      expiresAt: Date;
    },
    db: Db = this.db,
  ): Promise<string> {
    const { id } = await db
      .insertInto("registration_tokens")
      .values({
        token_hash: token.hash,
        email: token.email,
        source: token.source,
        invited_by_user_id: token.invitedBy,
        expires_at: token.expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  }

  /** Ends a token at once (a revoked invitation's link must stop working). */
  async invalidate(id: string, db: Db = this.db): Promise<void> {
    await db
      .updateTable("registration_tokens")
      .set({ expires_at: new Date() })
      .where("id", "=", id)
      .where("consumed_at", "is", null)
      .execute();
  }

  /**
   * Spends one use of a live token bound to this email, in one atomic UPDATE: under any concurrency a
   * single-use token has exactly one winner. Returns the token's row, or undefined.
   */
  consume(tokenHash: string, email: string, db: Db = this.db) {
    return db
      .updateTable("registration_tokens")
      .set({
        used_count: sql`used_count + 1`,
        consumed_at: sql`CASE WHEN used_count + 1 >= max_uses THEN NOW() ELSE consumed_at END`,
      })
      .where("token_hash", "=", tokenHash)
      .where("email", "=", email.toLowerCase())
      .where("consumed_at", "is", null)
      .whereRef("used_count", "<", "max_uses")
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", new Date())]))
      .returningAll()
      .executeTakeFirst();
  }

  /** The sweep: links a person's invitations issued that nobody used stop working with the account. */
  async deleteUnconsumedBy(inviterId: string, db: Db): Promise<number> {
    const result = await db
      .deleteFrom("registration_tokens")
      .where("invited_by_user_id", "=", inviterId)
      .where("consumed_at", "is", null)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
