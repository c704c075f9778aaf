import { describe, expect, it } from "vitest";
import { renderEmail, type EmailTemplates, type TemplateName } from "./templates.js";

// Email header injection: whatever a template receives, from whoever supplied it, ends up on one line.
const INJECTION = "Eve\r\nBcc: victim@example.test\r\n\r\n<b>Click</b>\u2028evil.example\u0000";
const TEMPLATES: { [N in TemplateName]: EmailTemplates[N] } = {
  password_reset: { link: "https://app.test/a", requested_by_admin: true, ttl_minutes: 60 },
  waitlist_confirm: { link: "https://app.test/a", invited_by: INJECTION },
  waitlist_approved: { link: "https://app.test/a", ttl_days: 7 },
  waitlist_rejected: { link: "https://app.test/a" },
  waitlist_already_member: { link: "https://app.test/a" },
  invitation_registration: { link: "https://app.test/a", invited_by: INJECTION, ttl_days: 7 },
  invitation_existing_account: { link: "https://app.test/a", invited_by: INJECTION },
  email_change_confirm: { link: "https://app.test/a", new_email: INJECTION, ttl_hours: 24 },
  email_changed_notice: { link: "https://app.test/a", new_email: INJECTION, ttl_days: 7 },
  data_export_confirm: { link: "https://app.test/a", ttl_minutes: 60 },
  data_export_ready: { link: "https://app.test/a", expires_on: INJECTION },
  account_delete_confirm: { link: "https://app.test/a", ttl_minutes: 60, grace_days: 30 },
  account_deletion_scheduled: { link: "https://app.test/a", deletion_on: INJECTION },
  account_reactivate_confirm: { link: "https://app.test/a", ttl_minutes: 60, deletion_on: INJECTION },
  email_confirm: { link: "https://app.test/a", ttl_hours: 72, expires_days: 7 },
  registration_attempt: { link: "https://app.test/a", reset_link: "https://app.test/b" },
};

describe("email templates", () => {
  for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
    it(`when ${name} gets a value with line breaks and control characters, then its subject is one line and no header line appears in the body`, () => {
      const mail = renderEmail(name, TEMPLATES[name] as never);
      expect(mail.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
      expect(mail.text).not.toMatch(/^\s*Bcc:/im);
      expect(mail.html).not.toMatch(/\nBcc:|<b>Click/);
    });
  }

  it("when the inviter's name is the injection, then it stays in the subject as plain words", () => {
    const mail = renderEmail("invitation_registration", TEMPLATES.invitation_registration);
    expect(mail.subject).toBe("Eve Bcc: victim@example.test <b>Click</b> evil.example invited you to Chat3D");
  });
});
