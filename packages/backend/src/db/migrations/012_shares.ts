import { sql, type Kysely } from "kysely";

// Read-only links to one model version: only the secret's SHA-256 is kept, and a revoked or expired row
// stays, so its owner still sees what the link was.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE shares (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      version_id UUID NOT NULL REFERENCES chat_versions(id) ON DELETE CASCADE,
      token_hash CHAR(64) UNIQUE NOT NULL,
      include_code BOOLEAN NOT NULL,
      formats VARCHAR(10)[] NOT NULL,
      expires_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_shares_owner ON shares(owner_id, created_at DESC);
    CREATE INDEX idx_shares_version ON shares(version_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE shares`.execute(db);
}
