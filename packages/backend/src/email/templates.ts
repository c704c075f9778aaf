export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailTemplates {
  password_reset: { link: string; requested_by_admin: boolean; ttl_minutes: number };
  waitlist_confirm: { link: string; invited_by: string | null };
  waitlist_approved: { link: string; ttl_days: number };
  waitlist_rejected: { link: string };
  waitlist_already_member: { link: string };
  invitation_registration: { link: string; invited_by: string; ttl_days: number };
  invitation_existing_account: { link: string; invited_by: string };
  email_change_confirm: { link: string; new_email: string; ttl_hours: number };
  email_changed_notice: { link: string; new_email: string; ttl_days: number };
  data_export_confirm: { link: string; ttl_minutes: number };
  data_export_ready: { link: string; expires_on: string };
  account_delete_confirm: { link: string; ttl_minutes: number; grace_days: number };
  account_deletion_scheduled: { link: string; deletion_on: string };
  account_reactivate_confirm: { link: string; ttl_minutes: number; deletion_on: string };
  email_confirm: { link: string; ttl_hours: number; expires_days: number };
  registration_attempt: { link: string; reset_link: string };
}
export type TemplateName = keyof EmailTemplates;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const LINE_BREAKING = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu;
/**
 * Every value a template receives passes through here, whoever supplied it (an inviter's display name
 * included): one line without control characters, so no text can add lines or headers to an email.
 * The HTML part escapes on top of this.
 */
export function oneLine(value: string): string {
  return value.replace(LINE_BREAKING, " ").replace(/ {2,}/g, " ").trim();
}

