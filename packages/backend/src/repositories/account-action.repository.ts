import type { Db } from "../db/database.js";
import type { AccountActionsTable } from "../db/schema.js";

export class AccountActionRepository {
  constructor(private readonly db: Db) {}

  async create(
    action: { userId: string; type: AccountActionsTable["action_type"]; tokenHash: string; expiresAt: Date },
    db: Db = this.db,
  ): Promise<string> {
    const { id } = await db
      .insertInto("account_actions")
      .values({
        user_id: action.userId,
        action_type: action.type,
        token_hash: action.tokenHash,
        expires_at: action.expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  }

  /** A newer request supersedes older pending ones of the same kind, so only the latest link works. */
  async cancelPending(userId: string, type: AccountActionsTable["action_type"], db: Db = this.db): Promise<void> {
    await db
      .updateTable("account_actions")
      .set({ status: "cancelled" })
      .where("user_id", "=", userId)
      .where("action_type", "=", type)
      .where("status", "=", "pending")
      .execute();
  }
}
