import { CreateInvitationsRequestSchema, IdParamSchema } from "@chat3d/shared";
import { Router } from "express";
import type { RateLimiter } from "../lib/rate-limiter.js";
import { parse } from "../lib/validate.js";
import { requireAuth } from "../middleware/authenticate.js";
import { rateLimit } from "../middleware/rate-limit.js";
import type { InvitationService } from "../services/invitation.service.js";

export function invitationsRoutes(invitations: InvitationService, limiter: RateLimiter): Router {
  const router = Router();
  router.use(requireAuth);

  router.get("/", async (req, res) => {
    res.json(await invitations.list(req.auth!.user));
  });

  router.post(
    "/",
    rateLimit(limiter, [{ name: "invite:user", limit: 30, windowMs: 3_600_000, key: (req) => req.auth!.user.id }]),
    async (req, res) => {
      const { emails } = parse(CreateInvitationsRequestSchema, req.body);
      res.status(201).json(await invitations.invite(req.auth!.user, emails, req.ip ?? null));
    },
  );

  router.delete("/:id", async (req, res) => {
    const { id } = parse(IdParamSchema, req.params);
    res.json({ invitation: await invitations.revoke(req.auth!.user, id, req.ip ?? null) });
  });

  return router;
}
