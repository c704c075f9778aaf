import { sql } from "kysely";
import type { Db } from "../db/database.js";

export interface DeliveryClaim {
  idempotencyKey: string;
  recipient: string;
  template: string;
  messageId: string;
}

export type ClaimOutcome = "claimed" | "sent" | "in_progress";

export class EmailDeliveryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes the key for one sender, atomically: a new key, or one whose earlier claim went stale without a
   * send. Otherwise says whether the email already went out or another worker is sending it now.
   */
  async claim(claim: DeliveryClaim, staleBefore: Date): Promise<ClaimOutcome> {
    const won = await this.db
      .insertInto("email_deliveries")
      .values({
        idempotency_key: claim.idempotencyKey,
        recipient: claim.recipient,
        template: claim.template,
        message_id: claim.messageId,
        claimed_at: new Date(),
        sent_at: null,
      })
      .onConflict((oc) =>
        oc
          .column("idempotency_key")
          .doUpdateSet({ claimed_at: sql`EXCLUDED.claimed_at` })
          .where("email_deliveries.sent_at", "is", null)
          .where("email_deliveries.claimed_at", "<", staleBefore),
      )
      .returning("idempotency_key")
      .executeTakeFirst();
    if (won) return "claimed";
    const row = await this.db
      .selectFrom("email_deliveries")
      .select("sent_at")
      .where("idempotency_key", "=", claim.idempotencyKey)
      .executeTakeFirst();
    return row?.sent_at ? "sent" : "in_progress";
  }

  async markSent(idempotencyKey: string): Promise<void> {
    await this.db
      .updateTable("email_deliveries")
      .set({ sent_at: new Date() })
      .where("idempotency_key", "=", idempotencyKey)
      .execute();
  }

  /** Gives a claim back after a failed send, so the job's retry can take it at once. */
  async release(idempotencyKey: string): Promise<void> {
    await this.db
      .deleteFrom("email_deliveries")
      .where("idempotency_key", "=", idempotencyKey)
      .where("sent_at", "is", null)
      .execute();
  }

  /** The sweep: the ledger's rows that name the address. */
  async deleteByRecipient(recipient: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("email_deliveries").where("recipient", "=", recipient).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
