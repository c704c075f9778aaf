import {
  CreateInvitationsRequestSchema,
  CreateInvitationsResponseSchema,
  IdParamSchema,
  InvitationListSchema,
  InvitationSchema,
} from "@chat3d/shared";
import { z } from "zod";
import { RATE_LIMITS, byUser } from "../lib/rate-limits.js";
import { Reply, RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { InvitationService } from "../services/invitation.service.js";

export function invitationsRoutes(invitations: InvitationService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/invitations", { tag: "invitations", access: "user" }, deps)
    .add({
      method: "get",
      path: "/",
      summary: "My invitations and quota",
      responses: { 200: InvitationListSchema },
      handle: ({ user }) => invitations.list(user),
    })
    .add({
      method: "post",
      path: "/",
      summary: "Invite one or more emails: 201 when at least one invitation was made, 200 when none was",
      body: CreateInvitationsRequestSchema,
      limits: [{ spec: RATE_LIMITS.invitePerUser, key: byUser }],
      responses: {
        201: CreateInvitationsResponseSchema,
        200: CreateInvitationsResponseSchema,
        403: "invitations off",
        429: "rate limited",
      },
      handle: async ({ body, user, ip }) => {
        const { created, ...outcome } = await invitations.invite(user, body.emails, ip);
        return new Reply(created ? 201 : 200, outcome);
      },
    })
    .add({
      method: "delete",
      path: "/:id",
      summary: "Revoke an open invitation",
      params: IdParamSchema,
      responses: { 200: z.object({ invitation: InvitationSchema }), 404: "not yours", 409: "not revocable" },
      handle: async ({ params, user, ip }) => ({ invitation: await invitations.revoke(user, params.id, ip) }),
    });
}
