import { z } from "zod";
import { singleLineText } from "./text.js";

/**
 * What makes two addresses the same account: trimmed, NFKC-normalised (so full-width and other compatibility
 * forms fold into one) and lower-cased. Rate limits key on it too, so no variant of an address escapes them.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFKC").toLowerCase();
}

export const EmailSchema = z
  .string({ error: "Enter your email address." })
  .overwrite(normalizeEmail)
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

// NIST SP 800-63B: length over composition rules, and no well-known passwords.
const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "iloveyou12",
  "letmein123",
  "welcome123",
  "administrator",
  "passw0rd123",
  "abc1234567",
  "chat3d1234",
]);

export const PasswordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters.")
  .max(128, "Use at most 128 characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common; choose another.")
  .refine((p) => new Set(p).size >= 4, "Use a less repetitive password.");

export const UserRoleSchema = z.enum(["admin", "user"]);
export const UserStatusSchema = z.enum(["active", "deactivated", "pending_registration"]);
export type UserRole = z.infer<typeof UserRoleSchema>;
export type UserStatus = z.infer<typeof UserStatusSchema>;

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  display_name: z.string().nullable(),
  role: UserRoleSchema,
  status: UserStatusSchema,
  /** False for an open sign-up until its address is confirmed by the emailed link. */
  email_confirmed: z.boolean(),
  created_at: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/** Days an open sign-up has to confirm its address before the daily sweep removes the account. */
export const UNCONFIRMED_ACCOUNT_DAYS = 7;
/** The error code of what an account may do only once its address is confirmed (invite, share, export). */
export const EMAIL_UNCONFIRMED = "email_unconfirmed";

export const RegisterRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  display_name: singleLineText(100).optional(),
  registration_token: z.string().min(20).max(200).optional(),
});
export type RegisterRequest = z.input<typeof RegisterRequestSchema>;

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(128),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

/** Browsers use the HttpOnly cookies; `access_token` is for API clients that send `Authorization: Bearer`. */
export const AuthResponseSchema = z.object({
  user: UserSchema,
  access_token: z.string(),
  expires_in: z.number().int(),
});
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const MeResponseSchema = z.object({ user: UserSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const RefreshRequestSchema = z.object({ refresh_token: z.string().min(20).max(200).optional() });

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });
export type PasswordResetRequest = z.input<typeof PasswordResetRequestSchema>;

/** The same answer for every address, so the form cannot tell who has an account. */
export const CheckYourEmailSchema = z.object({ status: z.literal("check_your_email"), message: z.string() });
export const PasswordResetRequestedSchema = CheckYourEmailSchema;
/** An open sign-up gets this answer whether or not the address already has an account. */
export const RegistrationAcceptedSchema = CheckYourEmailSchema;

export const AccountActionTypeSchema = z.enum([
  "password_reset",
  "email_change",
  "data_export",
  "account_delete",
  "account_reactivate",
  "email_change_revert",
  "email_confirm",
]);
export type AccountActionType = z.infer<typeof AccountActionTypeSchema>;

/** What a confirmation link will do, shown before the person confirms. */
export const AccountActionStatusSchema = z.enum(["pending", "completed", "expired", "cancelled"]);
/** Where a registration link came from (stored with its token). */
export const RegistrationTokenSourceSchema = z.enum(["waitlist", "admin_invite", "user_invite"]);

export const AccountActionPreviewSchema = z.object({
  action_type: AccountActionTypeSchema,
  /** The account's address (for an undo link: the address it restores). */
  email: z.string(),
  /** An email change: the address the account moves to. */
  new_email: z.string().nullable(),
  status: AccountActionStatusSchema,
  expires_at: z.string().nullable(),
});
export type AccountActionPreview = z.infer<typeof AccountActionPreviewSchema>;

export const ConfirmAccountActionRequestSchema = z.object({
  token: z.string().min(20).max(200),
  /** The kind of action the page showed; a token of another kind is refused and stays unspent. */
  action_type: AccountActionTypeSchema.optional(),
  new_password: PasswordSchema.optional(),
});
export type ConfirmAccountActionRequest = z.input<typeof ConfirmAccountActionRequestSchema>;

/** What the sign-up pages need to know before anyone signs in: whether registration is open to everyone. */
export const RegistrationPolicySchema = z.object({ waitlist_enabled: z.boolean() });
export type RegistrationPolicy = z.infer<typeof RegistrationPolicySchema>;
