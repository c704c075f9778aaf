import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE user_role AS ENUM ('admin', 'user');
    CREATE TYPE user_status AS ENUM ('active', 'deactivated', 'pending_registration');

    CREATE TABLE users (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      email VARCHAR(255) UNIQUE NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      display_name VARCHAR(255),
      role user_role NOT NULL DEFAULT 'user',
      status user_status NOT NULL DEFAULT 'active',
      deactivated_until TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_users_role ON users(role);
    CREATE INDEX idx_users_status ON users(status);

    ALTER TABLE chat_contexts
      ADD CONSTRAINT chat_contexts_owner_fk FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE CASCADE;
    ALTER TABLE chat_items
      ADD CONSTRAINT chat_items_owner_fk FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE CASCADE;

    CREATE TABLE app_settings (
      id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id = TRUE),
      waitlist_enabled BOOLEAN NOT NULL DEFAULT FALSE,
      invitations_enabled BOOLEAN NOT NULL DEFAULT TRUE,
      invitation_waitlist_required BOOLEAN NOT NULL DEFAULT FALSE,
      invitation_quota_per_user INTEGER NOT NULL DEFAULT 3 CHECK (invitation_quota_per_user >= 0),
      updated_by UUID REFERENCES users(id) ON DELETE SET NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );

    CREATE TYPE waitlist_status AS ENUM ('pending_email_confirmation', 'pending_admin_approval', 'approved', 'rejected');

    CREATE TABLE waitlist_entries (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      email VARCHAR(255) UNIQUE NOT NULL,
      marketing_consent BOOLEAN NOT NULL DEFAULT FALSE,
      email_confirmed_at TIMESTAMPTZ,
      status waitlist_status NOT NULL DEFAULT 'pending_email_confirmation',
      approved_by UUID REFERENCES users(id) ON DELETE SET NULL,
      approved_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_waitlist_entries_status_created ON waitlist_entries(status, created_at);

    CREATE TYPE registration_token_source AS ENUM ('waitlist', 'admin_invite', 'user_invite');

    CREATE TABLE registration_tokens (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash VARCHAR(255) UNIQUE NOT NULL,
      email VARCHAR(255) NOT NULL,
      source registration_token_source NOT NULL,
      invited_by_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
      max_uses INTEGER NOT NULL DEFAULT 1,
      used_count INTEGER NOT NULL DEFAULT 0,
      expires_at TIMESTAMPTZ,
      consumed_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
    );
    CREATE INDEX idx_registration_tokens_email ON registration_tokens(email);

    CREATE TYPE invitation_status AS ENUM ('pending', 'waitlisted', 'registration_sent', 'accepted', 'expired', 'revoked');

    CREATE TABLE invitations (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      inviter_user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      invitee_email VARCHAR(255) NOT NULL,
      status invitation_status NOT NULL DEFAULT 'pending',
      registration_token_id UUID REFERENCES registration_tokens(id) ON DELETE SET NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
      UNIQUE (inviter_user_id, invitee_email)
    );
    CREATE INDEX idx_invitations_inviter ON invitations(inviter_user_id);
    CREATE INDEX idx_invitations_email ON invitations(invitee_email);

    INSERT INTO app_settings (id) VALUES (TRUE) ON CONFLICT (id) DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE invitations; DROP TYPE invitation_status;
    DROP TABLE registration_tokens; DROP TYPE registration_token_source;
    DROP TABLE waitlist_entries; DROP TYPE waitlist_status;
    DROP TABLE app_settings;
    ALTER TABLE chat_items DROP CONSTRAINT chat_items_owner_fk;
    ALTER TABLE chat_contexts DROP CONSTRAINT chat_contexts_owner_fk;
    DROP TABLE users; DROP TYPE user_status; DROP TYPE user_role;
  `.execute(db);
}
