import { EMAIL_UNCONFIRMED } from "@chat3d/shared";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";

/** Deleted by its owner and still inside the grace period: it can be reactivated, by them or an admin. */
export function isPendingDeletion(user: User, now: Date): boolean {
  return (
    user.status === "deactivated" &&
    user.deleted_at === null &&
    user.deactivated_until !== null &&
    user.deactivated_until > now
  );
}

/** Inviting, sharing and exports reach other people or carry the account's data: the address must be proven. */
export function requireConfirmedEmail(user: User, what: string): void {
  if (user.email_confirmed_at) return;
  throw new AppError(
    403,
    EMAIL_UNCONFIRMED,
    `Confirm your email address before you ${what}: open the link we sent you, or ask for a new one.`,
  );
}
