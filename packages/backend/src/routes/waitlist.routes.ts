import {
  EmailTokenSchema,
  WaitlistConfirmationPreviewSchema,
  WaitlistEntrySchema,
  WaitlistJoinRequestSchema,
  WaitlistJoinResponseSchema,
  WaitlistStatusResponseSchema,
} from "@chat3d/shared";
import { z } from "zod";
import { tokenFromHeader } from "../lib/link-token.js";
import { RATE_LIMITS, byEmail, byIp } from "../lib/rate-limits.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import { JOIN_MESSAGE, type WaitlistService } from "../services/waitlist.service.js";

export function waitlistRoutes(waitlist: WaitlistService, deps: RouteTableDeps): RouteTable {
  return (
    new RouteTable("/api/waitlist", { tag: "waitlist", access: "public" }, deps)
      .add({
        method: "post",
        path: "/join",
        summary: "Join the waitlist (same answer for every email)",
        body: WaitlistJoinRequestSchema,
        limits: [
          { spec: RATE_LIMITS.waitlistJoinPerIp, key: byIp },
          { spec: RATE_LIMITS.waitlistJoinPerEmail, key: byEmail },
        ],
        responses: { 202: WaitlistJoinResponseSchema, 429: "rate limited" },
        handle: async ({ body }) => {
          await waitlist.join(body);
          return { status: "check_your_email", message: JOIN_MESSAGE };
        },
      })
      // The plan's GET shows what confirming will do; the POST does it, because link scanners follow GETs.
      .add({
        method: "get",
        path: "/confirm-email",
        summary: "Preview an email confirmation link",
        tokenHeader: "required",
        responses: { 200: WaitlistConfirmationPreviewSchema, 404: "unknown link" },
        handle: ({ req, res }) => {
          res.setHeader("Cache-Control", "no-store");
          return waitlist.previewConfirmation(tokenFromHeader(req, true));
        },
      })
      .add({
        method: "post",
        path: "/confirm-email",
        summary: "Confirm the email of a waitlist entry",
        body: EmailTokenSchema,
        limits: [{ spec: RATE_LIMITS.waitlistConfirmPerIp, key: byIp }],
        responses: {
          200: z.object({ entry: WaitlistEntrySchema }),
          409: "already confirmed",
          422: "invalid or expired",
        },
        handle: async ({ body }) => ({ entry: await waitlist.confirm(body.token) }),
      })
      .add({
        method: "get",
        path: "/status",
        summary: "The status of the holder's entry, or a generic answer",
        tokenHeader: "optional",
        responses: { 200: WaitlistStatusResponseSchema },
        handle: ({ req, res }) => {
          res.setHeader("Cache-Control", "no-store");
          return waitlist.status(tokenFromHeader(req, false));
        },
      })
  );
}
