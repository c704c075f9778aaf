import { z } from "zod";
import { EmailSchema } from "./auth.js";
import { PageQuerySchema, paginated } from "./pagination.js";

export const WaitlistStatusSchema = z.enum([
  "pending_email_confirmation",
  "pending_admin_approval",
  "approved",
  "rejected",
]);
export type WaitlistStatus = z.infer<typeof WaitlistStatusSchema>;

export const WaitlistJoinRequestSchema = z.object({
  email: EmailSchema,
  marketing_consent: z.boolean().default(false),
});
export type WaitlistJoinRequest = z.input<typeof WaitlistJoinRequestSchema>;

/** The same answer whether or not the email was known, so the form reveals nothing about other people. */
export const WaitlistJoinResponseSchema = z.object({ status: z.literal("check_your_email"), message: z.string() });

export const EmailTokenSchema = z.object({ token: z.string().min(20).max(200) });

/** What opening a confirmation link would do, shown before the person confirms. */
export const WaitlistConfirmationPreviewSchema = z.object({
  email: z.string(),
  status: WaitlistStatusSchema,
  expired: z.boolean(),
});
export type WaitlistConfirmationPreview = z.infer<typeof WaitlistConfirmationPreviewSchema>;

export const WaitlistTokenStatusSchema = z.object({
  email: z.string(),
  status: WaitlistStatusSchema,
  marketing_consent: z.boolean(),
  created_at: z.string(),
});
export type WaitlistTokenStatus = z.infer<typeof WaitlistTokenStatusSchema>;

export const WaitlistStatusResponseSchema = z.union([
  z.object({ known: z.literal(true), entry: WaitlistTokenStatusSchema }),
  z.object({ known: z.literal(false), message: z.string() }),
]);
export type WaitlistStatusResponse = z.infer<typeof WaitlistStatusResponseSchema>;

export const WaitlistEntrySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  marketing_consent: z.boolean(),
  status: WaitlistStatusSchema,
  email_confirmed_at: z.string().nullable(),
  approved_at: z.string().nullable(),
  rejected_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntrySchema>;

export const AdminWaitlistQuerySchema = PageQuerySchema.extend({
  status: WaitlistStatusSchema.optional(),
  query: z.string().trim().max(200).optional(),
});
export const AdminWaitlistListSchema = paginated(WaitlistEntrySchema);
export type AdminWaitlistList = z.infer<typeof AdminWaitlistListSchema>;

export const WaitlistBulkRequestSchema = z.object({
  action: z.enum(["approve", "reject"]),
  ids: z.array(z.uuid()).min(1, "Select at least one entry.").max(100, "Select at most 100 entries."),
});
export const WaitlistBulkResponseSchema = z.object({
  results: z.array(
    z.object({ id: z.uuid(), ok: z.boolean(), entry: WaitlistEntrySchema.optional(), error: z.string().optional() }),
  ),
});
export type WaitlistBulkResponse = z.infer<typeof WaitlistBulkResponseSchema>;
