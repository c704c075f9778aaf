import { UNCONFIRMED_ACCOUNT_DAYS } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { preview, signUp, takeMail, tokenIn } from "../helpers/accounts.js";
import { TestClock } from "../helpers/clock.js";
import { linkIn, startSmtp, type SmtpSink } from "../helpers/smtp.js";

let smtp: SmtpSink;
let app: TestApp;
const clock = new TestClock();

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) }, { clock });
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});

const confirm = (token: string) =>
  new TestClient(app.url).post("/api/profile/actions/confirm", { token, action_type: "email_confirm" });
const SOMEONES_VERSION = "00000000-0000-4000-8000-000000000000";

/** A new open sign-up, signed in, its confirmation email still unopened. */
async function unconfirmed(tag = "fresh") {
  const email = uniqueEmail(tag);
  const client = new TestClient(app.url);
  const res = await signUp(app, client, { email, password: PASSWORD }, { confirm: false });
  return { client, email, id: res.body.user.id as string };
}

/** What an unconfirmed account is refused, as [status, code] per action. */
async function gated(client: TestClient) {
  return [
    await client.post("/api/invitations", { emails: [uniqueEmail("friend")] }),
    await client.post(`/api/chat/versions/${SOMEONES_VERSION}/shares`, { include_code: false, formats: ["stl"] }),
    await client.post("/api/profile/export-data/request"),
  ].map((r) => [r.status, r.body?.error?.code ?? null]);
}

describe("confirming an open sign-up's address", () => {
  it("when a person signs up, then they can sign in and chat, but inviting, sharing and exports answer 403 email_unconfirmed until the emailed link is confirmed", async () => {
    const { client, email } = await unconfirmed();
    expect((await client.get("/api/auth/me")).body.user.email_confirmed).toBe(false);
    expect((await client.post("/api/chat/contexts", {})).status).toBe(201);
    expect(await gated(client)).toEqual(Array(3).fill([403, "email_unconfirmed"]));

    const mail = await takeMail(app, email);
    expect(mail.subject).toBe("Confirm your email for Chat3D");
    expect(mail.text).toContain(`removed after ${UNCONFIRMED_ACCOUNT_DAYS} days`);
    const token = tokenIn(mail);
    // The link opens a page; only its POST confirms (a scanner's GET changes nothing).
    expect((await preview(app, token)).body).toMatchObject({ action_type: "email_confirm", email, status: "pending" });
    expect((await client.get("/api/auth/me")).body.user.email_confirmed).toBe(false);
    const done = await confirm(token);
    expect([done.status, done.body.action.status]).toEqual([200, "completed"]);
    expect((await confirm(token)).body.error.code).toBe("token_used");

    expect((await client.get("/api/auth/me")).body.user.email_confirmed).toBe(true);
    expect(await gated(client)).toEqual([
      [201, null],
      [404, "not_found"],
      [202, null],
    ]);
  });

  it("when the person asks for a new link, then only the newest works, and once confirmed a resend answers 409", async () => {
    const { client, email } = await unconfirmed("resend");
    const first = tokenIn(await takeMail(app, email));
    const resent = await client.post("/api/auth/confirm-email/resend");
    expect([resent.status, resent.body.status]).toEqual([202, "check_your_email"]);
    const second = tokenIn(await takeMail(app, email));
    expect((await confirm(first)).body.error.code).toBe("token_superseded");
    expect((await confirm(second)).status).toBe(200);
    const again = await client.post("/api/auth/confirm-email/resend");
    expect([again.status, again.body.error.code]).toEqual([409, "already_confirmed"]);
    expect((await new TestClient(app.url).post("/api/auth/confirm-email/resend")).status).toBe(401);
  });

  it("when an account comes from an invitation link or the admin bootstrap, then it is confirmed already", async () => {
    const admin = new TestClient(app.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).body.user.email_confirmed).toBe(true);
    await admin.patch("/api/admin/settings", { invitations_enabled: true, invitation_waitlist_required: false });
    const invitee = uniqueEmail("invitee");
    expect((await admin.post("/api/invitations", { emails: [invitee] })).status).toBe(201);
    const { params } = linkIn(await takeMail(app, invitee), "/register");
    const registered = await new TestClient(app.url).post("/api/auth/register", {
      email: invitee,
      password: PASSWORD,
      registration_token: params.get("token"),
    });
    expect([registered.status, registered.body.user.email_confirmed]).toEqual([201, true]);
  });

  it(`when an account stays unconfirmed for ${UNCONFIRMED_ACCOUNT_DAYS} days, then the daily sweep removes it and frees the address; a confirmed one and a younger one stay`, async () => {
    const stale = await unconfirmed("stale");
    const kept = await signUp(app, new TestClient(app.url), { email: uniqueEmail("kept"), password: PASSWORD });
    const sweep = app.server.container.services.accountSweep;
    try {
      clock.advance({ days: UNCONFIRMED_ACCOUNT_DAYS - 1 });
      const younger = await unconfirmed("younger");
      await sweep.run();
      expect((await stale.client.get("/api/auth/me")).status).toBe(200);

      clock.advance({ days: 1, minutes: 1 });
      await sweep.run();
      const rows = await app.database.db
        .selectFrom("users")
        .select(["id", "email", "deleted_at"])
        .where("id", "in", [stale.id, kept.body.user.id, younger.id])
        .execute();
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(byId[stale.id]).toMatchObject({ email: `deleted-${stale.id}@deleted.invalid` });
      expect(byId[stale.id]!.deleted_at).not.toBeNull();
      expect(byId[kept.body.user.id]!.deleted_at).toBeNull();
      expect(byId[younger.id]!.deleted_at).toBeNull();
      expect((await stale.client.get("/api/auth/me")).status).toBe(401);
      const audit = await app.database.db
        .selectFrom("audit_log")
        .select("after")
        .where("action", "=", "account.anonymised")
        .where("target_id", "=", stale.id)
        .executeTakeFirstOrThrow();
      expect(audit.after).toMatchObject({ reason: "email_never_confirmed" });
      // The address can sign up again.
      expect(
        (await new TestClient(app.url).post("/api/auth/register", { email: stale.email, password: PASSWORD })).status,
      ).toBe(202);
      expect((await takeMail(app, stale.email)).subject).toBe("Confirm your email for Chat3D");
    } finally {
      clock.reset();
    }
  });
});
