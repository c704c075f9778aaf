import { AccountActionPreviewSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { linkIn, startSmtp, type SmtpSink } from "../helpers/smtp.js";

let smtp: SmtpSink;
let app: TestApp;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});

const NEW_PASSWORD = "a-brand-new-passphrase";

async function member() {
  const client = new TestClient(app.url);
  const email = uniqueEmail("reset");
  const res = await signUp(app, client, { email, password: PASSWORD });
  return { client, email, id: res.body.user.id as string };
}

describe("password reset by email link", () => {
  it("when someone forgot their password, then the link sets a new one once and signs out every device", async () => {
    const { client, email } = await member();
    const asked = await new TestClient(app.url).post("/api/profile/reset-password/request", { email });
    expect(asked.status).toBe(202);
    const token = linkIn(await smtp.take(email), "/account/confirm").params.get("token")!;

    const preview = AccountActionPreviewSchema.parse(
      (await new TestClient(app.url).get("/api/profile/actions/confirm", { "x-chat3d-token": token })).body,
    );
    expect(preview).toMatchObject({ action_type: "password_reset", email, status: "pending" });

    const visitor = new TestClient(app.url);
    expect((await visitor.post("/api/profile/actions/confirm", { token })).status).toBe(400);
    const done = await visitor.post("/api/profile/actions/confirm", { token, new_password: NEW_PASSWORD });
    expect(done.body.action.status).toBe("completed");
    expect((await visitor.post("/api/profile/actions/confirm", { token, new_password: NEW_PASSWORD })).status).toBe(
      409,
    );

    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await new TestClient(app.url).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(401);
    expect((await new TestClient(app.url).post("/api/auth/login", { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it("when the email has no account, then the answer is the same and nothing is sent", async () => {
    const { email } = await member();
    const known = await new TestClient(app.url).post("/api/profile/reset-password/request", { email });
    const unknown = await new TestClient(app.url).post("/api/profile/reset-password/request", {
      email: uniqueEmail("ghost"),
    });
    expect(unknown.body).toEqual(known.body);
    await smtp.take(email);
  });

  it("when an admin sends a reset, then the link works the same and the user is told in the app", async () => {
    const { client, email, id } = await member();
    const admin = new TestClient(app.url);
    await admin.login(ADMIN.email, ADMIN.password);
    expect((await admin.post(`/api/admin/users/${id}/reset-password`)).status).toBe(202);
    const mail = await smtp.take(email);
    expect(mail.text).toContain("An administrator started a password reset");
    expect((await client.get("/api/notifications")).body.items[0].event_type).toBe("account.password_reset_sent");
  });

  it("when a link is expired, unknown or superseded, then it answers 422, 404 or 409", async () => {
    const { email } = await member();
    await new TestClient(app.url).post("/api/profile/reset-password/request", { email });
    const first = linkIn(await smtp.take(email), "/account/confirm").params.get("token")!;
    await new TestClient(app.url).post("/api/profile/reset-password/request", { email });
    const second = linkIn(await smtp.take(email), "/account/confirm").params.get("token")!;

    const visitor = new TestClient(app.url);
    expect(
      (await visitor.post("/api/profile/actions/confirm", { token: first, new_password: NEW_PASSWORD })).status,
    ).toBe(409);
    await app.database.db
      .updateTable("account_actions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("status", "=", "pending")
      .execute();
    const expired = await visitor.post("/api/profile/actions/confirm", { token: second, new_password: NEW_PASSWORD });
    expect(expired.status).toBe(422);
    expect(expired.body.error.code).toBe("expired_token");
    expect(
      (await visitor.post("/api/profile/actions/confirm", { token: "z".repeat(43), new_password: NEW_PASSWORD }))
        .status,
    ).toBe(404);
    expect((await visitor.get("/api/profile/actions/confirm")).status).toBe(400);
  });
});
