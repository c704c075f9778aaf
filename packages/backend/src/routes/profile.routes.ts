import {
  AccountActionPreviewSchema,
  ChangePasswordRequestSchema,
  CheckYourEmailSchema,
  ConfirmAccountActionRequestSchema,
  DataExportListSchema,
  DeleteAccountRequestSchema,
  EmailChangeRequestSchema,
  IdParamSchema,
  MeResponseSchema,
  PasswordResetRequestSchema,
  ReactivateRequestSchema,
  RevokedSessionsSchema,
  SessionListSchema,
  UpdateProfileRequestSchema,
} from "@chat3d/shared";
import { z } from "zod";
import { tokenFromHeader } from "../lib/link-token.js";
import type { RateLimitSpec } from "../lib/rate-limiter.js";
import { RATE_LIMITS, byEmail, byIp, byUser } from "../lib/rate-limits.js";
import { sendStream } from "../lib/send-stream.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { AccountActionService } from "../services/account-action.service.js";
import type { DataExportService } from "../services/data-export.service.js";
import type { ProfileService } from "../services/profile.service.js";

export const RESET_REQUESTED_MESSAGE =
  "If an account can sign in with this email, we've sent it a link to choose a new password.";
export const REACTIVATE_REQUESTED_MESSAGE =
  "If this email belongs to an account that is waiting to be deleted, we've sent it a link to reactivate it.";

const checkYourEmail = (message: string) => ({ status: "check_your_email" as const, message });

/**
 * A signed-out request for a link to an address: limited per address and per email, and answered alike
 * whether or not an account has that email.
 */
function linkToAnAddress<B extends z.ZodType<{ email: string }>>(route: {
  path: string;
  summary: string;
  body: B;
  limits: [perIp: RateLimitSpec, perEmail: RateLimitSpec];
  send: (email: string) => Promise<void>;
  message: string;
}) {
  return {
    method: "post" as const,
    path: route.path,
    summary: route.summary,
    body: route.body,
    limits: [
      { spec: route.limits[0], key: byIp },
      { spec: route.limits[1], key: byEmail },
    ],
    responses: { 202: CheckYourEmailSchema, 429: "rate limited" },
    handle: async ({ body }: { body: z.output<B> }) => {
      await route.send(body.email);
      return checkYourEmail(route.message);
    },
  };
}

export interface ProfileRouteServices {
  actions: AccountActionService;
  profile: ProfileService;
  exports: DataExportService;
}

