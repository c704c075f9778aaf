import { sql, type Kysely } from "kysely";

// The chat workspace: immutable model versions with their files, typed timeline items in a stable order,
// and chats that know their current version and last activity.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE chat_item_type AS ENUM ('message', 'errormessage', '3dmodel', 'meta');
    CREATE TYPE chat_item_state AS ENUM ('pending', 'complete', 'failed', 'cancelled');
    CREATE TYPE version_source AS ENUM ('render', 'edit', 'parameters', 'restore', 'ai');
    CREATE TYPE result_kind AS ENUM ('solid', '2d');
    CREATE TYPE render_quality AS ENUM ('draft', 'normal', 'fine');
    CREATE TYPE version_file_role AS ENUM ('model', 'code', 'preview');

    CREATE TABLE chat_versions (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      chat_context_id UUID NOT NULL REFERENCES chat_contexts(id) ON DELETE CASCADE,
      owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      number INTEGER NOT NULL,
      source version_source NOT NULL,
      kind result_kind NOT NULL,
      parent_version_id UUID REFERENCES chat_versions(id) ON DELETE CASCADE,
      restored_from_version_id UUID REFERENCES chat_versions(id) ON DELETE CASCADE,
      code TEXT NOT NULL,
      parameters JSONB NOT NULL DEFAULT '{}'::jsonb,
      quality render_quality NOT NULL,
      metrics JSONB NOT NULL,
      timings JSONB NOT NULL,
      warnings JSONB NOT NULL DEFAULT '[]'::jsonb,
      log TEXT NOT NULL DEFAULT '',
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      UNIQUE (chat_context_id, number)
    );
    CREATE INDEX idx_chat_versions_owner ON chat_versions(owner_id);

    -- A version never changes: a new value, a restore or an edit is a new row.
    CREATE FUNCTION chat_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'chat versions are immutable: create a new version instead';
    END $$;
    CREATE TRIGGER chat_versions_no_update BEFORE UPDATE ON chat_versions
      FOR EACH ROW EXECUTE FUNCTION chat_versions_are_immutable();

    ALTER TABLE files
      ADD COLUMN name VARCHAR(255),
      ADD COLUMN chat_context_id UUID REFERENCES chat_contexts(id) ON DELETE CASCADE;
    CREATE INDEX idx_files_chat_context ON files(chat_context_id) WHERE chat_context_id IS NOT NULL;

    CREATE TABLE version_files (
      version_id UUID NOT NULL REFERENCES chat_versions(id) ON DELETE CASCADE,
      file_id UUID NOT NULL REFERENCES files(id) ON DELETE CASCADE,
      role version_file_role NOT NULL,
      format VARCHAR(10) NOT NULL,
      view VARCHAR(10),
      width INTEGER,
      height INTEGER,
      PRIMARY KEY (version_id, file_id)
    );
    CREATE INDEX idx_version_files_file ON version_files(file_id);

    ALTER TABLE chat_items
      ALTER COLUMN item_type DROP DEFAULT,
      ALTER COLUMN item_type TYPE chat_item_type USING item_type::chat_item_type,
      ALTER COLUMN item_type SET DEFAULT 'message',
      ALTER COLUMN state DROP DEFAULT,
      ALTER COLUMN state TYPE chat_item_state USING state::chat_item_state,
      ALTER COLUMN state SET DEFAULT 'complete',
      -- The timeline's order and paging position: timestamps tie within a transaction, this never does.
      ADD COLUMN seq BIGSERIAL,
      ADD COLUMN version_id UUID REFERENCES chat_versions(id) ON DELETE CASCADE;
    DROP INDEX idx_chat_items_context_created;
    CREATE UNIQUE INDEX idx_chat_items_context_seq ON chat_items(chat_context_id, seq);

    ALTER TABLE chat_contexts
      ADD COLUMN last_activity_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      ADD COLUMN current_version_id UUID REFERENCES chat_versions(id) ON DELETE SET NULL;
    DROP INDEX idx_chat_contexts_owner_updated;
    CREATE INDEX idx_chat_contexts_owner_activity ON chat_contexts(owner_id, last_activity_at DESC, id DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX idx_chat_contexts_owner_activity;
    CREATE INDEX idx_chat_contexts_owner_updated ON chat_contexts(owner_id, updated_at DESC);
    ALTER TABLE chat_contexts DROP COLUMN current_version_id, DROP COLUMN last_activity_at;
    DROP INDEX idx_chat_items_context_seq;
    CREATE INDEX idx_chat_items_context_created ON chat_items(chat_context_id, created_at);
    ALTER TABLE chat_items DROP COLUMN version_id, DROP COLUMN seq,
      ALTER COLUMN state DROP DEFAULT, ALTER COLUMN state TYPE VARCHAR(30), ALTER COLUMN state SET DEFAULT 'complete',
      ALTER COLUMN item_type DROP DEFAULT, ALTER COLUMN item_type TYPE VARCHAR(50), ALTER COLUMN item_type SET DEFAULT 'message';
    DROP TABLE version_files;
    ALTER TABLE files DROP COLUMN chat_context_id, DROP COLUMN name;
    DROP TRIGGER chat_versions_no_update ON chat_versions;
    DROP FUNCTION chat_versions_are_immutable();
    DROP TABLE chat_versions;
    DROP TYPE version_file_role; DROP TYPE render_quality; DROP TYPE result_kind; DROP TYPE version_source;
    DROP TYPE chat_item_state; DROP TYPE chat_item_type;
  `.execute(db);
}
