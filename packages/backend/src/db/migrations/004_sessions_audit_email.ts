import { sql, type Kysely } from "kysely";

// Sessions with rotating refresh tokens, the admin audit trail, and the email idempotency ledger.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sessions (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      user_agent VARCHAR(255),
      ip VARCHAR(64),
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      last_seen_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      expires_at TIMESTAMPTZ NOT NULL,
      revoked_at TIMESTAMPTZ,
      revoke_reason VARCHAR(50)
    );
    CREATE INDEX idx_sessions_user_active ON sessions(user_id) WHERE revoked_at IS NULL;

    -- One row per refresh token ever issued: a used token presented again reveals a stolen one.
    CREATE TABLE refresh_tokens (
      token_hash VARCHAR(64) PRIMARY KEY,
      session_id UUID NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      used_at TIMESTAMPTZ
    );
    CREATE INDEX idx_refresh_tokens_session ON refresh_tokens(session_id);

    CREATE TABLE audit_log (
      id BIGSERIAL PRIMARY KEY,
      actor_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
      action VARCHAR(100) NOT NULL,
      target_type VARCHAR(50),
      target_id VARCHAR(100),
      before JSONB,
      after JSONB,
      ip VARCHAR(64),
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_audit_log_created ON audit_log(created_at DESC);
    CREATE INDEX idx_audit_log_action ON audit_log(action, created_at DESC);

    CREATE TABLE email_deliveries (
      idempotency_key VARCHAR(200) PRIMARY KEY,
      recipient VARCHAR(255) NOT NULL,
      template VARCHAR(100) NOT NULL,
      message_id VARCHAR(255) NOT NULL,
      sent_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );

    CREATE INDEX idx_users_email_pattern ON users(email varchar_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX idx_users_email_pattern;
    DROP TABLE email_deliveries; DROP TABLE audit_log; DROP TABLE refresh_tokens; DROP TABLE sessions;
  `.execute(db);
}
