import { sql, type Kysely } from "kysely";

// The AI pipeline: each query is a row whose state the job moves forward (and a reload reads back), with
// its brief, its attempts, its tokens and its cost; chats remember their model choice; admins set limits.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE query_state AS ENUM
      ('queued', 'conversation', 'codegen', 'rendering', 'repairing', 'completed', 'failed', 'cancelled');

    CREATE TABLE chat_queries (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      chat_context_id UUID NOT NULL REFERENCES chat_contexts(id) ON DELETE CASCADE,
      owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      user_item_id UUID REFERENCES chat_items(id) ON DELETE SET NULL,
      answer_item_id UUID REFERENCES chat_items(id) ON DELETE SET NULL,
      state query_state NOT NULL DEFAULT 'queued',
      query TEXT NOT NULL,
      attachments JSONB NOT NULL DEFAULT '[]'::jsonb,
      conversation_model_id VARCHAR(200) NOT NULL,
      codegen_model_id VARCHAR(200) NOT NULL,
      prompt_version VARCHAR(50) NOT NULL,
      brief JSONB,
      answer_text TEXT NOT NULL DEFAULT '',
      attempts JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- The code model's tool calls, in order (rendered, looked, measured, submitted).
      steps JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- Faces the person pointed at in the viewer, sent with the question.
      faces JSONB NOT NULL DEFAULT '[]'::jsonb,
      version_id UUID REFERENCES chat_versions(id) ON DELETE SET NULL,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd NUMERIC(12, 6) NOT NULL DEFAULT 0,
      error TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      finished_at TIMESTAMPTZ
    );
    CREATE INDEX idx_chat_queries_owner_created ON chat_queries(owner_id, created_at);
    CREATE INDEX idx_chat_queries_context ON chat_queries(chat_context_id);
    CREATE INDEX idx_chat_queries_unfinished ON chat_queries(updated_at)
      WHERE state NOT IN ('completed', 'failed', 'cancelled');

    ALTER TABLE chat_contexts
      ADD COLUMN conversation_model_id VARCHAR(200),
      ADD COLUMN codegen_model_id VARCHAR(200);

    -- Limits: the defaults for everyone, and per-person overrides (NULL: the default applies).
    ALTER TABLE app_settings
      ADD COLUMN daily_query_limit INTEGER CHECK (daily_query_limit >= 0),
      ADD COLUMN monthly_cost_cap_usd NUMERIC(12, 4) CHECK (monthly_cost_cap_usd >= 0);
    ALTER TABLE users
      ADD COLUMN daily_query_limit INTEGER CHECK (daily_query_limit >= 0),
      ADD COLUMN monthly_cost_cap_usd NUMERIC(12, 4) CHECK (monthly_cost_cap_usd >= 0);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users DROP COLUMN monthly_cost_cap_usd, DROP COLUMN daily_query_limit;
    ALTER TABLE app_settings DROP COLUMN monthly_cost_cap_usd, DROP COLUMN daily_query_limit;
    ALTER TABLE chat_contexts DROP COLUMN codegen_model_id, DROP COLUMN conversation_model_id;
    DROP TABLE chat_queries;
    DROP TYPE query_state;
  `.execute(db);
}
