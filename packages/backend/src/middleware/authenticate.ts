import { ACCESS_TOKEN_PREFIX } from "@chat3d/shared";
import type { RequestHandler } from "express";
import type { UserRole } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { AuthCookies } from "../lib/auth-cookies.js";
import type { AccessTokenService } from "../services/access-token.service.js";
import type { AuthService } from "../services/auth.service.js";

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Resolves the caller from `Authorization: Bearer` (an access JWT or a personal access token) or the access
 * cookie. Every request re-reads the session or token and the user, so logout, revocation, deactivation and
 * role changes apply on the very next request, on every instance.
 */
export function authenticate(auth: AuthService, cookies: AuthCookies, tokens: AccessTokenService): RequestHandler {
  return async (req, _res, next) => {
    const headerToken = bearer(req.headers.authorization);
    if (headerToken?.startsWith(ACCESS_TOKEN_PREFIX)) {
      const caller = await tokens.authenticate(headerToken);
      if (!caller) return next(AppError.unauthorized("This access token is not valid: it may be revoked or expired."));
      req.auth = { user: caller.user, sessionId: caller.tokenId, via: "token", scopes: caller.scopes };
      return next();
    }
    const token = headerToken ?? cookies.access(req);
    if (token) {
      const result = await auth.authenticate(token);
      if (result) req.auth = { ...result, via: headerToken ? "bearer" : "cookie" };
    }
    next();
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : AppError.unauthorized());
};

export function requireRole(role: UserRole): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(AppError.unauthorized());
    next(req.auth.user.role === role ? undefined : AppError.forbidden());
  };
}
