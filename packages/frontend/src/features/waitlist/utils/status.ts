import type { WaitlistStatus } from "@chat3d/shared";

export type Tone = "success" | "warning" | "destructive" | "secondary";

export const statusTone: Record<WaitlistStatus, Tone> = {
  pending_email_confirmation: "secondary",
  pending_admin_approval: "warning",
  approved: "success",
  rejected: "destructive",
};

/** How the person on the waitlist reads their own status. */
export const ownStatusLabels: Record<WaitlistStatus, string> = {
  pending_email_confirmation: "Email not confirmed",
  pending_admin_approval: "Waiting for approval",
  approved: "Approved",
  rejected: "Not approved",
};

/** How an administrator reads an entry's status. */
export const adminStatusLabels: Record<WaitlistStatus, string> = {
  pending_email_confirmation: "Email unconfirmed",
  pending_admin_approval: "Pending approval",
  approved: "Approved",
  rejected: "Rejected",
};

export const canApprove = (status: WaitlistStatus) => status === "pending_admin_approval";
export const canReject = (status: WaitlistStatus) =>
  status === "pending_admin_approval" || status === "pending_email_confirmation";
