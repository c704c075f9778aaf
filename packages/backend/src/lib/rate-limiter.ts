import type { Redis } from "./redis.js";

/** A named counter: `limit` hits per `windowMs` for each value it is keyed on. */
export interface RateLimitSpec {
  name: string;
  limit: number;
  windowMs: number;
  /**
   * Count only the requests that fail: a hit is given back when the handler succeeds. For a limit that
   * guards one account against guessing, where the owner's own sign-ins must never lock them out.
   */
  failuresOnly?: boolean;
  /** Past the limit, answer this much later instead of refusing: slows guessing without locking anyone out. */
  slowDownMs?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterS: number;
}

/** Fixed-window counters; the Redis one is shared by every API instance. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  /** Takes back one hit within the current window (never below zero, never renewing an expired one). */
  giveBack(key: string): Promise<void>;
}

// INCR and the first PEXPIRE in one step, so a counter can never be left without expiry.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

// Only a counter that still exists is decremented, so a give-back cannot outlive its window.
const GIVE_BACK_SCRIPT = `
if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [number, number];
    return { allowed: count <= limit, retryAfterS: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async giveBack(key: string): Promise<void> {
    await this.redis.eval(GIVE_BACK_SCRIPT, 1, this.prefix + key);
  }
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    window.count += 1;
    return { allowed: window.count <= limit, retryAfterS: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  async giveBack(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (window && window.resetAt > Date.now() && window.count > 0) window.count -= 1;
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
