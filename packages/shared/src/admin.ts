import { z } from "zod";
import { UserRoleSchema, UserSchema, UserStatusSchema } from "./auth.js";
import { PageQuerySchema, paginated } from "./pagination.js";

export const AdminUserSchema = UserSchema.extend({
  updated_at: z.string(),
  /** Until then a deleted account can be reactivated; null for an account an admin deactivated. */
  deactivated_until: z.string().nullable(),
  /** This person's own AI limits; null: the server's defaults apply. */
  daily_query_limit: z.number().int().nullable(),
  monthly_cost_cap_usd: z.number().nullable(),
  /** When the deletion sweep anonymised the account: it can no longer be reactivated. */
  deleted_at: z.string().nullable(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUserListQuerySchema = PageQuerySchema.extend({
  query: z.string().trim().max(200).optional(),
  role: UserRoleSchema.optional(),
  status: UserStatusSchema.optional(),
});
export type AdminUserListQuery = z.input<typeof AdminUserListQuerySchema>;

/** What a person used this calendar month (UTC): AI questions, renders (versions made) and the AI's cost. */
export const AdminUserUsageSchema = z.object({
  queries_this_month: z.number().int(),
  renders_this_month: z.number().int(),
  cost_this_month_usd: z.number(),
});
export type AdminUserUsage = z.infer<typeof AdminUserUsageSchema>;

/** A row of the admin users table: the user and their usage this month. */
export const AdminUserListItemSchema = AdminUserSchema.extend({ usage: AdminUserUsageSchema });
export type AdminUserListItem = z.infer<typeof AdminUserListItemSchema>;

export const AdminUserListSchema = paginated(AdminUserListItemSchema);
export type AdminUserList = z.infer<typeof AdminUserListSchema>;

/** Limits on the AI: questions a day, and cost a month in USD; null is no limit. */
const DailyQueryLimitSchema = z.number().int().min(0, "Use 0 or more.").max(100_000).nullable();
const MonthlyCostCapSchema = z.number().min(0, "Use 0 or more.").max(1_000_000).nullable();

export const AppSettingsSchema = z.object({
  waitlist_enabled: z.boolean(),
  invitations_enabled: z.boolean(),
  invitation_waitlist_required: z.boolean(),
  invitation_quota_per_user: z.number().int().min(0),
  daily_query_limit: DailyQueryLimitSchema,
  monthly_cost_cap_usd: MonthlyCostCapSchema,
  updated_at: z.string(),
  updated_by: z.uuid().nullable(),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const AppSettingsPatchSchema = z
  .strictObject({
    waitlist_enabled: z.boolean(),
    invitations_enabled: z.boolean(),
    invitation_waitlist_required: z.boolean(),
    invitation_quota_per_user: z.number().int().min(0, "Use 0 or more.").max(1000, "Use at most 1000."),
    daily_query_limit: DailyQueryLimitSchema,
    monthly_cost_cap_usd: MonthlyCostCapSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "Change at least one setting.");
export type AppSettingsPatch = z.infer<typeof AppSettingsPatchSchema>;

export const AuditLogEntrySchema = z.object({
  id: z.string(),
  actor: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  action: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  created_at: z.string(),
});
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export const AuditLogQuerySchema = PageQuerySchema.extend({ action: z.string().max(100).optional() });
export const AuditLogListSchema = paginated(AuditLogEntrySchema);
export type AuditLogList = z.infer<typeof AuditLogListSchema>;

export const UserLimitsPatchSchema = z.strictObject({
  daily_query_limit: z.number().int().min(0, "Use 0 or more.").max(100_000).nullable(),
  monthly_cost_cap_usd: z.number().min(0, "Use 0 or more.").max(1_000_000).nullable(),
});
export type UserLimitsPatch = z.infer<typeof UserLimitsPatchSchema>;

export const IdParamSchema = z.object({ id: z.uuid("Not a valid id.") });

/** The answer of a request whose work happens in the background. */
export const QueuedSchema = z.object({ status: z.literal("queued") });

export const FailedJobSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  attempts: z.number().int(),
  recipient: z.string().nullable(),
  template: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  failed_at: z.string().nullable(),
});
export type FailedJob = z.infer<typeof FailedJobSchema>;
export const FailedJobListSchema = paginated(FailedJobSchema);
export type FailedJobList = z.infer<typeof FailedJobListSchema>;
