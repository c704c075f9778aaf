import { sql, type Kysely } from "kysely";

// The waitlist's email-confirmation token (hash only): single-use for confirming, and the holder's key to
// read the entry's status afterwards.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE waitlist_entries
      ADD COLUMN confirmation_token_hash VARCHAR(64) UNIQUE,
      ADD COLUMN confirmation_expires_at TIMESTAMPTZ,
      ADD COLUMN rejected_at TIMESTAMPTZ;
    CREATE INDEX idx_invitations_inviter_status ON invitations(inviter_user_id, status);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX idx_invitations_inviter_status;
    ALTER TABLE waitlist_entries DROP COLUMN confirmation_token_hash, DROP COLUMN confirmation_expires_at, DROP COLUMN rejected_at;
  `.execute(db);
}
