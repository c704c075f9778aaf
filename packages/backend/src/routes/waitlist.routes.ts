import { EmailTokenSchema, WaitlistJoinRequestSchema } from "@chat3d/shared";
import { Router } from "express";
import { tokenFromHeader } from "../lib/link-token.js";
import type { RateLimiter } from "../lib/rate-limiter.js";
import { parse } from "../lib/validate.js";
import { byBodyEmail, byIp, rateLimit } from "../middleware/rate-limit.js";
import { JOIN_MESSAGE, type WaitlistService } from "../services/waitlist.service.js";

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
    res.json(await waitlist.previewConfirmation(tokenFromHeader(req, true)));
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
    res.json(await waitlist.status(tokenFromHeader(req, false)));
  });

  return router;
}
