import { sql, type Kysely } from "kysely";

// An open sign-up proves its address by a link before it may invite, share or receive exports; accounts from an
// invitation or waitlist link, the admin bootstrap and every account made before this are confirmed already.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TYPE account_action_type ADD VALUE IF NOT EXISTS 'email_confirm'`.execute(db);
  await sql`
    ALTER TABLE users ADD COLUMN email_confirmed_at TIMESTAMPTZ;
    UPDATE users SET email_confirmed_at = created_at;
    -- The daily sweep looks for sign-ups left unconfirmed past their days.
    CREATE INDEX idx_users_unconfirmed ON users(created_at) WHERE email_confirmed_at IS NULL AND deleted_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL cannot drop an enum value; 'email_confirm' stays, unused.
  await sql`
    DROP INDEX idx_users_unconfirmed;
    ALTER TABLE users DROP COLUMN email_confirmed_at;
  `.execute(db);
}
