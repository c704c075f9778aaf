type PathParts = { pathname: string; search: string; hash: string };

/** Where to send someone who must sign in first, remembering where they were going. */
export function loginPath({ pathname, search, hash }: PathParts): string {
  const here = `${pathname}${search}${hash}`;
  return here === "/" || pathname === "/login" ? "/login" : `/login?next=${encodeURIComponent(here)}`;
}

/** The `next` parameter if it is a path on this site; anything else (another origin, a loop) goes home. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/^\/(login|register)(?:[/?#]|$)/.test(next)) return "/";
  return next;
}
