import type { InvitationStatus } from "@chat3d/shared";

type BadgeVariant = "default" | "secondary" | "success" | "warning" | "destructive" | "outline";

export const invitationStatus: Record<InvitationStatus, { label: string; variant: BadgeVariant; open: boolean }> = {
  pending: { label: "Pending", variant: "secondary", open: true },
  waitlisted: { label: "On the waitlist", variant: "warning", open: true },
  registration_sent: { label: "Sign-up link sent", variant: "default", open: true },
  accepted: { label: "Joined", variant: "success", open: false },
  expired: { label: "Expired", variant: "outline", open: false },
  revoked: { label: "Revoked", variant: "outline", open: false },
};

/** What changed last, for invitations that have reached an end. */
export const settledVerb: Partial<Record<InvitationStatus, string>> = {
  accepted: "Joined",
  expired: "Expired",
  revoked: "Revoked",
};
