import { ApiClientError } from "@/lib/api-client";

/** Seconds the server asked us to wait before trying again (429 details), or null. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ApiClientError) || error.status !== 429) return null;
  const seconds = (error.details as { retry_after_s?: unknown } | undefined)?.retry_after_s;
  return typeof seconds === "number" && seconds > 0 ? seconds : null;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/** "in 45 seconds", "in 15 minutes", "in 2 hours": rounded up so the wait is never understated. */
export function formatRetryAfter(seconds: number): string {
  if (seconds < 60) return relative.format(Math.ceil(seconds), "second");
  if (seconds < 3600) return relative.format(Math.ceil(seconds / 60), "minute");
  return relative.format(Math.ceil(seconds / 3600), "hour");
}

/** The sentence to show for a rate-limited request. */
export function rateLimitMessage(error: unknown): string | null {
  if (!(error instanceof ApiClientError) || error.status !== 429) return null;
  const seconds = retryAfterSeconds(error);
  return seconds === null
    ? "Too many attempts. Wait a moment and try again."
    : `Too many attempts. You can try again ${formatRetryAfter(seconds)}.`;
}
