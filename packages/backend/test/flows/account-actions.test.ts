import { AccountActionPreviewSchema, CheckYourEmailSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { cookieOf, member, nextToken, preview, tokenIn } from "../helpers/accounts.js";
import { TestClock } from "../helpers/clock.js";
import { linkIn, startSmtp, type SmtpSink } from "../helpers/smtp.js";
import { openStream } from "../helpers/sse-client.js";

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

const confirm = (body: Record<string, unknown>) => new TestClient(app.url).post("/api/profile/actions/confirm", body);
const login = (email: string, password = PASSWORD) =>
  new TestClient(app.url).post("/api/auth/login", { email, password });

describe("email change", () => {
  it("when a person changes their email, then the new address confirms it and the old one is told, with a way back", async () => {
    const { client, email } = await member(app, "mover");
    const newEmail = uniqueEmail("moved");

    const wrong = await client.post("/api/profile/change-email/request", {
      new_email: newEmail,
      current_password: "not-my-password",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.current_password).toBeDefined();
    const same = await client.post("/api/profile/change-email/request", {
      new_email: email.toUpperCase(),
      current_password: PASSWORD,
    });
    expect(same.body.error.details.new_email).toEqual(["This is already your email address."]);

    const asked = await client.post("/api/profile/change-email/request", {
      new_email: ` ${newEmail.toUpperCase()} `,
      current_password: PASSWORD,
    });
    expect(asked.status).toBe(202);
    CheckYourEmailSchema.parse(asked.body);
    const token = await nextToken(smtp, newEmail);
    const shown = AccountActionPreviewSchema.parse((await preview(app, token)).body);
    expect(shown).toMatchObject({ action_type: "email_change", email, new_email: newEmail, status: "pending" });
    expect((await login(email)).status).toBe(200);

    expect((await confirm({ token, action_type: "email_change" })).body.action.status).toBe("completed");
    expect((await client.get("/api/auth/me")).body.user.email).toBe(newEmail);
    expect((await login(email)).status).toBe(401);
    expect((await login(newEmail)).status).toBe(200);

    // The old address hears of it and can undo it: the address comes back, every device signs out, and a
    // reset link goes to the old address.
    const notice = await smtp.take(email);
    expect(notice.text).toContain(`now signs in with ${newEmail}`);
    const undo = tokenIn(notice);
    expect((await preview(app, undo)).body).toMatchObject({
      action_type: "email_change_revert",
      email: newEmail,
      new_email: email,
    });
    expect((await confirm({ token: undo })).status).toBe(200);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    const reset = await smtp.take(email);
    expect(reset.subject).toMatch(/password/i);
    expect(linkIn(reset, "/account/confirm").params.get("token")).toBeTruthy();
    expect((await login(email)).status).toBe(200);
    expect((await login(newEmail)).status).toBe(401);
  });

  it("when the new address already has an account, then the request looks the same and only the link holder learns why it fails", async () => {
    const { client } = await member(app, "squatter");
    const taken = await member(app, "holder");
    const free = uniqueEmail("free");

    const toFree = await client.post("/api/profile/change-email/request", {
      new_email: free,
      current_password: PASSWORD,
    });
    const toTaken = await client.post("/api/profile/change-email/request", {
      new_email: taken.email,
      current_password: PASSWORD,
    });
    expect(toTaken.status).toBe(toFree.status);
    expect(Object.keys(toTaken.body)).toEqual(Object.keys(toFree.body));

    const token = await nextToken(smtp, taken.email);
    const refused = await confirm({ token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("email_taken");
    expect((await preview(app, token)).body.status).toBe("pending");
    expect((await taken.client.get("/api/auth/me")).body.user.email).toBe(taken.email);
  });
});

describe("account links", () => {
  it("when a link is previewed, used, reused, of another kind or past its time, then only its own single use works", async () => {
    const { client, email } = await member(app, "links");
    expect((await client.post("/api/profile/export-data/request")).status).toBe(202);
    const token = await nextToken(smtp, email);

    for (let i = 0; i < 3; i++) expect((await preview(app, token)).body.status).toBe("pending");
    const otherKind = await confirm({ token, action_type: "account_delete" });
    expect(otherKind.status).toBe(422);
    expect(otherKind.body.error.code).toBe("unsupported_action");
    expect((await client.get("/api/auth/me")).status).toBe(200);

    const [first, second] = await Promise.all([confirm({ token }), confirm({ token })]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect((await confirm({ token })).body.error.code).toBe("token_used");
    expect((await preview(app, token)).body.status).toBe("completed");

    // Past the TTL by the app's clock: the preview says expired and the confirm refuses with 422.
    expect((await client.post("/api/profile/delete-account/request", { current_password: PASSWORD })).status).toBe(202);
    const late = await nextToken(smtp, email);
    clock.advance({ minutes: 61 });
    try {
      expect((await preview(app, late)).body.status).toBe("expired");
      const expired = await confirm({ token: late });
      expect(expired.status).toBe(422);
      expect(expired.body.error.code).toBe("expired_token");
    } finally {
      clock.reset();
    }
    expect((await client.get("/api/auth/me")).body.user.status).toBe("active");

    // A newer request replaces the older link; an account link is no waitlist link and vice versa.
    await client.post("/api/profile/export-data/request");
    const older = await nextToken(smtp, email);
    await client.post("/api/profile/export-data/request");
    await nextToken(smtp, email);
    expect((await confirm({ token: older })).body.error.code).toBe("token_superseded");
    const asWaitlistLink = await new TestClient(app.url).post("/api/waitlist/confirm-email", { token: older });
    expect(asWaitlistLink.body.error.code).toBe("invalid_token");
    expect((await confirm({ token: "A".repeat(43) })).status).toBe(404);
  });

  it("when requests come too fast, then each request route answers 429", async () => {
    const { client } = await member(app, "eager");
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await client.post("/api/profile/export-data/request")).status);
    expect(codes).toEqual([202, 202, 202, 429]);
    const visitor = new TestClient(app.url);
    const email = uniqueEmail("knock");
    const reactivations = [];
    for (let i = 0; i < 4; i++) {
      reactivations.push((await visitor.post("/api/profile/reactivate/request", { email: ` ${email} ` })).status);
    }
    expect(reactivations).toEqual([202, 202, 202, 429]);
  });
});

describe("deletion and reactivation", () => {
  it("when a person deletes their account, then it is deactivated for 30 days, every stream closes, and the sign-in page leads to reactivation", async () => {
    const { client, email, id } = await member(app, "leaver");
    const stream = await openStream(app.url, { cookie: cookieOf(client) });
    await stream.next((e) => e.event === "ready");

    expect((await client.post("/api/profile/delete-account/request", { current_password: "nope" })).status).toBe(400);
    expect((await client.post("/api/profile/delete-account/request", { current_password: PASSWORD })).status).toBe(202);
    const token = await nextToken(smtp, email);
    const before = Date.now();
    expect((await confirm({ token, action_type: "account_delete" })).status).toBe(200);

    const closing = await stream.next((e) => e.event === "account.status.changed");
    expect(closing.data).toMatchObject({ user_id: id, status: "deactivated" });
    await stream.ended;
    expect((await client.get("/api/auth/me")).status).toBe(401);
    const scheduled = await smtp.take(email);
    expect(scheduled.subject).toMatch(/will be deleted/);
    expect(linkIn(scheduled, "/reactivate").url.hash).toBe("");

    // The right password learns of the deletion window; a wrong one gets the generic answer.
    const pending = await login(email);
    expect(pending.status).toBe(403);
    expect(pending.body.error.code).toBe("account_pending_deletion");
    const until = new Date(pending.body.error.details.deactivated_until).getTime();
    expect(until - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 60_000);
    expect(until - before).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);
    expect((await login(email, "wrong-password-here")).body.error.code).toBe("invalid_credentials");

    // Reactivation is asked for signed out, with one answer for every address.
    const visitor = new TestClient(app.url);
    const forMe = await visitor.post("/api/profile/reactivate/request", { email });
    const forNobody = await visitor.post("/api/profile/reactivate/request", { email: uniqueEmail("nobody") });
    expect(forMe.status).toBe(202);
    expect(forNobody.body).toEqual(forMe.body);
    const reactivation = await nextToken(smtp, email);
    expect((await preview(app, reactivation)).body.action_type).toBe("account_reactivate");
    expect((await confirm({ token: reactivation, action_type: "account_reactivate" })).status).toBe(200);
    expect((await login(email)).status).toBe(200);
  });

  it("when an admin reactivates an account in its window, then it signs in again; an admin-deactivated account keeps the generic answer", async () => {
    const admin = new TestClient(app.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const { client, email, id } = await member(app, "rescued");
    await client.post("/api/profile/delete-account/request", { current_password: PASSWORD });
    await confirm({ token: await nextToken(smtp, email) });
    const listed = await admin.get(`/api/admin/users?query=${encodeURIComponent(email)}`);
    expect(listed.body.items[0]).toMatchObject({ status: "deactivated", deleted_at: null });
    expect(listed.body.items[0].deactivated_until).not.toBeNull();

    expect((await admin.patch(`/api/admin/users/${id}/activate`)).status).toBe(200);
    expect((await login(email)).status).toBe(200);

    const blocked = await member(app, "blocked");
    expect((await admin.patch(`/api/admin/users/${blocked.id}/deactivate`)).status).toBe(200);
    expect((await login(blocked.email)).body.error.code).toBe("invalid_credentials");
    // What the reactivation job does for that address: nothing, an admin's deactivation is not the owner's to undo.
    await app.server.container.services.accountActions.sendReactivationTo(blocked.email);
    const links = await app.database.db
      .selectFrom("account_actions")
      .select("id")
      .where("user_id", "=", blocked.id)
      .where("action_type", "=", "account_reactivate")
      .execute();
    expect(links).toEqual([]);
  });
});
