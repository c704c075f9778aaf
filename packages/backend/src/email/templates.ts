export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailTemplates {
  password_reset: { link: string; requested_by_admin: boolean; ttl_minutes: number };
}
export type TemplateName = keyof EmailTemplates;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** One look for every email: a plain card with a single call to action; the text part says the same. */
function layout(opts: { heading: string; paragraphs: string[]; action: { label: string; url: string }; footer: string }) {
  const text = [opts.heading, "", ...opts.paragraphs, "", `${opts.action.label}: ${opts.action.url}`, "", opts.footer, "", "— Chat3D"].join(
    "\n",
  );
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
};

export function renderEmail<N extends TemplateName>(name: N, params: EmailTemplates[N]): RenderedEmail {
  return renderers[name](params);
}
