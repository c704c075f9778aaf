/** Link tokens go in this header (or a POST body), never in a URL, so no access log records them. */
export function tokenHeaders(token: string): HeadersInit {
  return { "X-Chat3D-Token": token };
}
