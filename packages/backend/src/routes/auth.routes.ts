import { LoginRequestSchema, RefreshRequestSchema, RegisterRequestSchema, type AuthResponse } from "@chat3d/shared";
import { Router, type Request, type Response } from "express";
import { AppError } from "../errors.js";
import type { AuthCookies } from "../lib/auth-cookies.js";
import type { RateLimiter } from "../lib/rate-limiter.js";
import { parse } from "../lib/validate.js";
import { requireAuth } from "../middleware/authenticate.js";
import { byBodyEmail, byIp, rateLimit } from "../middleware/rate-limit.js";
import type { AuthService, ClientInfo, IssuedSession } from "../services/auth.service.js";
import { toUserView } from "../services/user-view.js";

const MINUTE = 60_000;

export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.headers["user-agent"] ?? null };
}

export function authRoutes(auth: AuthService, cookies: AuthCookies, limiter: RateLimiter, accessTtlS: number): Router {
  const router = Router();

  router.get("/registration", async (_req, res) => {
    res.json(await auth.registrationPolicy());
  });

  const respond = (res: Response, session: IssuedSession, status = 200) => {
    cookies.set(res, {
      accessToken: session.accessToken,
      accessTtlS,
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.sessionExpiresAt,
    });
    res.setHeader("Cache-Control", "no-store");
    const body: AuthResponse = {
      user: toUserView(session.user),
      access_token: session.accessToken,
      expires_in: accessTtlS,
    };
    res.status(status).json(body);
  };

  router.post(
    "/register",
    rateLimit(limiter, [{ name: "register:ip", limit: 10, windowMs: 60 * MINUTE, key: byIp }]),
    async (req, res) => {
      const input = parse(RegisterRequestSchema, req.body);
      respond(res, await auth.register(input, clientInfo(req)), 201);
    },
  );

  router.post(
    "/login",
    rateLimit(limiter, [
      { name: "login:ip", limit: 30, windowMs: 15 * MINUTE, key: byIp },
      { name: "login:account", limit: 10, windowMs: 15 * MINUTE, key: byBodyEmail },
    ]),
    async (req, res) => {
      const { email, password } = parse(LoginRequestSchema, req.body);
      respond(res, await auth.login(email, password, clientInfo(req)));
    },
  );

  router.post("/refresh", async (req, res) => {
    const token = cookies.refresh(req) ?? parse(RefreshRequestSchema, req.body ?? {}).refresh_token;
    if (!token) throw AppError.unauthorized("Your session has ended. Sign in again.");
    try {
      respond(res, await auth.refresh(token, clientInfo(req)));
    } catch (err) {
      cookies.clear(res);
      throw err;
    }
  });

  router.post("/logout", async (req, res) => {
    if (req.auth) await auth.logout(req.auth.sessionId);
    const refresh = cookies.refresh(req);
    if (refresh) await auth.logoutByRefreshToken(refresh);
    cookies.clear(res);
    res.status(204).end();
  });

  router.get("/me", requireAuth, (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ user: toUserView(req.auth!.user) });
  });

  return router;
}
