import { AdminUserListSchema, AppSettingsSchema, AuditLogListSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LoggedEventMessage } from "../../src/lib/event-bus.js";
import { hashToken } from "../../src/lib/tokens.js";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp, takeMail } from "../helpers/accounts.js";

let app: TestApp;
let admin: TestClient;
const adminEvents: LoggedEventMessage[] = [];

beforeAll(async () => {
  app = await startTestApp();
  app.server.container.relay.subscribe("admins", (m) => adminEvents.push(m));
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(() => app.stop());

async function newUser(tag = "user") {
  const client = new TestClient(app.url);
  const email = uniqueEmail(tag);
  const res = await signUp(app, client, { email, password: PASSWORD });
  return { client, email, id: res.body.user.id as string };
}

describe("access to the admin API", () => {
  it("when a signed-in non-admin calls it, then every route answers 403", async () => {
    const { client, id } = await newUser();
    for (const [method, p] of [
      ["GET", "/api/admin/users"],
      ["PATCH", `/api/admin/users/${id}/deactivate`],
      ["POST", `/api/admin/users/${id}/reset-password`],
      ["GET", "/api/admin/settings"],
      ["PATCH", "/api/admin/settings"],
      ["GET", "/api/admin/audit-log"],
    ] as const) {
      expect((await client.request(method, p, method === "GET" ? undefined : {})).status, `${method} ${p}`).toBe(403);
    }
  });

  it("when nobody is signed in, then it answers 401", async () => {
    expect((await new TestClient(app.url).get("/api/admin/users")).status).toBe(401);
  });

  it("when an admin is demoted, then the very next request is refused", async () => {
    const { email, id } = await newUser("promoted");
    await app.database.db.updateTable("users").set({ role: "admin" }).where("id", "=", id).execute();
    const client = new TestClient(app.url);
    await client.login(email, PASSWORD);
    expect((await client.get("/api/admin/settings")).status).toBe(200);
    await app.database.db.updateTable("users").set({ role: "user" }).where("id", "=", id).execute();
    expect((await client.get("/api/admin/settings")).status).toBe(403);
  });
});

describe("users", () => {
  it("when listing, then search, filters and paging work together", async () => {
    const tag = `find${Date.now()}`;
    for (let i = 0; i < 7; i++) await newUser(tag);
    const page1 = AdminUserListSchema.parse((await admin.get(`/api/admin/users?query=${tag}&page_size=5`)).body);
    expect(page1.total).toBe(7);
    expect(page1.items).toHaveLength(5);
    const page2 = AdminUserListSchema.parse((await admin.get(`/api/admin/users?query=${tag}&page_size=5&page=2`)).body);
    expect(page2.items).toHaveLength(2);
    expect(new Set([...page1.items, ...page2.items].map((u) => u.id)).size).toBe(7);

    const admins = AdminUserListSchema.parse((await admin.get("/api/admin/users?role=admin")).body);
    expect(admins.items.every((u) => u.role === "admin")).toBe(true);
    const wildcard = AdminUserListSchema.parse((await admin.get("/api/admin/users?query=%25")).body);
    expect(wildcard.total).toBe(0);
  });

  it("when the query is malformed, then it answers 400 naming the fields", async () => {
    const res = await admin.get("/api/admin/users?page=0&page_size=1000&role=owner");
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(["page", "page_size", "role"]);
  });

  it("when a user is deactivated mid-session, then their next call is refused and they cannot sign back in", async () => {
    const { client, email, id } = await newUser();
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const userEvents: LoggedEventMessage[] = [];
    app.server.container.relay.subscribe(`user:${id}`, (m) => userEvents.push(m));

    const res = await admin.patch(`/api/admin/users/${id}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.user.status).toBe("deactivated");

    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await client.post("/api/auth/refresh")).status).toBe(401);
    expect((await new TestClient(app.url).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(401);
    // Events reach streams through the event log's relay: shortly after the response. The user's streams
    // close on this event (see the event stream tests).
    await vi.waitFor(() => expect(userEvents).toHaveLength(1), { timeout: 5000 });
    expect(userEvents).toEqual([
      expect.objectContaining({
        kind: "event",
        type: "account.status.changed",
        payload: expect.objectContaining({ status: "deactivated" }),
      }),
    ]);

    expect((await admin.patch(`/api/admin/users/${id}/activate`)).body.user.status).toBe("active");
    expect((await new TestClient(app.url).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(200);

    const audit = AuditLogListSchema.parse((await admin.get("/api/admin/audit-log?page_size=100")).body);
    const mine = audit.items
      .filter((e) => e.target_id === id && e.action.startsWith("user."))
      .map((e) => [e.action, e.actor?.email, e.before, e.after]);
    expect(mine).toEqual([
      ["user.activated", ADMIN.email, { status: "deactivated" }, { status: "active" }],
      ["user.deactivated", ADMIN.email, { status: "active" }, { status: "deactivated" }],
    ]);
  });

  it("when the admin targets themselves, an unknown id or a malformed id, then it answers 409, 404 and 400", async () => {
    const me = (await admin.get("/api/auth/me")).body.user.id;
    expect((await admin.patch(`/api/admin/users/${me}/deactivate`)).status).toBe(409);
    expect((await admin.patch("/api/admin/users/00000000-0000-4000-8000-000000000000/deactivate")).status).toBe(404);
    expect((await admin.patch("/api/admin/users/not-a-uuid/deactivate")).status).toBe(400);
  });

  it("when an admin triggers a password reset, then the email with a single-use link arrives", async () => {
    const { email, id } = await newUser("reset");
    const res = await admin.post(`/api/admin/users/${id}/reset-password`);
    expect(res.status).toBe(202);

    const mail = await takeMail(app, email);
    expect(mail.subject).toBe("Reset your Chat3D password");
    const token = mail.text?.match(/http:\/\/app\.test\/account\/confirm#token=([\w-]{43})/)?.[1];
    expect(mail.html).toContain(`#token=${token}`);
    expect(token).toBeDefined();
    const action = await app.database.db
      .selectFrom("account_actions")
      .selectAll()
      .where("user_id", "=", id)
      .where("action_type", "=", "password_reset")
      .executeTakeFirstOrThrow();
    expect(action).toMatchObject({ action_type: "password_reset", status: "pending", token_hash: hashToken(token!) });
    expect(JSON.stringify(action)).not.toContain(token);
  });
});

describe("settings", () => {
  it("when an admin changes a setting, then it is saved, audited and announced to admins", async () => {
    const before = AppSettingsSchema.parse((await admin.get("/api/admin/settings")).body.settings);
    const res = await admin.patch("/api/admin/settings", { invitation_quota_per_user: 7, waitlist_enabled: true });
    expect(res.status).toBe(200);
    const after = AppSettingsSchema.parse(res.body.settings);
    expect(after).toMatchObject({ invitation_quota_per_user: 7, waitlist_enabled: true });
    // The event reaches streams through the event log: it arrives shortly after the response.
    await vi.waitFor(
      () =>
        expect(adminEvents).toContainEqual(
          expect.objectContaining({
            type: "admin.settings.updated",
            payload: expect.objectContaining({ invitation_quota_per_user: 7 }),
          }),
        ),
      { timeout: 5000 },
    );

    const audit = AuditLogListSchema.parse((await admin.get("/api/admin/audit-log?action=settings.updated")).body);
    expect(audit.items[0]).toMatchObject({
      before: expect.objectContaining({ invitation_quota_per_user: before.invitation_quota_per_user }),
      after: expect.objectContaining({ invitation_quota_per_user: 7 }),
    });
    await admin.patch("/api/admin/settings", { waitlist_enabled: false });
  });

  it("when the change is invalid, then it answers 400 and nothing changes", async () => {
    const before = (await admin.get("/api/admin/settings")).body.settings;
    for (const body of [{ invitation_quota_per_user: -1 }, { unknown_flag: true }, {}, { waitlist_enabled: "yes" }]) {
      const res = await admin.patch("/api/admin/settings", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect((await admin.get("/api/admin/settings")).body.settings).toEqual(before);
  });
});
