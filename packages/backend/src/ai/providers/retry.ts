import { APICallError } from "ai";
import { sleep } from "../../lib/sleep.js";

export interface RetryOptions {
  retries: number;
  signal?: AbortSignal;
  baseMs?: number;
  maxMs?: number;
  onRetry?: (attempt: number, err: unknown, waitMs: number) => void;
}

/** A provider failure said in a sentence a person can act on, never a stack trace. */
export class ProviderFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProviderFailure";
  }
}

const isTimeout = (err: unknown) =>
  err instanceof Error && (err.name === "TimeoutError" || /timed? ?out/i.test(err.message));

export function retryable(err: unknown): boolean {
  if (APICallError.isInstance(err)) return err.isRetryable || err.statusCode === 429 || (err.statusCode ?? 0) >= 500;
  return isTimeout(err);
}

export function describeProviderError(err: unknown): string {
  if (APICallError.isInstance(err)) {
    if (err.statusCode === 429)
      return "The language model provider is limiting requests right now. Try again in a minute.";
    if (err.statusCode === 401 || err.statusCode === 403) {
      return "The language model provider refused the server's credentials. An administrator should check the API key.";
    }
    if ((err.statusCode ?? 0) >= 500)
      return `The language model provider had a problem (HTTP ${err.statusCode}). Try again shortly.`;
    return `The language model provider refused the request (HTTP ${err.statusCode ?? "error"}).`;
  }
  if (isTimeout(err)) return "The language model did not answer in time. Try again, or pick a faster model.";
  return "The language model could not be reached. Try again shortly.";
}

function retryAfterMs(err: unknown): number | undefined {
  if (!APICallError.isInstance(err)) return undefined;
  const header = err.responseHeaders?.["retry-after"];
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * Calls the provider, retrying 429s, 5xx and timeouts with exponential back-off and full jitter (or the
 * provider's Retry-After), then gives up with a ProviderFailure that says what happened.
 */
export async function withProviderRetries<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, signal, baseMs = 1000, maxMs = 20_000 } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!retryable(err)) {
        // A refusal by the provider is said in words; anything else (a malformed answer) is the caller's to handle.
        throw APICallError.isInstance(err) ? new ProviderFailure(describeProviderError(err), { cause: err }) : err;
      }
      if (attempt >= retries) throw new ProviderFailure(describeProviderError(err), { cause: err });
      const wait = Math.min(maxMs, retryAfterMs(err) ?? Math.random() * baseMs * 2 ** attempt);
      options.onRetry?.(attempt + 1, err, wait);
      await sleep(wait, signal);
    }
  }
}