export function profileRoutes({ actions, profile, exports }: ProfileRouteServices, deps: RouteTableDeps): RouteTable {
  return (
    new RouteTable("/api/profile", { tag: "profile", access: "public", scope: "session" }, deps)
      .add({
        method: "patch",
        path: "/",
        summary: "Change my display name (null clears it)",
        access: "user",
        body: UpdateProfileRequestSchema,
        responses: { 200: MeResponseSchema, 400: "invalid name" },
        handle: async ({ user, body }) => ({ user: await profile.updateDisplayName(user, body.display_name) }),
      })
      .add({
        method: "post",
        path: "/password",
        summary: "Change my password (the current one is required); every other session is signed out",
        access: "user",
        body: ChangePasswordRequestSchema,
        limits: [{ spec: RATE_LIMITS.passwordChangePerUser, key: byUser }],
        responses: { 200: RevokedSessionsSchema, 400: "wrong current password or weak new one", 429: "rate limited" },
        handle: async ({ user, sessionId, body, ip }) => ({
          revoked: await profile.changePassword(user, sessionId, body, ip),
        }),
      })
      .add({
        method: "get",
        path: "/sessions",
        summary: "The devices signed in to my account",
        access: "user",
        responses: { 200: SessionListSchema },
        handle: async ({ user, sessionId, res }) => {
          res.setHeader("Cache-Control", "no-store");
          return { items: await profile.sessions(user, sessionId) };
        },
      })
      .add({
        method: "post",
        path: "/sessions/revoke-others",
        summary: "Sign out every device but this one",
        access: "user",
        limits: [{ spec: RATE_LIMITS.sessionRevokePerUser, key: byUser }],
        responses: { 200: RevokedSessionsSchema, 429: "rate limited" },
        handle: async ({ user, sessionId, ip }) => ({
          revoked: await profile.revokeOtherSessions(user, sessionId, ip),
        }),
      })
      .add({
        method: "delete",
        path: "/sessions/:id",
        summary: "Sign out one of my other devices",
        access: "user",
        params: IdParamSchema,
        limits: [{ spec: RATE_LIMITS.sessionRevokePerUser, key: byUser }],
        responses: { 204: "signed out", 404: "no such session", 409: "the current session", 429: "rate limited" },
        handle: ({ user, sessionId, params, ip }) => profile.revokeSession(user, sessionId, params.id, ip),
      })
      .add(
        linkToAnAddress({
          path: "/reset-password/request",
          summary: "Email a password reset link (same answer, in the same time, for every email)",
          body: PasswordResetRequestSchema,
          limits: [RATE_LIMITS.forgotPasswordPerIp, RATE_LIMITS.forgotPasswordPerEmail],
          send: (email) => actions.requestPasswordResetByEmail(email),
          message: RESET_REQUESTED_MESSAGE,
        }),
      )
      .add({
        method: "post",
        path: "/change-email/request",
        summary: "Email a confirmation link to the new address (the same answer whether or not it has an account)",
        access: "user",
        body: EmailChangeRequestSchema,
        limits: [{ spec: RATE_LIMITS.changeEmailPerUser, key: byUser }],
        responses: { 202: CheckYourEmailSchema, 400: "wrong password, or the same address", 429: "rate limited" },
        handle: async ({ user, body }) => {
          await actions.requestEmailChange(user, body.new_email, body.current_password);
          return checkYourEmail(
            `We've sent a link to ${body.new_email}. Open it to sign in with that address from now on.`,
          );
        },
      })
      .add({
        method: "post",
        path: "/export-data/request",
        summary: "Email a link that starts an export of all my data",
        access: "user",
        limits: [{ spec: RATE_LIMITS.exportPerUser, key: byUser }],
        responses: { 202: CheckYourEmailSchema, 429: "rate limited" },
        handle: async ({ user }) => {
          await actions.requestDataExport(user);
          return checkYourEmail(`We've sent a link to ${user.email}. Open it to start the export.`);
        },
      })
      .add({
        method: "post",
        path: "/delete-account/request",
        summary: "Email a link that deletes my account (the current password is required)",
        access: "user",
        body: DeleteAccountRequestSchema,
        limits: [{ spec: RATE_LIMITS.deleteAccountPerUser, key: byUser }],
        responses: { 202: CheckYourEmailSchema, 400: "wrong password", 429: "rate limited" },
        handle: async ({ user, body }) => {
          await actions.requestAccountDeletion(user, body.current_password);
          return checkYourEmail(`We've sent a link to ${user.email}. Open it to delete your account.`);
        },
      })
      .add(
        linkToAnAddress({
          path: "/reactivate/request",
          summary: "Email a reactivation link to an account waiting to be deleted (same answer for every email)",
          body: ReactivateRequestSchema,
          limits: [RATE_LIMITS.reactivatePerIp, RATE_LIMITS.reactivatePerEmail],
          send: (email) => actions.requestReactivationByEmail(email),
          message: REACTIVATE_REQUESTED_MESSAGE,
        }),
      )
      // The plan's GET previews what the link will do; the POST does it (link scanners follow GETs).
      .add({
        method: "get",
        path: "/actions/confirm",
        summary: "Preview what an email link will do",
        tokenHeader: "required",
        responses: { 200: AccountActionPreviewSchema, 404: "unknown link" },
        handle: ({ req, res }) => {
          res.setHeader("Cache-Control", "no-store");
          return actions.preview(tokenFromHeader(req, true));
        },
      })
      .add({
        method: "post",
        path: "/actions/confirm",
        summary: "Carry out an email link's action, once",
        body: ConfirmAccountActionRequestSchema,
        limits: [{ spec: RATE_LIMITS.confirmLinkPerIp, key: byIp }],
        responses: {
          200: z.object({ action: AccountActionPreviewSchema }),
          400: "a password reset without a new password",
          404: "unknown link",
          409: "already used, replaced, the address is taken, or the account can no longer do this",
          422: "expired, or a link of another kind",
        },
        handle: async ({ body, ip }) => ({ action: await actions.confirm(body.token, body, ip) }),
      })
      .add({
        method: "get",
        path: "/exports",
        summary: "My data exports that have not expired",
        access: "user",
        responses: { 200: DataExportListSchema },
        handle: async ({ user, res }) => {
          res.setHeader("Cache-Control", "no-store");
          return { items: await exports.list(user.id) };
        },
      })
      .add({
        method: "get",
        path: "/exports/:id",
        summary: "Download one of my data exports (signed in as its owner, until it expires)",
        access: "user",
        params: IdParamSchema,
        produces: "application/zip",
        responses: { 200: "the archive", 404: "no such export, or expired", 409: "not ready" },
        handle: async ({ user, params, res }) => {
          const { stream, size, row } = await exports.open(user.id, params.id);
          res.setHeader("Content-Type", "application/zip");
          res.setHeader("Content-Length", String(size));
          res.setHeader("Cache-Control", "private, no-store");
          res.setHeader("X-Content-Type-Options", "nosniff");
          res.attachment(`chat3d-export-${row.created_at.toISOString().slice(0, 10)}.zip`);
          sendStream(res, stream);
        },
      })
  );
}
