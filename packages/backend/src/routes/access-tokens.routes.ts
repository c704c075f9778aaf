import {
  AccessTokenListSchema,
  AccessTokenResponseSchema,
  CreateAccessTokenRequestSchema,
  CreatedAccessTokenSchema,
  IdParamSchema,
  UserTokenParamsSchema,
} from "@chat3d/shared";
import { RATE_LIMITS, byUser } from "../lib/rate-limits.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { AccessTokenService } from "../services/access-token.service.js";

/** My personal access tokens. Only a signed-in session manages them: a token never mints or revokes tokens. */
export function accessTokenRoutes(tokens: AccessTokenService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/profile/tokens", { tag: "profile", access: "user", scope: "session" }, deps)
    .add({
      method: "post",
      path: "/",
      summary: "Make a personal access token; its secret is in this answer only",
      body: CreateAccessTokenRequestSchema,
      limits: [{ spec: RATE_LIMITS.tokenCreatePerUser, key: byUser }],
      responses: {
        201: CreatedAccessTokenSchema,
        400: "invalid name, scopes or expiry",
        403: "the admin scope for someone who is not an admin",
        409: "too many active tokens",
        429: "rate limited",
      },
      handle: ({ user, body, ip }) => tokens.create(user, body, ip),
    })
    .add({
      method: "get",
      path: "/",
      summary: "My tokens, newest first (never their secrets)",
      responses: { 200: AccessTokenListSchema },
      handle: async ({ user }) => ({ tokens: await tokens.list(user.id) }),
    })
    .add({
      method: "delete",
      path: "/:id",
      summary: "Revoke one of my tokens; it stops working at once on every instance",
      params: IdParamSchema,
      responses: { 200: AccessTokenResponseSchema, 404: "not mine, or no such token" },
      handle: async ({ user, params, ip }) => ({ token: await tokens.revoke(user, user.id, params.id, ip) }),
    });
}

/** A person's tokens as the admins see them. */
export function adminAccessTokenRoutes(tokens: AccessTokenService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/admin/users", { tag: "admin", access: "admin" }, deps)
    .add({
      method: "get",
      path: "/:id/tokens",
      summary: "A user's personal access tokens",
      params: IdParamSchema,
      responses: { 200: AccessTokenListSchema, 404: "no such user" },
      handle: async ({ params }) => ({ tokens: await tokens.listOfUser(params.id) }),
    })
    .add({
      method: "delete",
      path: "/:id/tokens/:tokenId",
      summary: "Revoke a user's token",
      params: UserTokenParamsSchema,
      responses: { 200: AccessTokenResponseSchema, 404: "no such user or token" },
      handle: async ({ user, params, ip }) => ({ token: await tokens.revoke(user, params.id, params.tokenId, ip) }),
    });
}