/** One look for every email: a plain card with a single call to action; the text part says the same. */
function layout(opts: {
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}) {
  const text = [
    opts.heading,
    "",
    ...opts.paragraphs,
    "",
    `${opts.action.label}: ${opts.action.url}`,
    "",
    opts.footer,
    "",
    "— Chat3D",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="margin:0;background:#f4f4f5;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border-radius:12px;border:1px solid #e4e4e7">
<tr><td style="padding:28px 32px 0;font-weight:700;font-size:18px;letter-spacing:-0.01em">Chat3D</td></tr>
<tr><td style="padding:16px 32px 8px"><h1 style="margin:0 0 12px;font-size:20px;line-height:1.3">${escapeHtml(opts.heading)}</h1>
${opts.paragraphs.map((p) => `<p style="margin:0 0 12px;font-size:15px;line-height:1.6;color:#3f3f46">${escapeHtml(p)}</p>`).join("\n")}
</td></tr>
<tr><td style="padding:8px 32px 24px"><a href="${escapeHtml(opts.action.url)}" style="display:inline-block;background:#18181b;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 20px;border-radius:8px">${escapeHtml(opts.action.label)}</a>
<p style="margin:16px 0 0;font-size:13px;line-height:1.5;color:#71717a">Or paste this link into your browser:<br><span style="word-break:break-all">${escapeHtml(opts.action.url)}</span></p></td></tr>
<tr><td style="padding:16px 32px 28px;border-top:1px solid #e4e4e7;font-size:13px;line-height:1.5;color:#71717a">${escapeHtml(opts.footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { text, html };
}

const renderers: { [N in TemplateName]: (p: EmailTemplates[N]) => RenderedEmail } = {
  email_confirm: (p) => ({
    subject: "Confirm your email for Chat3D",
    ...layout({
      heading: "Confirm your email",
      paragraphs: [
        "Thanks for creating a Chat3D account. Confirm that this address is yours to invite people, share models and export your data.",
        `The link works once and expires in ${p.ttl_hours} hours. An account left unconfirmed is removed after ${p.expires_days} days.`,
      ],
      action: { label: "Confirm my email", url: p.link },
      footer: "If you did not create this account, ignore this email: it is removed unless it is confirmed.",
    }),
  }),
  registration_attempt: (p) => ({
    subject: "Someone tried to create a Chat3D account with your email",
    ...layout({
      heading: "You already have an account",
      paragraphs: [
        "Someone, maybe you, tried to create a Chat3D account with this address. It already has one, so nothing was created and nothing changed.",
        `Forgot your password? Choose a new one here: ${p.reset_link}`,
      ],
      action: { label: "Sign in", url: p.link },
      footer: "If this was not you, you can ignore this email: your account stays as it is.",
    }),
  }),
  password_reset: (p) => ({
    subject: "Reset your Chat3D password",
    ...layout({
      heading: "Reset your password",
      paragraphs: [
        p.requested_by_admin
          ? "An administrator started a password reset for your Chat3D account."
          : "Someone asked to reset the password of your Chat3D account.",
        `The link works once and expires in ${p.ttl_minutes} minutes.`,
      ],
      action: { label: "Choose a new password", url: p.link },
      footer: "If you did not expect this, ignore this email: your password stays as it is.",
    }),
  }),
  waitlist_confirm: (p) => ({
    subject: p.invited_by ? `${p.invited_by} invited you to Chat3D` : "Confirm your place on the Chat3D waitlist",
    ...layout({
      heading: p.invited_by ? "You're invited to the Chat3D waitlist" : "Confirm your email",
      paragraphs: [
        p.invited_by
          ? `${p.invited_by} invited you to Chat3D, where you describe a part in plain words and get a CAD model back. Confirm your email to join the waitlist.`
          : "Thanks for joining the Chat3D waitlist. Confirm your email address to keep your place.",
        "We'll email you again as soon as your account is approved.",
      ],
      action: { label: "Confirm my email", url: p.link },
      footer: "If you did not ask for this, ignore this email and nothing happens.",
    }),
  }),
  waitlist_approved: (p) => ({
    subject: "You're in: create your Chat3D account",
    ...layout({
      heading: "Your Chat3D account is ready to create",
      paragraphs: [
        "Your place on the waitlist has been approved.",
        `The link below works once, for this email address, and expires in ${p.ttl_days} days.`,
      ],
      action: { label: "Create my account", url: p.link },
      footer: "If you did not join the Chat3D waitlist, ignore this email.",
    }),
  }),
  waitlist_rejected: (p) => ({
    subject: "About your Chat3D waitlist request",
    ...layout({
      heading: "We can't offer you an account yet",
      paragraphs: [
        "Thank you for your interest in Chat3D. We are not able to approve your waitlist request at this time.",
        "You can check the status of your request at any time.",
      ],
      action: { label: "View my request", url: p.link },
      footer: "We removed nothing: if things change, we'll write again.",
    }),
  }),
  waitlist_already_member: (p) => ({
    subject: "You already have a Chat3D account",
    ...layout({
      heading: "You already have an account",
      paragraphs: ["Someone asked to add this email address to the Chat3D waitlist, but it already has an account."],
      action: { label: "Sign in", url: p.link },
      footer: "If you did not ask for this, you can ignore this email.",
    }),
  }),
  invitation_registration: (p) => ({
    subject: `${p.invited_by} invited you to Chat3D`,
    ...layout({
      heading: "You're invited to Chat3D",
      paragraphs: [
        `${p.invited_by} invited you to Chat3D, where you describe a part in plain words and get a CAD model back.`,
        `The link below works once, for this email address, and expires in ${p.ttl_days} days.`,
      ],
      action: { label: "Accept the invitation", url: p.link },
      footer: "If you don't know the sender, ignore this email and nothing happens.",
    }),
  }),
  invitation_existing_account: (p) => ({
    subject: `${p.invited_by} invited you to Chat3D`,
    ...layout({
      heading: "You're already on Chat3D",
      paragraphs: [`${p.invited_by} invited you to Chat3D, and this email address already has an account.`],
      action: { label: "Sign in", url: p.link },
      footer: "You don't need to do anything else.",
    }),
  }),
  email_change_confirm: (p) => ({
    subject: "Confirm your new Chat3D email address",
    ...layout({
      heading: "Confirm your new email address",
      paragraphs: [
        `Someone signed in to Chat3D asked to move their account to this address (${p.new_email}).`,
        `Confirm it to sign in with this address from now on. The link works once and expires in ${p.ttl_hours} hours.`,
      ],
      action: { label: "Use this email address", url: p.link },
      footer: "If you did not ask for this, ignore this email: no account moves to this address.",
    }),
  }),
  email_changed_notice: (p) => ({
    subject: "Your Chat3D email address was changed",
    ...layout({
      heading: "Your email address was changed",
      paragraphs: [
        `Your Chat3D account now signs in with ${p.new_email} instead of this address.`,
        `If this wasn't you, undo it: the account moves back to this address, every device is signed out and we send you a link to choose a new password. The link works for ${p.ttl_days} days.`,
      ],
      action: { label: "This wasn't me — undo the change", url: p.link },
      footer: "If you made this change, you don't need to do anything.",
    }),
  }),
  data_export_confirm: (p) => ({
    subject: "Confirm your Chat3D data export",
    ...layout({
      heading: "Export your data",
      paragraphs: [
        "Someone signed in to your Chat3D account asked for a copy of its data: your profile, every chat and message, every model version with its code and files, your invitations and notifications.",
        `Confirm to start building the archive; we email you when it is ready. The link works once and expires in ${p.ttl_minutes} minutes.`,
      ],
      action: { label: "Start the export", url: p.link },
      footer: "If you did not ask for this, ignore this email: nothing is exported.",
    }),
  }),
  data_export_ready: (p) => ({
    subject: "Your Chat3D data export is ready",
    ...layout({
      heading: "Your data export is ready",
      paragraphs: [
        "The archive of your Chat3D data is ready to download.",
        `Sign in to download it: only you can, and only until ${p.expires_on}, when it is deleted.`,
      ],
      action: { label: "Download my data", url: p.link },
      footer: "If you did not ask for an export, change your password: someone may be signed in to your account.",
    }),
  }),
  account_delete_confirm: (p) => ({
    subject: "Confirm the deletion of your Chat3D account",
    ...layout({
      heading: "Delete your account",
      paragraphs: [
        "Someone signed in to your Chat3D account asked to delete it.",
        `Once you confirm, the account is deactivated at once and deleted for good after ${p.grace_days} days: your chats, models, files, invitations and notifications. Until then you can reactivate it.`,
        `The link works once and expires in ${p.ttl_minutes} minutes.`,
      ],
      action: { label: "Delete my account", url: p.link },
      footer: "If you did not ask for this, ignore this email and change your password: your account stays as it is.",
    }),
  }),
  account_deletion_scheduled: (p) => ({
    subject: "Your Chat3D account will be deleted",
    ...layout({
      heading: "Your account is deactivated",
      paragraphs: [
        `Your Chat3D account is deactivated and every device was signed out. On ${p.deletion_on} it is deleted for good, with your chats, models and files.`,
        "Changed your mind? Reactivate it before then and everything is as you left it.",
      ],
      action: { label: "Keep my account", url: p.link },
      footer: "If you did not delete your account, reactivate it and change your password.",
    }),
  }),
  account_reactivate_confirm: (p) => ({
    subject: "Reactivate your Chat3D account",
    ...layout({
      heading: "Reactivate your account",
      paragraphs: [
        `Your Chat3D account is set to be deleted on ${p.deletion_on}. Confirm to cancel the deletion and sign in again.`,
        `The link works once and expires in ${p.ttl_minutes} minutes.`,
      ],
      action: { label: "Reactivate my account", url: p.link },
      footer: "If you did not ask for this, ignore this email: the account stays deactivated.",
    }),
  }),
};

export function renderEmail<N extends TemplateName>(name: N, params: EmailTemplates[N]): RenderedEmail {
  const safe = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === "string" ? oneLine(value) : value]),
  ) as EmailTemplates[N];
  return renderers[name](safe);
}
