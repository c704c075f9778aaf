/** Prefix of every notifications query (the list and the unread count): invalidating it refreshes both. */
export const notificationsKey = ["notifications"] as const;
