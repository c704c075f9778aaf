import { SessionListSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, type TestApp } from "../helpers/app.js";
import { cookieOf, member } from "../helpers/accounts.js";
import { openStream } from "../helpers/sse-client.js";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

/** The same person signed in on another device. */
async function device(email: string, userAgent: string) {
  const client = new TestClient(app.url);
  const res = await client.post("/api/auth/login", { email, password: PASSWORD }, { "user-agent": userAgent });
  expect(res.status).toBe(200);
  return client;
}

describe("profile", () => {
  it("when a person sets or clears their display name, then it is one line of text", async () => {
    const { client } = await member(app, "named");
    expect((await client.patch("/api/profile", { display_name: "  Ada Lovelace " })).body.user.display_name).toBe(
      "Ada Lovelace",
    );
    expect((await client.get("/api/auth/me")).body.user.display_name).toBe("Ada Lovelace");
    expect((await client.patch("/api/profile", { display_name: "a\nb" })).status).toBe(400);
    expect((await client.patch("/api/profile", { display_name: "x".repeat(101) })).status).toBe(400);
    expect((await client.patch("/api/profile", { name: "x" })).status).toBe(400);
    expect((await client.patch("/api/profile", { display_name: null })).body.user.display_name).toBeNull();
    expect((await new TestClient(app.url).patch("/api/profile", { display_name: "x" })).status).toBe(401);
  });
});

describe("sessions", () => {
  it("when a person is signed in on several devices, then they see each with its device and address and can sign one or all others out", async () => {
    const { email, client: laptop } = await member(app, "devices");
    const phone = await device(email, IPHONE);
    const desktop = await device(email, FIREFOX);

    const list = SessionListSchema.parse((await desktop.get("/api/profile/sessions")).body);
    expect(list.items).toHaveLength(3);
    const current = list.items.find((s) => s.current)!;
    expect(current.device).toBe("Firefox on Linux");
    expect(current.ip).toBe(desktop.ip);
    const phoneSession = list.items.find((s) => s.device === "Safari on iOS")!;
    expect(phoneSession.ip).toBe(phone.ip);

    const stream = await openStream(app.url, { cookie: cookieOf(phone) });
    await stream.next((e) => e.event === "ready");
    expect((await desktop.delete(`/api/profile/sessions/${phoneSession.id}`)).status).toBe(204);
    expect((await stream.next((e) => e.event === "session.ended")).data).toEqual({
      session_id: phoneSession.id,
      reason: "revoked_by_user",
    });
    await stream.ended;
    expect((await phone.get("/api/auth/me")).status).toBe(401);
    expect((await desktop.delete(`/api/profile/sessions/${phoneSession.id}`)).status).toBe(404);
    expect((await desktop.delete(`/api/profile/sessions/${current.id}`)).body.error.code).toBe("current_session");
    expect((await desktop.delete("/api/profile/sessions/not-an-id")).status).toBe(400);

    // Someone else's session id is as unknown as a made-up one.
    const stranger = await member(app, "stranger");
    const theirs = (await stranger.client.get("/api/profile/sessions")).body.items[0].id;
    expect((await desktop.delete(`/api/profile/sessions/${theirs}`)).status).toBe(404);
    expect((await stranger.client.get("/api/auth/me")).status).toBe(200);

    expect((await desktop.post("/api/profile/sessions/revoke-others")).body).toEqual({ revoked: 1 });
    expect((await laptop.get("/api/auth/me")).status).toBe(401);
    expect((await desktop.get("/api/profile/sessions")).body.items.map((s: { id: string }) => s.id)).toEqual([
      current.id,
    ]);
  });

  it("when a person changes their password, then the current one is required and every other device is signed out, its streams closed", async () => {
    const { email, client } = await member(app, "changer");
    const other = await device(email, FIREFOX);
    const stream = await openStream(app.url, { cookie: cookieOf(other) });
    await stream.next((e) => e.event === "ready");

    const wrong = await client.post("/api/profile/password", {
      current_password: "not-the-password",
      new_password: "a-fresh-passphrase-2",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toHaveProperty("current_password");
    const weak = await client.post("/api/profile/password", { current_password: PASSWORD, new_password: "short" });
    expect(weak.body.error.details).toHaveProperty("new_password");

    const changed = await client.post("/api/profile/password", {
      current_password: PASSWORD,
      new_password: "a-fresh-passphrase-2",
    });
    expect(changed.body).toEqual({ revoked: 1 });
    expect((await stream.next((e) => e.event === "session.ended")).data.reason).toBe("password_changed");
    await stream.ended;
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const notes = (await client.get("/api/notifications")).body.items;
    expect(notes[0].event_type).toBe("account.password_changed");

    const signIn = (password: string) => new TestClient(app.url).post("/api/auth/login", { email, password });
    expect((await signIn(PASSWORD)).status).toBe(401);
    expect((await signIn("a-fresh-passphrase-2")).status).toBe(200);
  });
});
