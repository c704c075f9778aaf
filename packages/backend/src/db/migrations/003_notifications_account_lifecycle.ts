import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE account_action_type AS ENUM ('password_reset', 'email_change', 'data_export', 'account_delete', 'account_reactivate');
    CREATE TYPE account_action_status AS ENUM ('pending', 'completed', 'expired', 'cancelled');

    CREATE TABLE account_actions (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      action_type account_action_type NOT NULL,
      token_hash VARCHAR(255) UNIQUE NOT NULL,
      payload JSONB NOT NULL DEFAULT '{}'::jsonb,
      status account_action_status NOT NULL DEFAULT 'pending',
      expires_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_account_actions_user ON account_actions(user_id);

    CREATE TABLE notifications (
      id BIGSERIAL PRIMARY KEY,
      user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      event_type VARCHAR(100) NOT NULL,
      payload JSONB NOT NULL,
      read_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_notifications_user_created ON notifications(user_id, created_at DESC);
    -- The unread badge counts these on every page load.
    CREATE INDEX idx_notifications_user_unread ON notifications(user_id) WHERE read_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notifications;
    DROP TABLE account_actions; DROP TYPE account_action_status; DROP TYPE account_action_type;
  `.execute(db);
}
