import type { Db } from "../db/database.js";
import type { AccountActionType } from "../db/schema.js";

export class AccountActionRepository {
  constructor(private readonly db: Db) {}

  async create(
    action: {
      userId: string;
      type: AccountActionType;
      tokenHash: string;
      expiresAt: Date;
      payload?: Record<string, unknown>;
    },
    db: Db = this.db,
  ): Promise<string> {
    const { id } = await db
      .insertInto("account_actions")
      .values({
        user_id: action.userId,
        action_type: action.type,
        token_hash: action.tokenHash,
        expires_at: action.expiresAt,
        payload: JSON.stringify(action.payload ?? {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  }

  findByTokenHash(tokenHash: string) {
    return this.db
      .selectFrom("account_actions")
      .innerJoin("users", "users.id", "account_actions.user_id")
      .select([
        "account_actions.id",
        "account_actions.user_id",
        "account_actions.action_type",
        "account_actions.status",
        "account_actions.expires_at",
        "account_actions.payload",
        "users.email",
      ])
      .where("account_actions.token_hash", "=", tokenHash)
      .executeTakeFirst();
  }

  /** Completes a live pending action in one conditional UPDATE: exactly one caller wins it. */
  complete(tokenHash: string, now: Date, db: Db = this.db) {
    return db
      .updateTable("account_actions")
      .set({ status: "completed", completed_at: now })
      .where("token_hash", "=", tokenHash)
      .where("status", "=", "pending")
      .where("expires_at", ">", now)
      .returningAll()
      .executeTakeFirst();
  }

  /** A newer request supersedes older pending ones of the same kind, so only the latest link works. */
  async cancelPending(userId: string, type: AccountActionType, db: Db = this.db): Promise<void> {
    await db
      .updateTable("account_actions")
      .set({ status: "cancelled" })
      .where("user_id", "=", userId)
      .where("action_type", "=", type)
      .where("status", "=", "pending")
      .execute();
  }

  /** The sweep: the links (and the addresses an email change named) go with the account. */
  async deleteAllOf(userId: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("account_actions").where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
