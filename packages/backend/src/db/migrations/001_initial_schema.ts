import { sql, type Kysely } from "kysely";

// The chat domain. Ownership foreign keys to users are added by 002, which creates users.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE chat_item_role AS ENUM ('user', 'assistant');

    CREATE TABLE chat_contexts (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id UUID NOT NULL,
      name VARCHAR(255) NOT NULL DEFAULT 'New chat',
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_chat_contexts_owner_updated ON chat_contexts(owner_id, updated_at DESC);

    CREATE TABLE chat_items (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      chat_context_id UUID NOT NULL REFERENCES chat_contexts(id) ON DELETE CASCADE,
      owner_id UUID NOT NULL,
      role chat_item_role NOT NULL,
      item_type VARCHAR(50) NOT NULL DEFAULT 'message',
      content JSONB NOT NULL DEFAULT '[]'::jsonb,
      state VARCHAR(30) NOT NULL DEFAULT 'complete',
      rating SMALLINT CHECK (rating IN (-1, 0, 1)),
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_chat_items_context_created ON chat_items(chat_context_id, created_at);
    CREATE INDEX idx_chat_items_owner ON chat_items(owner_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE chat_items; DROP TABLE chat_contexts; DROP TYPE chat_item_role;`.execute(db);
}
