import { AdminWaitlistListSchema, WaitlistStatusResponseSchema } from "@chat3d/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { linkIn, startSmtp, type SmtpSink } from "../helpers/smtp.js";

let smtp: SmtpSink;
let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    MAIL_FROM: "Chat3D <no-reply@app.test>",
  });
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
  await admin.patch("/api/admin/settings", { waitlist_enabled: true });
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});

const tokenHeader = (token: string) => ({ "x-chat3d-token": token });

async function joinAndConfirm(email: string) {
  const visitor = new TestClient(app.url);
  expect((await visitor.post("/api/waitlist/join", { email, marketing_consent: true })).status).toBe(202);
  const { params } = linkIn(await smtp.take(email), "/waitlist/confirm");
  const token = params.get("token")!;
  expect((await visitor.post("/api/waitlist/confirm-email", { token })).status).toBe(200);
  return { visitor, token };
}

async function entryId(email: string) {
  const list = AdminWaitlistListSchema.parse(
    (await admin.get(`/api/admin/waitlist?query=${encodeURIComponent(email)}`)).body,
  );
  return list.items[0]!.id;
}

describe("the waitlist, end to end through SMTP", () => {
  it("when someone joins, confirms, is approved and registers, then the registration link works exactly once", async () => {
    const email = uniqueEmail("wl");
    const visitor = new TestClient(app.url);

    const joined = await visitor.post("/api/waitlist/join", { email, marketing_consent: true });
    expect(joined.status).toBe(202);
    expect(joined.body.status).toBe("check_your_email");

    const confirmMail = await smtp.take(email);
    expect(confirmMail.subject).toBe("Confirm your place on the Chat3D waitlist");
    expect(confirmMail.from?.value[0]).toMatchObject({ name: "Chat3D", address: "no-reply@app.test" });
    const { url, params } = linkIn(confirmMail, "/waitlist/confirm");
    expect(url.origin).toBe("http://app.test");
    expect(url.search).toBe("");
    const token = params.get("token")!;

    const preview = await visitor.get("/api/waitlist/confirm-email", tokenHeader(token));
    expect(preview.body).toEqual({ email, status: "pending_email_confirmation", expired: false });
    const confirmed = await visitor.post("/api/waitlist/confirm-email", { token });
    expect(confirmed.body.entry).toMatchObject({ email, status: "pending_admin_approval", marketing_consent: true });
    expect((await visitor.post("/api/waitlist/confirm-email", { token })).status).toBe(409);

    const status = WaitlistStatusResponseSchema.parse(
      (await visitor.get("/api/waitlist/status", tokenHeader(token))).body,
    );
    expect(status).toMatchObject({ known: true, entry: { email, status: "pending_admin_approval" } });

    const pending = AdminWaitlistListSchema.parse(
      (await admin.get("/api/admin/waitlist?status=pending_admin_approval")).body,
    );
    const entry = pending.items.find((e) => e.email === email)!;
    const notes = await admin.get("/api/notifications");
    expect(notes.body.items.map((n: { payload: { body: string } }) => n.payload.body)).toContain(
      `${email} confirmed their email and is waiting for approval.`,
    );

    const approved = await admin.patch(`/api/admin/waitlist/${entry.id}/approve`);
    expect(approved.body.entry.status).toBe("approved");
    const approvalMail = await smtp.take(email);
    expect(approvalMail.subject).toBe("You're in: create your Chat3D account");
    const registration = linkIn(approvalMail, "/register").params;
    expect(registration.get("email")).toBe(email);

    const registrant = new TestClient(app.url);
    const registered = await registrant.post("/api/auth/register", {
      email,
      password: PASSWORD,
      registration_token: registration.get("token"),
    });
    expect(registered.status).toBe(201);

    await app.database.db.deleteFrom("users").where("email", "=", email).execute();
    const again = await new TestClient(app.url).post("/api/auth/register", {
      email,
      password: PASSWORD,
      registration_token: registration.get("token"),
    });
    expect(again.status).toBe(422);
  });

  it("when an approved request is used to register, then the link says so, the audit log says so and the admins' note is read", async () => {
    const email = uniqueEmail("approved");
    await joinAndConfirm(email);
    const id = await entryId(email);
    const note = async () =>
      (await admin.get("/api/notifications")).body.items.find(
        (n: { payload: { waitlist_entry_id?: string } }) => n.payload.waitlist_entry_id === id,
      );
    expect((await note()).read_at).toBeNull();

    expect((await admin.patch(`/api/admin/waitlist/${id}/approve`)).status).toBe(200);
    expect((await note()).read_at).not.toBeNull();
    const link = linkIn(await smtp.take(email), "/register").params;
    expect(link.get("via")).toBe("waitlist");
    const registrant = new TestClient(app.url);
    const registered = await registrant.post("/api/auth/register", {
      email,
      password: PASSWORD,
      registration_token: link.get("token"),
    });
    expect(registered.status).toBe(201);
    const audit = await admin.get(`/api/admin/audit-log?action=waitlist.registered`);
    expect(audit.body.items.map((e: { actor: { email: string } | null }) => e.actor?.email)).toContain(email);
    const invitationUses = await admin.get(`/api/admin/audit-log?action=registration_token.consumed`);
    expect(invitationUses.body.items.map((e: { actor: { email: string } | null }) => e.actor?.email)).not.toContain(
      email,
    );
  });

  it("when an admin rejects a request, then the admins' note about it is read too", async () => {
    const email = uniqueEmail("rejected-note");
    await joinAndConfirm(email);
    const id = await entryId(email);
    expect((await admin.patch(`/api/admin/waitlist/${id}/reject`)).status).toBe(200);
    const { items } = (await admin.get("/api/notifications")).body;
    const note = items.find((n: { payload: { waitlist_entry_id?: string } }) => n.payload.waitlist_entry_id === id);
    expect(note.read_at).not.toBeNull();
  });

  it("when there are more than a hundred admins, then every one of them hears about a confirmed request", async () => {
    const { db } = app.server.container;
    await sql`
      INSERT INTO users (email, password_hash, role)
      SELECT 'extra-admin-' || n || '@example.test', 'not-a-hash', 'admin' FROM generate_series(1, 120) AS n`.execute(
      db,
    );
    const email = uniqueEmail("crowd");
    await joinAndConfirm(email);
    const body = `${email} confirmed their email and is waiting for approval.`;
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(db)).rows[0]!.n);
    const admins = await count(sql`SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'`);
    const told = await count(
      sql`SELECT count(DISTINCT user_id) AS n FROM notifications WHERE payload->>'body' = ${body}`,
    );
    expect(admins).toBeGreaterThan(120);
    expect(told).toBe(admins);
  });

  it("when anyone asks to join, then the answer is the same whether the email is new, waiting or a member", async () => {
    const waiting = uniqueEmail("wl");
    await new TestClient(app.url).post("/api/waitlist/join", { email: waiting });
    const answers = [];
    for (const email of [uniqueEmail("wl"), waiting, ADMIN.email]) {
      const res = await new TestClient(app.url).post("/api/waitlist/join", { email });
      answers.push([res.status, res.body]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect((await smtp.take(ADMIN.email)).subject).toBe("You already have a Chat3D account");
  });

  it("when the status is asked without the holder's token, then it reveals nothing", async () => {
    const res = await new TestClient(app.url).get("/api/waitlist/status");
    expect(res.body).toMatchObject({ known: false });
    const wrong = await new TestClient(app.url).get("/api/waitlist/status", tokenHeader("x".repeat(43)));
    expect(wrong.body).toEqual(res.body);
  });

  it("when an admin rejects a confirmed entry, then the person is told and it cannot be approved later", async () => {
    const email = uniqueEmail("wl");
    await joinAndConfirm(email);
    const id = await entryId(email);
    expect((await admin.patch(`/api/admin/waitlist/${id}/reject`)).body.entry.status).toBe("rejected");
    expect((await smtp.take(email)).subject).toBe("About your Chat3D waitlist request");
    const late = await admin.patch(`/api/admin/waitlist/${id}/approve`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe("This entry is already rejected, so it cannot be approved.");
  });

  it("when an admin approves in bulk, then each entry is handled and failures are reported per entry", async () => {
    const ready = [uniqueEmail("bulk"), uniqueEmail("bulk")];
    for (const email of ready) await joinAndConfirm(email);
    const ids = await Promise.all(ready.map(entryId));
    const unconfirmed = uniqueEmail("bulk");
    await new TestClient(app.url).post("/api/waitlist/join", { email: unconfirmed });
    const res = await admin.post("/api/admin/waitlist/bulk", {
      action: "approve",
      ids: [...ids, await entryId(unconfirmed)],
    });
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    for (const email of ready) expect((await smtp.take(email)).subject).toBe("You're in: create your Chat3D account");
  });

  it("when input is bad, then the waitlist answers 400 or 404, never 500", async () => {
    const visitor = new TestClient(app.url);
    expect((await visitor.post("/api/waitlist/join", { email: "nope" })).status).toBe(400);
    expect((await visitor.post("/api/waitlist/confirm-email", {})).status).toBe(400);
    expect((await visitor.post("/api/waitlist/confirm-email", { token: "y".repeat(43) })).status).toBe(422);
    expect((await visitor.get("/api/waitlist/confirm-email")).status).toBe(400);
    expect((await visitor.get("/api/waitlist/confirm-email", tokenHeader("y".repeat(43)))).status).toBe(404);
    expect((await admin.patch("/api/admin/waitlist/00000000-0000-4000-8000-000000000000/approve")).status).toBe(404);
    expect((await admin.post("/api/admin/waitlist/bulk", { action: "approve", ids: [] })).status).toBe(400);
  });
});
