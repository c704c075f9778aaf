/** The badge on the bell: the count, up to "99+". */
export function formatUnreadBadge(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** The bell's accessible name, with the real count even when the badge is capped. */
export function notificationsLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}
