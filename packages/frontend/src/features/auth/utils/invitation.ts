/** A registration link's secret part; it travels in the URL fragment so it never reaches a server log. */
export type Invitation = { token: string; email: string | null };

export function invitationFromHash(hash: string): Invitation | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const token = params.get("token")?.trim();
  if (!token) return null;
  return { token, email: params.get("email")?.trim() || null };
}

export function invitationFromState(state: unknown): Invitation | null {
  const invitation = (state as { invitation?: Partial<Invitation> } | null)?.invitation;
  return typeof invitation?.token === "string"
    ? { token: invitation.token, email: typeof invitation.email === "string" ? invitation.email : null }
    : null;
}
