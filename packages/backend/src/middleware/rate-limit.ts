import type { Request, RequestHandler } from "express";
import { AppError } from "../errors.js";
import type { RateLimiter } from "../lib/rate-limiter.js";

export interface RateRule {
  /** Names the counter, e.g. "login:ip". */
  name: string;
  limit: number;
  windowMs: number;
  /** The value counted against; undefined skips this rule for the request. */
  key: (req: Request) => string | undefined;
}

/** Counts every rule for the request; any exhausted rule answers 429 with Retry-After. */
export function rateLimit(limiter: RateLimiter, rules: RateRule[]): RequestHandler {
  return async (req, _res, next) => {
    for (const rule of rules) {
      const key = rule.key(req);
      if (!key) continue;
      const result = await limiter.hit(`${rule.name}:${key}`, rule.limit, rule.windowMs);
      if (!result.allowed) {
        req.log.warn({ rule: rule.name }, "rate limit reached");
        return next(AppError.tooManyRequests("Too many attempts. Wait a moment and try again.", result.retryAfterS));
      }
    }
    next();
  };
}

export const byIp = (req: Request) => req.ip ?? req.socket.remoteAddress;
export const byBodyEmail = (req: Request) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" && email.length <= 254 ? email.trim().toLowerCase() : undefined;
};
