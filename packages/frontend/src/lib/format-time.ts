const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const sameYear = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const otherYear = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric" });
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** "just now", "5 minutes ago", "yesterday", then the date ("Mar 4") once it is over a week old. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const then = new Date(iso);
  // A clock a little behind the server's must not say "in 3 seconds".
  const ago = Math.max(0, now - then.getTime());
  if (ago < MINUTE) return "just now";
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), "minute");
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), "hour");
  if (ago < 7 * DAY) return relative.format(-Math.floor(ago / DAY), "day");
  return (then.getFullYear() === new Date(now).getFullYear() ? sameYear : otherYear).format(then);
}

/** "Mar 4, 2026, 2:05 PM" */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const dateOnly = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** "Mar 4, 2026" */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}
