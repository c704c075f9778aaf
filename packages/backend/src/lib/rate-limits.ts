import type { RateLimitSpec } from "./rate-limiter.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every rate limit of the API in one place, so no two share a counter by accident (a test checks that the
 * names are distinct). Per-email limits key on the email as the shared schema normalises it.
 */
export const RATE_LIMITS = {
  registerPerIp: { name: "register:ip", limit: 10, windowMs: HOUR },
  confirmEmailResendPerUser: { name: "confirm-email-resend:user", limit: 5, windowMs: HOUR },
  loginPerIp: { name: "login:ip", limit: 30, windowMs: 15 * MINUTE },
  // Failed sign-ins only, so the owner signing in on many devices never counts. Guessing from one address is
  // stopped; guessing from many is slowed, since refusing it would let anyone lock the owner out.
  loginPerEmailAndIp: { name: "login:email-ip", limit: 10, windowMs: 15 * MINUTE, failuresOnly: true },
  loginPerEmail: { name: "login:email", limit: 10, windowMs: 15 * MINUTE, failuresOnly: true, slowDownMs: 2_000 },
  forgotPasswordPerIp: { name: "forgot-password:ip", limit: 10, windowMs: HOUR },
  forgotPasswordPerEmail: { name: "forgot-password:email", limit: 3, windowMs: HOUR },
  adminResetPerUser: { name: "admin-reset:user", limit: 3, windowMs: HOUR },
  adminResetPerIp: { name: "admin-reset:ip", limit: 30, windowMs: HOUR },
  confirmLinkPerIp: { name: "confirm-link:ip", limit: 30, windowMs: HOUR },
  waitlistJoinPerIp: { name: "waitlist-join:ip", limit: 10, windowMs: HOUR },
  waitlistJoinPerEmail: { name: "waitlist-join:email", limit: 3, windowMs: HOUR },
  waitlistConfirmPerIp: { name: "waitlist-confirm:ip", limit: 30, windowMs: HOUR },
  invitePerUser: { name: "invite:user", limit: 30, windowMs: HOUR },
  changeEmailPerUser: { name: "change-email:user", limit: 5, windowMs: HOUR },
  exportPerUser: { name: "export-data:user", limit: 3, windowMs: HOUR },
  deleteAccountPerUser: { name: "delete-account:user", limit: 5, windowMs: HOUR },
  reactivatePerIp: { name: "reactivate:ip", limit: 10, windowMs: HOUR },
  reactivatePerEmail: { name: "reactivate:email", limit: 3, windowMs: HOUR },
  passwordChangePerUser: { name: "password-change:user", limit: 10, windowMs: HOUR },
  shareCreatePerUser: { name: "share-create:user", limit: 60, windowMs: HOUR },
  tokenCreatePerUser: { name: "token-create:user", limit: 20, windowMs: HOUR },
  /** A shared page fetches its version and a few files per view. */
  sharedPerIp: { name: "shared:ip", limit: 300, windowMs: 15 * MINUTE },
  sessionRevokePerUser: { name: "session-revoke:user", limit: 60, windowMs: HOUR },
} satisfies Record<string, RateLimitSpec>;

/** Keys shared by many routes. */
export const byIp = (ctx: { ip: string | null }) => ctx.ip ?? undefined;
export const byEmail = (ctx: { body: { email: string } }) => ctx.body.email;
export const byEmailAndIp = (ctx: { body: { email: string }; ip: string | null }) =>
  `${ctx.body.email} ${ctx.ip ?? "-"}`;
export const byUser = (ctx: { user: { id: string } }) => ctx.user.id;
