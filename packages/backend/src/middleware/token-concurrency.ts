import type { RequestHandler } from "express";
import { AppError } from "../errors.js";

/**
 * Caps the requests one personal access token has in flight on this instance, so one runaway script
 * cannot take a person's whole share of the API; its slot frees when the response closes. Runs after
 * `authenticate`.
 */
export function tokenConcurrency(max: number): RequestHandler {
  const inFlight = new Map<string, number>();
  return (req, res, next) => {
    if (req.auth?.via !== "token") return next();
    const id = req.auth.sessionId;
    const busy = inFlight.get(id) ?? 0;
    if (busy >= max) {
      return next(
        AppError.tooManyRequests(`This token already has ${max} requests running. Wait for one to finish.`, 1),
      );
    }
    inFlight.set(id, busy + 1);
    res.on("close", () => {
      const left = (inFlight.get(id) ?? 1) - 1;
      if (left > 0) inFlight.set(id, left);
      else inFlight.delete(id);
    });
    next();
  };
}
