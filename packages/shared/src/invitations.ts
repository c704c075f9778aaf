import { z } from "zod";
import { EmailSchema } from "./auth.js";
import { PageQuerySchema, paginated } from "./pagination.js";

export const InvitationStatusSchema = z.enum([
  "pending",
  "waitlisted",
  "registration_sent",
  "accepted",
  "expired",
  "revoked",
]);
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

export const InvitationSchema = z.object({
  id: z.uuid(),
  invitee_email: z.string(),
  status: InvitationStatusSchema,
  created_at: z.string(),
  updated_at: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationQuotaSchema = z.object({
  /** null: unlimited (admins). Revoked invitations do not count. */
  limit: z.number().int().nullable(),
  used: z.number().int(),
  remaining: z.number().int().nullable(),
});

export const InvitationListSchema = z.object({
  items: z.array(InvitationSchema),
  quota: InvitationQuotaSchema,
  invitations_enabled: z.boolean(),
  waitlist_required: z.boolean(),
});
export type InvitationList = z.infer<typeof InvitationListSchema>;

export const CreateInvitationsRequestSchema = z.object({
  emails: z
    .array(EmailSchema)
    .min(1, "Enter at least one email address.")
    .max(20, "Invite at most 20 people at once.")
    .refine((emails) => new Set(emails).size === emails.length, "Each email address only once."),
});
export type CreateInvitationsRequest = z.input<typeof CreateInvitationsRequestSchema>;

export const CreateInvitationsResponseSchema = z.object({
  results: z.array(
    z.object({
      email: z.string(),
      outcome: z.enum(["invited", "already_invited", "quota_exceeded"]),
      invitation: InvitationSchema.optional(),
    }),
  ),
  quota: InvitationQuotaSchema,
});
export type CreateInvitationsResponse = z.infer<typeof CreateInvitationsResponseSchema>;

/** A row of the admin invitations table: the invitation and who sent it. */
export const AdminInvitationSchema = InvitationSchema.extend({
  inviter: z.object({ id: z.uuid(), email: z.string(), display_name: z.string().nullable() }),
});
export type AdminInvitation = z.infer<typeof AdminInvitationSchema>;

export const AdminInvitationQuerySchema = PageQuerySchema.extend({
  status: InvitationStatusSchema.optional(),
  /** Part of the invitee's email address. */
  query: z.string().trim().max(200).optional(),
});
export type AdminInvitationQuery = z.input<typeof AdminInvitationQuerySchema>;
export const AdminInvitationListSchema = paginated(AdminInvitationSchema);
export type AdminInvitationList = z.infer<typeof AdminInvitationListSchema>;
