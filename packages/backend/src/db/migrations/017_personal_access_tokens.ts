import { sql, type Kysely } from "kysely";

// Personal access tokens for scripts and agents: only the secret's SHA-256 is kept; a revoked or expired
// row stays, so its owner and the admins still see what it was.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE access_tokens (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name VARCHAR(100) NOT NULL,
      prefix VARCHAR(20) NOT NULL,
      token_hash CHAR(64) UNIQUE NOT NULL,
      scopes VARCHAR(10)[] NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      last_used_at TIMESTAMPTZ,
      expires_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ
    );
    CREATE INDEX idx_access_tokens_user ON access_tokens(user_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE access_tokens`.execute(db);
}
