import {
  AuthResponseSchema,
  CheckYourEmailSchema,
  LoginRequestSchema,
  MeResponseSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
  RegistrationAcceptedSchema,
  RegistrationPolicySchema,
  type AuthResponse,
} from "@chat3d/shared";
import type { Request, Response } from "express";
import { AppError } from "../errors.js";
import type { AuthCookies } from "../lib/auth-cookies.js";
import { RATE_LIMITS, byEmail, byEmailAndIp, byIp, byUser } from "../lib/rate-limits.js";
import { Reply, RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { AccountActionService } from "../services/account-action.service.js";
import type { AuthService, ClientInfo, IssuedSession } from "../services/auth.service.js";
import { toUserView } from "../services/user-view.js";

export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.headers["user-agent"] ?? null };
}

/** One sentence for a new address and a taken one alike, so the answer tells nobody which it was. */
export const REGISTRATION_ACCEPTED =
  "Check your email: we sent a message to this address. Open its link to confirm your account, then sign in.";

export function authRoutes(
  auth: AuthService,
  accountActions: AccountActionService,
  cookies: AuthCookies,
  accessTtlS: number,
  deps: RouteTableDeps,
): RouteTable {
  const signedIn = (res: Response, session: IssuedSession): AuthResponse => {
    cookies.set(res, {
      accessToken: session.accessToken,
      accessTtlS,
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.sessionExpiresAt,
    });
    res.setHeader("Cache-Control", "no-store");
    return { user: toUserView(session.user), access_token: session.accessToken, expires_in: accessTtlS };
  };

  return new RouteTable("/api/auth", { tag: "auth", access: "public", scope: "session" }, deps)
    .add({
      method: "get",
      path: "/registration",
      summary: "Whether registration is open to everyone or by invitation",
      responses: { 200: RegistrationPolicySchema },
      handle: () => auth.registrationPolicy(),
    })
    .add({
      method: "post",
      path: "/register",
      summary:
        "Create an account. With a registration token (required while the waitlist is on): signed in at once (201). Open sign-up: 202 whether or not the email has an account; the address is confirmed by emailed link",
      body: RegisterRequestSchema,
      limits: [{ spec: RATE_LIMITS.registerPerIp, key: byIp }],
      responses: {
        201: AuthResponseSchema,
        202: RegistrationAcceptedSchema,
        403: "waitlist on, no token",
        409: "email taken (registration token for an address that has an account)",
        422: "invalid registration token",
        429: "rate limited",
      },
      handle: async ({ body, req, res }) => {
        if (body.registration_token) return signedIn(res, await auth.register(body, clientInfo(req)));
        await auth.registerOpen(body, clientInfo(req));
        return new Reply(202, { status: "check_your_email", message: REGISTRATION_ACCEPTED });
      },
    })
    .add({
      method: "post",
      path: "/confirm-email/resend",
      summary: "Send a new link that confirms the signed-in account's email address",
      access: "user",
      limits: [{ spec: RATE_LIMITS.confirmEmailResendPerUser, key: byUser }],
      responses: { 202: CheckYourEmailSchema, 409: "already confirmed", 429: "rate limited" },
      handle: async ({ user }) => {
        await accountActions.resendEmailConfirmation(user);
        return { status: "check_your_email", message: `We sent a new confirmation link to ${user.email}.` };
      },
    })
    .add({
      method: "post",
      path: "/login",
      summary: "Sign in; sets the session cookies",
      body: LoginRequestSchema,
      limits: [
        { spec: RATE_LIMITS.loginPerIp, key: byIp },
        { spec: RATE_LIMITS.loginPerEmailAndIp, key: byEmailAndIp },
        { spec: RATE_LIMITS.loginPerEmail, key: byEmail },
      ],
      responses: { 200: AuthResponseSchema, 401: "invalid credentials", 429: "rate limited" },
      handle: async ({ body, req, res }) => signedIn(res, await auth.login(body.email, body.password, clientInfo(req))),
    })
    .add({
      method: "post",
      path: "/refresh",
      summary: "Rotate the refresh token (cookie, or body for API clients)",
      body: RefreshRequestSchema,
      responses: { 200: AuthResponseSchema, 401: "session ended" },
      handle: async ({ body, req, res }) => {
        const token = cookies.refresh(req) ?? body.refresh_token;
        if (!token) throw AppError.unauthorized("Your session has ended. Sign in again.");
        try {
          return signedIn(res, await auth.refresh(token, clientInfo(req)));
        } catch (err) {
          cookies.clear(res);
          throw err;
        }
      },
    })
    .add({
      method: "post",
      path: "/logout",
      summary: "End the session and close its event streams",
      responses: { 204: "signed out" },
      handle: async ({ sessionId, req, res }) => {
        if (sessionId) await auth.logout(sessionId);
        const refresh = cookies.refresh(req);
        if (refresh) await auth.logoutByRefreshToken(refresh);
        cookies.clear(res);
      },
    })
    .add({
      method: "get",
      path: "/me",
      scope: "read",
      summary: "The signed-in user",
      access: "user",
      responses: { 200: MeResponseSchema },
      handle: ({ user, res }) => {
        res.setHeader("Cache-Control", "no-store");
        return { user: toUserView(user) };
      },
    });
}
