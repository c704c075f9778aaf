/** What each recorded action means, in words an administrator reads at a glance. */
export const actionLabels: Record<string, string> = {
  "auth.registered": "Account created",
  "auth.refresh_token_reuse": "Stolen session blocked",
  "registration_token.consumed": "Invitation link used",
  "waitlist.registered": "Account created from an approved request",
  "user.activated": "User activated",
  "user.deactivated": "User deactivated",
  "user.password_reset_requested": "Password reset sent",
  "settings.updated": "Settings changed",
  "waitlist.email_confirmed": "Waitlist email confirmed",
  "waitlist.approved": "Waitlist request approved",
  "waitlist.rejected": "Waitlist request rejected",
  "invitation.created": "Invitation sent",
  "invitation.revoked": "Invitation revoked",
  "job.retried": "Background job retried",
};

const targetLabels: Record<string, string> = {
  user: "User",
  app_settings: "Settings",
  waitlist_entry: "Waitlist entry",
  invitation: "Invitation",
  registration_token: "Sign-up link",
  session: "Session",
  job: "Job",
};

function humanize(text: string) {
  const words = text.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actionLabel(action: string): string {
  return actionLabels[action] ?? humanize(action);
}

export function targetLabel(targetType: string): string {
  return targetLabels[targetType] ?? humanize(targetType);
}

export type Change = { field: string; before: unknown; after: unknown };

// Bookkeeping that changes with every write; listing it would bury the change that matters.
const IGNORED_FIELDS = new Set(["updated_at", "updated_by"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The fields whose value differs between the recorded before and after (a missing side counts as absent). */
export function changesBetween(before: unknown, after: unknown): Change[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: "value", before, after }];
  }
  const from = isRecord(before) ? before : {};
  const to = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields
    .filter((field) => !IGNORED_FIELDS.has(field) && JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => ({ field, before: from[field], after: to[field] }));
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}
