import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export type UserRole = "admin" | "user";
export type UserStatus = "active" | "deactivated" | "pending_registration";

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string | null;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  deactivated_until: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppSettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  waitlist_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  invitations_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  invitation_waitlist_required: ColumnType<boolean, boolean | undefined, boolean>;
  invitation_quota_per_user: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface WaitlistEntriesTable {
  id: Generated<string>;
  email: string;
  marketing_consent: ColumnType<boolean, boolean | undefined, boolean>;
  email_confirmed_at: NullableTimestamp;
  status: ColumnType<
    "pending_email_confirmation" | "pending_admin_approval" | "approved" | "rejected",
    string | undefined,
    string
  >;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  confirmation_token_hash: string | null;
  confirmation_expires_at: NullableTimestamp;
  rejected_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WaitlistEntry = Selectable<WaitlistEntriesTable>;
export type Invitation = Selectable<InvitationsTable>;
export type RegistrationToken = Selectable<RegistrationTokensTable>;

export interface RegistrationTokensTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  source: "waitlist" | "admin_invite" | "user_invite";
  invited_by_user_id: string | null;
  max_uses: ColumnType<number, number | undefined, number>;
  used_count: ColumnType<number, number | undefined, number>;
  expires_at: NullableTimestamp;
  consumed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  inviter_user_id: string;
  invitee_email: string;
  status: ColumnType<
    "pending" | "waitlisted" | "registration_sent" | "accepted" | "expired" | "revoked",
    string | undefined,
    string
  >;
  registration_token_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountActionsTable {
  id: Generated<string>;
  user_id: string;
  action_type: "password_reset" | "email_change" | "data_export" | "account_delete" | "account_reactivate";
  token_hash: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<"pending" | "completed" | "expired" | "cancelled", string | undefined, string>;
  expires_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: ColumnType<string, never, never>;
  user_id: string;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ChatContextsTable {
  id: Generated<string>;
  owner_id: string;
  name: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChatItemsTable {
  id: Generated<string>;
  chat_context_id: string;
  owner_id: string;
  role: "user" | "assistant";
  item_type: ColumnType<string, string | undefined, string>;
  content: Json<unknown[]>;
  state: ColumnType<string, string | undefined, string>;
  rating: -1 | 0 | 1 | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoke_reason: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
  created_at: Timestamp;
}

export interface EmailDeliveriesTable {
  idempotency_key: string;
  recipient: string;
  template: string;
  message_id: string;
  sent_at: Timestamp;
}

export interface EventLogTable {
  id: ColumnType<string, never, never>;
  user_id: string | null;
  for_admins: ColumnType<boolean, boolean | undefined, never>;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface FilesTable {
  id: Generated<string>;
  owner_id: string;
  key: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
  content_type: string;
  created_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  app_settings: AppSettingsTable;
  waitlist_entries: WaitlistEntriesTable;
  registration_tokens: RegistrationTokensTable;
  invitations: InvitationsTable;
  account_actions: AccountActionsTable;
  notifications: NotificationsTable;
  chat_contexts: ChatContextsTable;
  chat_items: ChatItemsTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  audit_log: AuditLogTable;
  email_deliveries: EmailDeliveriesTable;
  event_log: EventLogTable;
  files: FilesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AppSettings = Selectable<AppSettingsTable>;
