import { createHash, randomBytes } from "node:crypto";

/** An opaque secret for a link or a cookie; only its SHA-256 is ever stored. */
export function generateToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
