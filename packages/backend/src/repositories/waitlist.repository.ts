import type { Db } from "../db/database.js";
import type { WaitlistEntry } from "../db/schema.js";
import { containsPattern } from "../lib/like.js";

type Status = WaitlistEntry["status"];

export class WaitlistRepository {
  constructor(private readonly db: Db) {}

  findByEmailForUpdate(email: string, db: Db): Promise<WaitlistEntry | undefined> {
    return db.selectFrom("waitlist_entries").selectAll().where("email", "=", email).forUpdate().executeTakeFirst();
  }

  findById(id: string, db: Db = this.db, opts: { forUpdate?: boolean } = {}): Promise<WaitlistEntry | undefined> {
    const query = db.selectFrom("waitlist_entries").selectAll().where("id", "=", id);
    return (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  findByTokenHash(hash: string): Promise<WaitlistEntry | undefined> {
    return this.db
      .selectFrom("waitlist_entries")
      .selectAll()
      .where("confirmation_token_hash", "=", hash)
      .executeTakeFirst();
  }

  /** Inserts a new entry, or refreshes the token of one still waiting for its email confirmation. */
  upsertPending(
    entry: { email: string; marketingConsent: boolean; tokenHash: string; expiresAt: Date },
    db: Db = this.db,
  ): Promise<WaitlistEntry> {
    return db
      .insertInto("waitlist_entries")
      .values({
        email: entry.email,
        marketing_consent: entry.marketingConsent,
        confirmation_token_hash: entry.tokenHash,
        confirmation_expires_at: entry.expiresAt,
      })
      .onConflict((oc) =>
        oc
          .column("email")
          .doUpdateSet({
            marketing_consent: entry.marketingConsent,
            confirmation_token_hash: entry.tokenHash,
            confirmation_expires_at: entry.expiresAt,
            updated_at: new Date(),
          })
          .where("waitlist_entries.status", "=", "pending_email_confirmation"),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Confirms the email behind a live token, once: a second use finds nothing to update. */
  confirm(tokenHash: string, db: Db = this.db): Promise<WaitlistEntry | undefined> {
    return db
      .updateTable("waitlist_entries")
      .set({ status: "pending_admin_approval", email_confirmed_at: new Date(), updated_at: new Date() })
      .where("confirmation_token_hash", "=", tokenHash)
      .where("status", "=", "pending_email_confirmation")
      .where("confirmation_expires_at", ">", new Date())
      .returningAll()
      .executeTakeFirst();
  }

  /** Moves an entry from one status to the next only if it is still in the expected one. */
  transition(
    id: string,
    from: Status,
    change: { status: Status; approved_by?: string; approved_at?: Date; rejected_at?: Date },
    db: Db = this.db,
  ): Promise<WaitlistEntry | undefined> {
    return db
      .updateTable("waitlist_entries")
      .set({ ...change, updated_at: new Date() })
      .where("id", "=", id)
      .where("status", "=", from)
      .returningAll()
      .executeTakeFirst();
  }

  async list(filter: { status?: Status; query?: string; limit: number; offset: number }) {
    let query = this.db.selectFrom("waitlist_entries");
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.query) query = query.where("email", "ilike", containsPattern(filter.query));
    const [items, { total }] = await Promise.all([
      query.selectAll().orderBy("created_at").orderBy("id").limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total) };
  }

  /** The sweep: the waitlist entry of the address (with its marketing consent) goes with the account. */
  async deleteByEmail(email: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("waitlist_entries").where("email", "=", email).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
