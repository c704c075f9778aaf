import type { User } from "../db/schema.js";

/** Deleted by its owner and still inside the grace period: it can be reactivated, by them or an admin. */
export function isPendingDeletion(user: User, now: Date): boolean {
  return (
    user.status === "deactivated" &&
    user.deleted_at === null &&
    user.deactivated_until !== null &&
    user.deactivated_until > now
  );
}
