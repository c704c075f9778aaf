import { z } from "zod";
import { singleLineText } from "./text.js";

/** What a personal access token may do; `admin` only for admins. A token never signs in, mints tokens or changes the account. */
export const TokenScopeSchema = z.enum(["read", "write", "render", "ai", "admin"]);
export type TokenScope = z.infer<typeof TokenScopeSchema>;

/** Every token starts with this, so secret scanners and people recognise one. */
export const ACCESS_TOKEN_PREFIX = "c3d_pat_";
export const MAX_ACCESS_TOKENS_PER_USER = 50;

export const CreateAccessTokenRequestSchema = z.strictObject({
  name: singleLineText(100).refine(
    (n) => n.trim().length > 0,
    "Name the token, e.g. the machine or agent that uses it.",
  ),
  scopes: z
    .array(TokenScopeSchema)
    .min(1, "Choose at least one scope.")
    .refine((s) => new Set(s).size === s.length, "List each scope once."),
  /** Days until it stops working; null for a token that never expires. */
  expires_in_days: z.number().int().min(1, "At least one day.").max(365, "At most 365 days.").nullable(),
});
export type CreateAccessTokenRequest = z.input<typeof CreateAccessTokenRequestSchema>;

export const AccessTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the secret, enough to tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(TokenScopeSchema),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
});
export type AccessToken = z.infer<typeof AccessTokenSchema>;

/** The only time the secret is shown. */
export const CreatedAccessTokenSchema = z.object({ token: AccessTokenSchema, secret: z.string() });
export type CreatedAccessToken = z.infer<typeof CreatedAccessTokenSchema>;
export const AccessTokenListSchema = z.object({ tokens: z.array(AccessTokenSchema) });
export const AccessTokenResponseSchema = z.object({ token: AccessTokenSchema });

export const UserTokenParamsSchema = z.object({
  id: z.uuid("Not a valid id."),
  tokenId: z.uuid("Not a valid id."),
});
