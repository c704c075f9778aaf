import { z } from "zod";
import { EmailSchema, PasswordSchema } from "./auth.js";
import { singleLineText } from "./text.js";

/** The password the person signs in with, asked again before a change that could lock them out. */
export const CurrentPasswordSchema = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(128);

export const UpdateProfileRequestSchema = z.strictObject({
  /** null clears the name. */
  display_name: singleLineText(100).nullable(),
});
export type UpdateProfileRequest = z.input<typeof UpdateProfileRequestSchema>;

export const ChangePasswordRequestSchema = z.object({
  current_password: CurrentPasswordSchema,
  new_password: PasswordSchema,
});
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>;

/** How many other sessions a change signed out. */
export const RevokedSessionsSchema = z.object({ revoked: z.number().int() });

export const EmailChangeRequestSchema = z.object({
  new_email: EmailSchema,
  current_password: CurrentPasswordSchema,
});
export type EmailChangeRequest = z.input<typeof EmailChangeRequestSchema>;

export const DeleteAccountRequestSchema = z.object({ current_password: CurrentPasswordSchema });
export type DeleteAccountRequest = z.input<typeof DeleteAccountRequestSchema>;

/** Signed out (a deactivated account cannot sign in): the answer is the same for every address. */
export const ReactivateRequestSchema = z.object({ email: EmailSchema });
export type ReactivateRequest = z.input<typeof ReactivateRequestSchema>;

/** The `details` of a sign-in refused with `account_pending_deletion` (the password was right). */
export const PendingDeletionDetailsSchema = z.object({ deactivated_until: z.string() });

/** The days a deleted account can still be reactivated before it is anonymised. */
export const DELETION_GRACE_DAYS = 30;

export const SessionSchema = z.object({
  id: z.uuid(),
  /** "Firefox on Linux", read from the user agent. */
  device: z.string(),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  created_at: z.string(),
  last_seen_at: z.string(),
  /** The session this request came from. */
  current: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionSchema) });
export type SessionList = z.infer<typeof SessionListSchema>;

export const DataExportStatusSchema = z.enum(["building", "ready", "failed"]);
export type DataExportStatus = z.infer<typeof DataExportStatusSchema>;

export const DataExportSchema = z.object({
  id: z.uuid(),
  status: DataExportStatusSchema,
  bytes: z.number().int().nullable(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
  /** After this the archive is deleted and the download answers 404. */
  expires_at: z.string(),
});
export type DataExport = z.infer<typeof DataExportSchema>;
export const DataExportListSchema = z.object({ items: z.array(DataExportSchema) });
export type DataExportList = z.infer<typeof DataExportListSchema>;
