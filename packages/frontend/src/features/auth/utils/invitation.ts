/**
 * A registration link's secret part; it travels in the URL fragment so it never reaches a server log.
 * `approved`: the link answers the person's own waitlist request rather than someone's invitation.
 */
export type Invitation = { token: string; email: string | null; approved?: boolean };

export function invitationFromHash(hash: string): Invitation | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const token = params.get("token")?.trim();
  if (!token) return null;
  return { token, email: params.get("email")?.trim() || null, approved: params.get("via") === "waitlist" };
}

export function invitationFromState(state: unknown): Invitation | null {
  const invitation = (state as { invitation?: Partial<Invitation> } | null)?.invitation;
  return typeof invitation?.token === "string"
    ? {
        token: invitation.token,
        email: typeof invitation.email === "string" ? invitation.email : null,
        approved: invitation.approved === true,
      }
    : null;
}
