import { EmailTokenSchema } from "@chat3d/shared";

/** The token of an email link (`#token=…`); null when there is none or it cannot be one of ours. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token")?.trim();
  return token && EmailTokenSchema.safeParse({ token }).success ? token : null;
}

/** Link tokens go in this header (or a POST body), never in a URL, so no access log records them. */
export function tokenHeaders(token: string): HeadersInit {
  return { "X-Chat3D-Token": token };
}
