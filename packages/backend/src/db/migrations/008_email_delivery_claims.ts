import { sql, type Kysely } from "kysely";

// The email ledger becomes claim-then-send: a worker claims a key before it talks to SMTP, so two workers
// holding the same job can never both send it. A claim that never turned into a send (the worker died
// mid-send) can be taken over once it is stale.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE email_deliveries
      ADD COLUMN claimed_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      ALTER COLUMN sent_at DROP NOT NULL,
      ALTER COLUMN sent_at DROP DEFAULT;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM email_deliveries WHERE sent_at IS NULL;
    ALTER TABLE email_deliveries
      DROP COLUMN claimed_at,
      ALTER COLUMN sent_at SET DEFAULT NOW(),
      ALTER COLUMN sent_at SET NOT NULL;
  `.execute(db);
}
