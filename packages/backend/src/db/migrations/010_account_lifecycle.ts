import { sql, type Kysely } from "kysely";

// Account lifecycle: data exports, the anonymised state after the deletion window, and the link that lets
// the old address undo an email change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TYPE account_action_type ADD VALUE IF NOT EXISTS 'email_change_revert'`.execute(db);
  await sql`
    -- Set when the deletion sweep anonymised the account: the row stays for the audit trail's references.
    ALTER TABLE users ADD COLUMN deleted_at TIMESTAMPTZ;
    CREATE INDEX idx_users_deletion_due ON users(deactivated_until)
      WHERE status = 'deactivated' AND deleted_at IS NULL AND deactivated_until IS NOT NULL;

    CREATE TYPE data_export_status AS ENUM ('building', 'ready', 'failed');
    CREATE TABLE data_exports (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      status data_export_status NOT NULL DEFAULT 'building',
      storage_key VARCHAR(500),
      size_bytes BIGINT,
      sha256 CHAR(64),
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      completed_at TIMESTAMPTZ,
      expires_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX idx_data_exports_user ON data_exports(user_id, created_at DESC);
    CREATE INDEX idx_data_exports_expiry ON data_exports(expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL cannot drop an enum value; 'email_change_revert' stays, unused.
  await sql`
    DROP TABLE data_exports; DROP TYPE data_export_status;
    DROP INDEX idx_users_deletion_due;
    ALTER TABLE users DROP COLUMN deleted_at;
  `.execute(db);
}
