import {
  AccountActionPreviewSchema,
  ConfirmAccountActionRequestSchema,
  PasswordResetRequestedSchema,
  PasswordResetRequestSchema,
} from "@chat3d/shared";
import { z } from "zod";
import { tokenFromHeader } from "../lib/link-token.js";
import { RATE_LIMITS, byEmail, byIp } from "../lib/rate-limits.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { AccountActionService } from "../services/account-action.service.js";

export const RESET_REQUESTED_MESSAGE =
  "If an account can sign in with this email, we've sent it a link to choose a new password.";

export function profileRoutes(actions: AccountActionService, deps: RouteTableDeps): RouteTable {
  return (
    new RouteTable("/api/profile", { tag: "profile", access: "public" }, deps)
      .add({
        method: "post",
        path: "/reset-password/request",
        summary: "Email a password reset link (same answer, in the same time, for every email)",
        body: PasswordResetRequestSchema,
        limits: [
          { spec: RATE_LIMITS.forgotPasswordPerIp, key: byIp },
          { spec: RATE_LIMITS.forgotPasswordPerEmail, key: byEmail },
        ],
        responses: { 202: PasswordResetRequestedSchema, 429: "rate limited" },
        handle: async ({ body }) => {
          await actions.requestPasswordResetByEmail(body.email);
          return { status: "check_your_email", message: RESET_REQUESTED_MESSAGE };
        },
      })
      // The plan's GET previews what the link will do; the POST does it (link scanners follow GETs).
      .add({
        method: "get",
        path: "/actions/confirm",
        summary: "Preview what an email link will do",
        tokenHeader: true,
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
          404: "unknown link",
          409: "already used",
          422: "expired",
        },
        handle: async ({ body, ip }) => ({ action: await actions.confirm(body.token, body.new_password, ip) }),
      })
  );
}
