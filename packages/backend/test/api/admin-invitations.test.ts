import { AdminInvitationListSchema, AuditLogListSchema, InvitationListSchema } from "@chat3d/shared";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { member, signUp, takeMail } from "../helpers/accounts.js";
import { linkIn } from "../helpers/smtp.js";

let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
  await admin.patch("/api/admin/settings", {
    invitations_enabled: true,
    invitation_waitlist_required: false,
    invitation_quota_per_user: 5,
  });
});
afterAll(() => app.stop());

/** A person named Grace who invited two addresses carrying `tag`. */
async function graceInvites(tag: string) {
  const client = new TestClient(app.url);
  const email = uniqueEmail("grace");
  await signUp(app, client, { email, password: PASSWORD, display_name: "Grace" });
  const invitees = [uniqueEmail(`${tag}-a`), uniqueEmail(`${tag}-b`)];
  expect((await client.post("/api/invitations", { emails: invitees })).status).toBe(201);
  return { client, email, invitees };
}

const list = async (qs: string) =>
  AdminInvitationListSchema.parse((await admin.get(`/api/admin/invitations?${qs}`)).body);

describe("admin invitations", () => {
  it("when listing, then each invitation shows its inviter, and search, status and paging narrow it", async () => {
    const tag = `list${Date.now()}`;
    const { email, invitees } = await graceInvites(tag);
    await graceInvites(`other${Date.now()}`);

    const found = await list(`query=${tag}`);
    expect(found.total).toBe(2);
    expect(found.items.map((i) => i.invitee_email).sort()).toEqual([...invitees].sort());
    expect(found.items[0]).toMatchObject({
      status: "registration_sent",
      inviter: { email, display_name: "Grace" },
    });

    const paged = await list(`query=${tag}&page=2&page_size=1`);
    expect(paged).toMatchObject({ total: 2, page: 2, page_size: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.items[0]!.id).not.toBe((await list(`query=${tag}&page=1&page_size=1`)).items[0]!.id);

    expect((await list(`query=${tag}&status=revoked`)).total).toBe(0);
    expect((await list(`query=${tag}&status=registration_sent`)).total).toBe(2);
    expect((await admin.get("/api/admin/invitations?status=lost")).status).toBe(400);
  });

  it("when an admin revokes an open invitation, then it is revoked for the inviter, audited and the inviter is told", async () => {
    const tag = `revoke${Date.now()}`;
    const { client, invitees } = await graceInvites(tag);
    const target = (await list(`query=${invitees[0]}`)).items[0]!;
    const { params } = linkIn(await takeMail(app, invitees[0]!), "/register");

    const res = await admin.delete(`/api/admin/invitations/${target.id}`);
    expect(res.status).toBe(200);
    expect(res.body.invitation).toMatchObject({ id: target.id, status: "revoked" });
    const attempt = await new TestClient(app.url).post("/api/auth/register", {
      email: invitees[0],
      password: PASSWORD,
      registration_token: params.get("token"),
    });
    expect(attempt.status).toBe(422);

    expect((await list(`query=${tag}&status=revoked`)).items.map((i) => i.id)).toEqual([target.id]);
    const own = InvitationListSchema.parse((await client.get("/api/invitations")).body);
    expect(own.items.find((i) => i.id === target.id)?.status).toBe("revoked");
    // The slot comes back to the inviter, as when they revoke it themselves.
    expect(own.quota.used).toBe(1);

    const audit = AuditLogListSchema.parse(
      (await admin.get("/api/admin/audit-log?action=invitation.revoked_by_admin&page_size=100")).body,
    );
    expect(audit.items.find((e) => e.target_id === target.id)).toMatchObject({
      actor: { email: ADMIN.email },
      before: { status: "registration_sent" },
      after: { status: "revoked" },
    });

    const notes = (await client.get("/api/notifications")).body.items as { event_type: string; payload: unknown }[];
    expect(notes.find((n) => n.event_type === "invitation.revoked_by_admin")?.payload).toMatchObject({
      body: `An administrator revoked your invitation to ${invitees[0]}.`,
    });

    const again = await admin.delete(`/api/admin/invitations/${target.id}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invalid_state");
  });

  it("when the id is unknown or malformed, then 404 and 400", async () => {
    const missing = await admin.delete(`/api/admin/invitations/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBeTruthy();
    expect((await admin.delete("/api/admin/invitations/not-an-id")).status).toBe(400);
  });

  it("when a non-admin calls it, then 403 and the invitation stays open", async () => {
    const { invitees } = await graceInvites(`guard${Date.now()}`);
    const target = (await list(`query=${invitees[0]}`)).items[0]!;
    const { client } = await member(app, "nosy");
    expect((await client.get("/api/admin/invitations")).status).toBe(403);
    expect((await client.delete(`/api/admin/invitations/${target.id}`)).status).toBe(403);
    expect((await list(`query=${invitees[0]}`)).items[0]!.status).toBe("registration_sent");
  });
});
