import { EmailTokenSchema } from "@chat3d/shared";
import type { Request } from "express";
import { AppError } from "../errors.js";
import { parse } from "./validate.js";

/** Link tokens travel in this header or a POST body, never in a URL, so no access log records them. */
export const TOKEN_HEADER = "x-chat3d-token";

const MISSING = `Send the token from your email link in the ${TOKEN_HEADER} header.`;

export function tokenFromHeader(req: Request, required: true, missing?: string): string;
export function tokenFromHeader(req: Request, required: false): string | undefined;
export function tokenFromHeader(req: Request, required: boolean, missing = MISSING): string | undefined {
  const value = req.get(TOKEN_HEADER);
  if (!value) {
    if (required) throw AppError.badRequest(missing);
    return undefined;
  }
  return parse(EmailTokenSchema, { token: value }).token;
}
