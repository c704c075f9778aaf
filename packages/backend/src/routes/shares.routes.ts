import {
  CreatedShareResponseSchema,
  CreateShareRequestSchema,
  IdParamSchema,
  SharedFileParamsSchema,
  SharedVersionResponseSchema,
  ShareListSchema,
  ShareResponseSchema,
  VersionIdParamsSchema,
} from "@chat3d/shared";
import type { Request, Response } from "express";
import { FILE_MEDIA_TYPE, FILE_RESPONSES, sendStoredFile } from "../lib/file-response.js";
import { TOKEN_HEADER, tokenFromHeader } from "../lib/link-token.js";
import { RATE_LIMITS, byIp, byUser } from "../lib/rate-limits.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { FileService } from "../services/file.service.js";
import type { ShareService } from "../services/share.service.js";

const MISSING = `Send the secret after "#token=" in the share link in the ${TOKEN_HEADER} header.`;

/** A shared page is for the people given the link, never for a search engine or a cache. */
function sharedToken(req: Request, res: Response): string {
  res.setHeader("X-Robots-Tag", "noindex, nofollow");
  return tokenFromHeader(req, true, MISSING);
}

export function sharesRoutes(shares: ShareService, files: FileService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api", { tag: "shares", access: "user" }, deps)
    .add({
      method: "post",
      path: "/chat/versions/:id/shares",
      summary: "Make a read-only link to one of my versions; the answer holds the link, shown only now",
      params: VersionIdParamsSchema,
      body: CreateShareRequestSchema,
      limits: [{ spec: RATE_LIMITS.shareCreatePerUser, key: byUser }],
      responses: {
        201: CreatedShareResponseSchema,
        400: "a format the version has no file for",
        404: "not mine, or no such version",
        429: "rate limited",
      },
      handle: async ({ user, params, body }) => ({ share: await shares.create(user, params.id, body) }),
    })
    .add({
      method: "get",
      path: "/shares",
      summary: "My share links, newest first, with whether each still opens",
      responses: { 200: ShareListSchema },
      handle: ({ user }) => shares.list(user.id),
    })
    .add({
      method: "delete",
      path: "/shares/:id",
      summary: "Revoke one of my share links: from now on it answers 404",
      params: IdParamSchema,
      responses: { 200: ShareResponseSchema, 404: "not mine, or no such share" },
      handle: async ({ user, params }) => ({ share: await shares.revoke(user.id, params.id) }),
    })
    .add({
      method: "get",
      path: "/shared",
      summary: "What a share link shows (its secret in X-Chat3D-Token); no account needed",
      access: "public",
      tokenHeader: "required",
      limits: [{ spec: RATE_LIMITS.sharedPerIp, key: byIp }],
      responses: {
        200: SharedVersionResponseSchema,
        400: "no secret sent",
        404: "unknown, revoked or expired link",
        429: "rate limited",
      },
      handle: async ({ req, res }) => {
        const token = sharedToken(req, res);
        res.setHeader("Cache-Control", "no-store");
        return { shared: await shares.open(token) };
      },
    })
    .add({
      method: "get",
      path: "/shared/files/:fileId",
      summary: "Download a file of a shared version (its secret in X-Chat3D-Token)",
      access: "public",
      tokenHeader: "required",
      params: SharedFileParamsSchema,
      limits: [{ spec: RATE_LIMITS.sharedPerIp, key: byIp }],
      produces: FILE_MEDIA_TYPE,
      responses: { ...FILE_RESPONSES, 400: "no secret sent", 429: "rate limited" },
      handle: async ({ params, req, res }) => {
        const row = await shares.file(sharedToken(req, res), params.fileId);
        await sendStoredFile(row, req, res, (range) => files.open(row, range));
      },
    });
}
