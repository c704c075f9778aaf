import { EmailTokenSchema, WaitlistJoinRequestSchema } from "@chat3d/shared";
import { Router, type Request } from "express";
import { AppError } from "../errors.js";
import type { RateLimiter } from "../lib/rate-limiter.js";
import { parse } from "../lib/validate.js";
import { byBodyEmail, byIp, rateLimit } from "../middleware/rate-limit.js";
import { JOIN_MESSAGE, type WaitlistService } from "../services/waitlist.service.js";

/** Link tokens travel in this header or a POST body, never in a URL, so no access log records them. */
export const TOKEN_HEADER = "x-chat3d-token";

function headerToken(req: Request, required: true): string;
function headerToken(req: Request, required: false): string | undefined;
function headerToken(req: Request, required: boolean) {
  const value = req.get(TOKEN_HEADER);
  if (!value) {
    if (required) throw AppError.badRequest(`Send the token from your email link in the ${TOKEN_HEADER} header.`);
    return undefined;
  }
  return parse(EmailTokenSchema, { token: value }).token;
}

export function waitlistRoutes(waitlist: WaitlistService, limiter: RateLimiter): Router {
  const router = Router();

  router.post(
    "/join",
    rateLimit(limiter, [
      { name: "waitlist:ip", limit: 10, windowMs: 3_600_000, key: byIp },
      { name: "waitlist:email", limit: 3, windowMs: 3_600_000, key: byBodyEmail },
    ]),
    async (req, res) => {
      await waitlist.join(parse(WaitlistJoinRequestSchema, req.body));
      res.status(202).json({ status: "check_your_email", message: JOIN_MESSAGE });
    },
  );

  // The plan's GET shows what confirming will do; the POST does it, because link scanners follow GETs.
  router.get("/confirm-email", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await waitlist.previewConfirmation(headerToken(req, true)));
  });

  router.post(
    "/confirm-email",
    rateLimit(limiter, [{ name: "waitlist-confirm:ip", limit: 30, windowMs: 3_600_000, key: byIp }]),
    async (req, res) => {
      const { token } = parse(EmailTokenSchema, req.body);
      res.json({ entry: await waitlist.confirm(token) });
    },
  );

  router.get("/status", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await waitlist.status(headerToken(req, false)));
  });

  return router;
}
