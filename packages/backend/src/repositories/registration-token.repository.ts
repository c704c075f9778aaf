import { sql } from "kysely";
import type { Db } from "../db/database.js";

export class RegistrationTokenRepository {
  constructor(private readonly db: Db) {}

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
}
