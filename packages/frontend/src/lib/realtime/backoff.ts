export type Backoff = {
  /** Delay before the first retry. */
  baseMs: number;
  /** Longest delay between two retries. */
  capMs: number;
};

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, capMs: 30_000 };

/**
 * How long to wait before retry number `attempt` (0 for the first): doubling from `baseMs` up to `capMs`,
 * spread ±25% so the tabs dropped by one server restart do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, { baseMs, capMs }: Backoff, random: () => number = Math.random): number {
  const exponential = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(Math.min(capMs, exponential * (0.75 + random() * 0.5)));
}
