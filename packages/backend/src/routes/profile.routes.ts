import { ConfirmAccountActionRequestSchema, PasswordResetRequestSchema } from "@chat3d/shared";
import { Router } from "express";
import { tokenFromHeader } from "../lib/link-token.js";
import type { RateLimiter } from "../lib/rate-limiter.js";
import { parse } from "../lib/validate.js";
import { byBodyEmail, byIp, rateLimit } from "../middleware/rate-limit.js";
import type { AccountActionService } from "../services/account-action.service.js";

export const RESET_REQUESTED_MESSAGE =
  "If an account can sign in with this email, we've sent it a link to choose a new password.";

export function profileRoutes(actions: AccountActionService, limiter: RateLimiter): Router {
  const router = Router();

  router.post(
    "/reset-password/request",
    rateLimit(limiter, [
      { name: "reset:ip", limit: 10, windowMs: 3_600_000, key: byIp },
      { name: "reset:email", limit: 3, windowMs: 3_600_000, key: byBodyEmail },
    ]),
    async (req, res) => {
      await actions.requestPasswordResetByEmail(parse(PasswordResetRequestSchema, req.body).email);
      res.status(202).json({ status: "check_your_email", message: RESET_REQUESTED_MESSAGE });
    },
  );

  // The plan's GET previews what the link will do; the POST does it (link scanners follow GETs).
  router.get("/actions/confirm", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await actions.preview(tokenFromHeader(req, true)));
  });

  router.post(
    "/actions/confirm",
    rateLimit(limiter, [{ name: "confirm:ip", limit: 30, windowMs: 3_600_000, key: byIp }]),
    async (req, res) => {
      const { token, new_password } = parse(ConfirmAccountActionRequestSchema, req.body);
      res.json({ action: await actions.confirm(token, new_password, req.ip ?? null) });
    },
  );

  return router;
}
