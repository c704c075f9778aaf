import { CreateInvitationsResponseSchema, InvitationListSchema } from "@chat3d/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { linkIn, startSmtp, type SmtpSink } from "../helpers/smtp.js";

let smtp: SmtpSink;
let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});
beforeEach(async () => {
  await admin.patch("/api/admin/settings", {
    waitlist_enabled: false,
    invitations_enabled: true,
    invitation_waitlist_required: false,
    invitation_quota_per_user: 3,
  });
});

async function inviter() {
  const client = new TestClient(app.url);
  const email = uniqueEmail("inviter");
  const res = await signUp(app, client, { email, password: PASSWORD, display_name: "Grace" });
  return { client, email, id: res.body.user.id as string };
}

describe("invitations", () => {
  it("when registration links are the policy, then the invitee registers from the email and the inviter is told", async () => {
    const { client } = await inviter();
    await admin.patch("/api/admin/settings", { waitlist_enabled: true });
    const invitee = uniqueEmail("invitee");
    const created = CreateInvitationsResponseSchema.parse(
      (await client.post("/api/invitations", { emails: [invitee] })).body,
    );
    expect(created.results).toEqual([expect.objectContaining({ email: invitee, outcome: "invited" })]);
    expect(created.results[0]!.invitation!.status).toBe("registration_sent");
    expect(created.quota).toEqual({ limit: 3, used: 1, remaining: 2 });

    const mail = await smtp.take(invitee);
    expect(mail.subject).toBe("Grace invited you to Chat3D");
    const { params } = linkIn(mail, "/register");
    const registered = await new TestClient(app.url).post("/api/auth/register", {
      email: params.get("email"),
      password: PASSWORD,
      registration_token: params.get("token"),
    });
    expect(registered.status).toBe(201);
    // The invitation came to this address, which proves it.
    expect(registered.body.user.email_confirmed).toBe(true);

    const list = InvitationListSchema.parse((await client.get("/api/invitations")).body);
    expect(list.items[0]!.status).toBe("accepted");
    const notes = (await client.get("/api/notifications")).body.items;
    expect(notes[0]).toMatchObject({ event_type: "invitation.accepted", payload: { title: "Invitation accepted" } });
  });

  it("when the waitlist is the policy, then the invitee gets the waitlist email naming the inviter", async () => {
    await admin.patch("/api/admin/settings", { invitation_waitlist_required: true });
    const { client } = await inviter();
    const invitee = uniqueEmail("invitee");
    const res = CreateInvitationsResponseSchema.parse(
      (await client.post("/api/invitations", { emails: [invitee] })).body,
    );
    expect(res.results[0]!.invitation!.status).toBe("waitlisted");
    const mail = await smtp.take(invitee);
    expect(mail.subject).toBe("Grace invited you to Chat3D");
    expect(mail.text).toContain("Confirm your email to join the waitlist");
    linkIn(mail, "/waitlist/confirm");
  });

  it("when 20 invitations race against a quota of 3, then exactly 3 are created", async () => {
    const { client, id } = await inviter();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.post("/api/invitations", { emails: [uniqueEmail("race")] })),
    );
    const outcomes = results.map((r) => r.body.results[0].outcome);
    expect(outcomes.filter((o) => o === "invited")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "quota_exceeded")).toHaveLength(17);
    const rows = await app.database.db
      .selectFrom("invitations")
      .select("id")
      .where("inviter_user_id", "=", id)
      .execute();
    expect(rows).toHaveLength(3);
  });

  it("when an invitation is revoked, then its link no longer registers and its slot comes back", async () => {
    const { client } = await inviter();
    const invitee = uniqueEmail("revoked");
    const created = CreateInvitationsResponseSchema.parse(
      (await client.post("/api/invitations", { emails: [invitee] })).body,
    );
    const { params } = linkIn(await smtp.take(invitee), "/register");

    const revoked = await client.request("DELETE", `/api/invitations/${created.results[0]!.invitation!.id}`);
    expect(revoked.body.invitation.status).toBe("revoked");
    const attempt = await new TestClient(app.url).post("/api/auth/register", {
      email: invitee,
      password: PASSWORD,
      registration_token: params.get("token"),
    });
    expect(attempt.status).toBe(422);
    expect((await client.get("/api/invitations")).body.quota).toEqual({ limit: 3, used: 0, remaining: 3 });
  });

  it("when one person sends several emails at once, then duplicates, the quota and bad input are handled per email", async () => {
    const { client } = await inviter();
    const [a, b, c, d] = [uniqueEmail("m"), uniqueEmail("m"), uniqueEmail("m"), uniqueEmail("m")];
    await client.post("/api/invitations", { emails: [a] });
    const res = CreateInvitationsResponseSchema.parse(
      (await client.post("/api/invitations", { emails: [a, b, c, d] })).body,
    );
    expect(res.results.map((r) => r.outcome)).toEqual(["already_invited", "invited", "invited", "quota_exceeded"]);
    // Nothing created answers 200, not 201: the batch made no new resource.
    const none = await client.post("/api/invitations", { emails: [a, d] });
    expect([none.status, none.body.results.map((r: { outcome: string }) => r.outcome)]).toEqual([
      200,
      ["already_invited", "quota_exceeded"],
    ]);
    expect((await client.post("/api/invitations", { emails: ["not-an-email"] })).status).toBe(400);
    expect((await client.post("/api/invitations", { emails: [] })).status).toBe(400);
    expect((await client.post("/api/invitations", { emails: [b, b] })).status).toBe(400);
  });

  it("when someone else's invitation or an unknown id is revoked, then it answers 404", async () => {
    const owner = await inviter();
    const other = await inviter();
    const created = (await owner.client.post("/api/invitations", { emails: [uniqueEmail("x")] })).body;
    const id = created.results[0].invitation.id;
    expect((await other.client.request("DELETE", `/api/invitations/${id}`)).status).toBe(404);
    expect((await owner.client.request("DELETE", "/api/invitations/not-a-uuid")).status).toBe(400);
    expect((await owner.client.request("DELETE", `/api/invitations/${id}`)).status).toBe(200);
    expect((await owner.client.request("DELETE", `/api/invitations/${id}`)).status).toBe(409);
  });

  it("when invitations are turned off, then inviting is refused but the list still loads", async () => {
    await admin.patch("/api/admin/settings", { invitations_enabled: false });
    const { client } = await inviter();
    expect((await client.post("/api/invitations", { emails: [uniqueEmail()] })).status).toBe(403);
    expect((await client.get("/api/invitations")).body.invitations_enabled).toBe(false);
  });

  it("when the invitee already has an account, then the inviter sees a sent invitation and the member gets a sign-in note", async () => {
    const { client } = await inviter();
    const member = await inviter();
    const res = CreateInvitationsResponseSchema.parse(
      (await client.post("/api/invitations", { emails: [member.email] })).body,
    );
    expect(res.results[0]!.invitation!.status).toBe("registration_sent");
    expect((await smtp.take(member.email)).subject).toBe("Grace invited you to Chat3D");
  });

  it("when an admin invites, then there is no quota", async () => {
    const emails = Array.from({ length: 5 }, () => uniqueEmail("adm"));
    const res = CreateInvitationsResponseSchema.parse((await admin.post("/api/invitations", { emails })).body);
    expect(res.results.every((r) => r.outcome === "invited")).toBe(true);
    expect(res.quota.limit).toBeNull();
  });
});
