import type { RequestHandler } from "express";
import { AppError } from "../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-carried credentials: a state-changing request that a browser marks as coming from
 * another site is refused unless its Origin is on the allow-list. Bearer-token clients are not browsers and
 * carry no ambient credentials, so they pass.
 */
export function originCheck(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization) return next();
    const hasCookies = req.cookies && Object.keys(req.cookies).length > 0;
    if (!hasCookies) return next();
    const origin = req.headers.origin;
    if (origin)
      return next(allowed.has(origin) ? undefined : AppError.forbidden("This request came from another site."));
    // No Origin: fall back to Fetch Metadata, which every current browser sends.
    const site = req.headers["sec-fetch-site"];
    next(site === "cross-site" ? AppError.forbidden("This request came from another site.") : undefined);
  };
}
