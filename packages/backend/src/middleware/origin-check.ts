import type { RequestHandler } from "express";
import { AppError } from "../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-carried credentials: a state-changing request that carries cookies passes only
 * when its Origin is on the allow-list, or, without an Origin, when Fetch Metadata says it is not
 * cross-site. Only a request authenticated by a valid Bearer token skips the check (it carries no ambient
 * credential); any other Authorization header changes nothing. Runs after `authenticate`.
 */
export function originCheck(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.auth?.via === "bearer" || req.auth?.via === "token") return next();
    const hasCookies = req.cookies && Object.keys(req.cookies).length > 0;
    if (!hasCookies) return next();
    const origin = req.headers.origin;
    if (origin) {
      return next(allowed.has(origin) ? undefined : AppError.forbidden("This request came from another site."));
    }
    const site = req.headers["sec-fetch-site"];
    next(
      site === "cross-site" || site === "same-site"
        ? AppError.forbidden("This request came from another site.")
        : undefined,
    );
  };
}
