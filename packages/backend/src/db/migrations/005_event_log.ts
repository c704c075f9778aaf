import { sql, type Kysely } from "kysely";

// Every event pushed to browsers, kept for a few days so a reconnecting stream replays what it missed.
// Admin-audience events are stored once (for_admins) rather than once per admin.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE event_log (
      id BIGSERIAL PRIMARY KEY,
      user_id UUID REFERENCES users(id) ON DELETE CASCADE,
      for_admins BOOLEAN NOT NULL DEFAULT FALSE,
      event_type VARCHAR(100) NOT NULL,
      payload JSONB NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      CHECK ((user_id IS NOT NULL) <> for_admins)
    );
    CREATE INDEX idx_event_log_user_id ON event_log(user_id, id) WHERE user_id IS NOT NULL;
    CREATE INDEX idx_event_log_admins_id ON event_log(id) WHERE for_admins;
    CREATE INDEX idx_event_log_created ON event_log(created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE event_log`.execute(db);
}
