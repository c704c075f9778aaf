import { notificationKeys } from "./notification-cache";

// Keys other features own; the event stream writes to them, so they are agreed here.
/** The auth feature's query: the signed-in `User`, or null. */
export const authMeKey = ["auth", "me"] as const;
/** The admin feature's settings query: `{ settings: AppSettings }`. */
export const adminSettingsKey = ["admin", "settings"] as const;
/** Prefix of the admin feature's user list queries. */
export const adminUsersKey = ["admin", "users"] as const;
/** The invitations feature's list and the admin waitlist list, kept live by their own events. */
export const invitationsKey = ["invitations"] as const;
export const adminWaitlistKey = ["admin", "waitlist"] as const;

/** What the stream keeps fresh, so what to refetch when events may have been missed. */
export const liveQueryKeys = [
  authMeKey,
  adminSettingsKey,
  adminUsersKey,
  invitationsKey,
  adminWaitlistKey,
  notificationKeys.all,
] as const;
