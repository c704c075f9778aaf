import { ApiErrorSchema, AuthResponseSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken } from "../../src/lib/tokens.js";
import { REGISTRATION_ACCEPTED } from "../../src/routes/auth.routes.js";
import { signUp, takeMail } from "../helpers/accounts.js";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { linkIn } from "../helpers/smtp.js";
import { median, timedPairs } from "../helpers/timing.js";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

async function registered(email = uniqueEmail()) {
  const client = new TestClient(app.url);
  const res = await signUp(app, client, { email, password: PASSWORD, display_name: "Ada" }, { confirm: false });
  return { client, email, res };
}

describe("registration", () => {
  it("when the details are valid, then it answers 202 without signing in, and signing in gives HttpOnly session cookies", async () => {
    const email = uniqueEmail();
    const client = new TestClient(app.url);
    const res = await client.post("/api/auth/register", { email: email.toUpperCase(), password: PASSWORD });
    expect([res.status, res.body]).toEqual([202, { status: "check_your_email", message: REGISTRATION_ACCEPTED }]);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await client.get("/api/auth/me")).status).toBe(401);

    const signedIn = await client.login(email, PASSWORD);
    const body = AuthResponseSchema.parse(signedIn.body);
    expect(body.user).toMatchObject({ email, role: "user", status: "active", email_confirmed: false });
    expect(JSON.stringify(signedIn.body)).not.toContain("password");
    const cookies = signedIn.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("chat3d_access="))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith("chat3d_refresh="))).toMatch(
      /Path=\/api\/auth.*HttpOnly.*SameSite=Strict/i,
    );
    expect((await client.get("/api/auth/me")).body.user.email).toBe(email);
  });

  it("when fields are missing or weak, then it answers 400 naming each field", async () => {
    const client = new TestClient(app.url);
    const res = await client.post("/api/auth/register", { email: "not-an-email", password: "short" });
    expect(res.status).toBe(400);
    const { error } = ApiErrorSchema.parse(res.body);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual({
      email: ["Enter a valid email address."],
      password: ["Use at least 10 characters."],
    });

    const common = await client.post("/api/auth/register", { email: uniqueEmail(), password: "password123" });
    expect(common.body.error.details.password).toEqual(["This password is too common; choose another."]);
  });

  it("when the email is taken, then the answer is the same as for a new one, and the owner is told by mail with a way to sign in", async () => {
    const { email } = await registered();
    await takeMail(app, email);
    const taken = await new TestClient(app.url).post("/api/auth/register", { email, password: `${PASSWORD}-other` });
    const free = await new TestClient(app.url).post("/api/auth/register", { email: uniqueEmail(), password: PASSWORD });
    expect([taken.status, taken.body]).toEqual([free.status, free.body]);
    expect(taken.headers.getSetCookie()).toEqual(free.headers.getSetCookie());
    const notice = await takeMail(app, email);
    expect(notice.subject).toBe("Someone tried to create a Chat3D account with your email");
    expect(linkIn(notice, "/login").url.origin).toBe(new URL(app.server.container.config.APP_BASE_URL).origin);
    expect(notice.text).toContain("/forgot-password");
    // The owner's password is untouched.
    expect((await new TestClient(app.url).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
  });

  it("when 20 registrations of one email race, then all get the same answer, one account exists and none fails with 500", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new TestClient(app.url, `10.0.0.${i}`).post("/api/auth/register", { email, password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    const rows = await app.database.db.selectFrom("users").select("id").where("email", "=", email).execute();
    expect(rows).toHaveLength(1);
  });
});

describe("registration while the waitlist is on", () => {
  beforeAll(async () => {
    await app.database.db.updateTable("app_settings").set({ waitlist_enabled: true }).execute();
  });
  afterAll(async () => {
    await app.database.db.updateTable("app_settings").set({ waitlist_enabled: false }).execute();
  });

  async function issueToken(email: string, expiresAt: Date | null = new Date(Date.now() + 3_600_000)) {
    const { token, hash } = generateToken();
    await app.database.db
      .insertInto("registration_tokens")
      .values({ token_hash: hash, email, source: "waitlist", expires_at: expiresAt })
      .execute();
    return token;
  }

  it("when anyone asks how to sign up, then the policy says the waitlist is on", async () => {
    expect((await new TestClient(app.url).get("/api/auth/registration")).body).toEqual({ waitlist_enabled: true });
  });

  it("when no token is sent, then registration is refused with a pointer to the waitlist", async () => {
    const res = await new TestClient(app.url).post("/api/auth/register", { email: uniqueEmail(), password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/waitlist/);
  });

  it("when the token belongs to another email, is unknown or expired, then it answers 422 and creates nobody", async () => {
    const email = uniqueEmail();
    const someoneElses = await issueToken(uniqueEmail());
    const expired = await issueToken(email, new Date(Date.now() - 1000));
    for (const registration_token of [someoneElses, expired, generateToken().token]) {
      const res = await new TestClient(app.url).post("/api/auth/register", {
        email,
        password: PASSWORD,
        registration_token,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("invalid_registration_token");
    }
    expect(await app.database.db.selectFrom("users").where("email", "=", email).select("id").execute()).toEqual([]);
  });

  it("when a valid token is used, then it registers once and the same token is refused afterwards", async () => {
    const email = uniqueEmail();
    const token = await issueToken(email);
    const first = await new TestClient(app.url).post("/api/auth/register", {
      email,
      password: PASSWORD,
      registration_token: token,
    });
    expect(first.status).toBe(201);
    // The link came to this address, which proves it.
    expect(first.body.user.email_confirmed).toBe(true);
    const row = await app.database.db
      .selectFrom("registration_tokens")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(row.used_count).toBe(1);
    expect(row.consumed_at).not.toBeNull();

    await app.database.db.deleteFrom("users").where("email", "=", email).execute();
    const again = await new TestClient(app.url).post("/api/auth/register", {
      email,
      password: PASSWORD,
      registration_token: token,
    });
    expect(again.status).toBe(422);
    const audit = await app.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", row.id)
      .execute();
    // A waitlist token: the audit log says the approved request was used, not an invitation.
    expect(audit.map((a) => a.action)).toEqual(["waitlist.registered"]);
  });

  it("when registration fails after the token check, then the token stays unspent", async () => {
    const { email } = await (async () => {
      await app.database.db.updateTable("app_settings").set({ waitlist_enabled: false }).execute();
      const r = await registered();
      await app.database.db.updateTable("app_settings").set({ waitlist_enabled: true }).execute();
      return r;
    })();
    const token = await issueToken(email);
    const res = await new TestClient(app.url).post("/api/auth/register", {
      email,
      password: PASSWORD,
      registration_token: token,
    });
    expect(res.status).toBe(409);
    const row = await app.database.db
      .selectFrom("registration_tokens")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(row.used_count).toBe(0);
  });
});

describe("login, me and logout", () => {
  it("when the password is right, then it signs in by cookie and also returns a bearer token", async () => {
    const { email } = await registered();
    const client = new TestClient(app.url);
    const res = await client.login(email, PASSWORD);
    expect(res.body.expires_in).toBe(900);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const bearer = await fetch(`${app.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${res.body.access_token}` },
    });
    expect(bearer.status).toBe(200);
  });

  it("when the email is unknown, the password wrong or the account inactive, then the answer is identical", async () => {
    const { email } = await registered();
    const { email: inactive } = await registered();
    await app.database.db.updateTable("users").set({ status: "deactivated" }).where("email", "=", inactive).execute();
    const attempts = [
      { email: uniqueEmail("ghost"), password: PASSWORD },
      { email, password: "wrong-password-here" },
      { email: inactive, password: PASSWORD },
    ];
    const bodies = [];
    for (const attempt of attempts) {
      const res = await new TestClient(app.url).post("/api/auth/login", attempt);
      expect(res.status).toBe(401);
      bodies.push(res.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it("when the email is unknown, then the answer takes about as long as for a wrong password", async () => {
    const { email } = await registered();
    const login = (body: object) => new TestClient(app.url).post("/api/auth/login", body);
    const pairs = await timedPairs(
      7,
      () => login({ email: uniqueEmail("ghost"), password: PASSWORD }),
      () => login({ email, password: "wrong-password-here" }),
    );
    const unknown = median(pairs.map(([u]) => u));
    const wrong = median(pairs.map(([, w]) => w));
    expect(unknown / wrong).toBeGreaterThan(0.5);
    expect(unknown / wrong).toBeLessThan(2);
  });

  it("when the user logs out, then the cookie and the bearer token of that session are refused", async () => {
    const { email } = await registered();
    const client = new TestClient(app.url);
    const { body } = await client.login(email, PASSWORD);
    const stolenCookie = new Map(client.cookies);
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    expect(client.cookies.size).toBe(0);
    expect((await client.get("/api/auth/me")).status).toBe(401);

    const replay = new TestClient(app.url);
    for (const [k, v] of stolenCookie) replay.cookies.set(k, v);
    expect((await replay.get("/api/auth/me")).status).toBe(401);
    expect((await replay.post("/api/auth/refresh")).status).toBe(401);
    expect(
      (await fetch(`${app.url}/api/auth/me`, { headers: { authorization: `Bearer ${body.access_token}` } })).status,
    ).toBe(401);
  });

  it("when nobody is signed in, then me answers 401 in the shared shape", async () => {
    const res = await new TestClient(app.url).get("/api/auth/me");
    expect(res.status).toBe(401);
    expect(ApiErrorSchema.parse(res.body).error.code).toBe("unauthorized");
    const forged = await new TestClient(app.url).get("/api/auth/me", { authorization: "Bearer not.a.jwt" });
    expect(forged.status).toBe(401);
  });
});

describe("refresh", () => {
  it("when the refresh cookie is presented, then it rotates and the new one works", async () => {
    const { client } = await registered();
    const before = client.cookies.get("chat3d_refresh");
    const res = await client.post("/api/auth/refresh");
    expect(res.status).toBe(200);
    expect(client.cookies.get("chat3d_refresh")).not.toBe(before);
    expect((await client.post("/api/auth/refresh")).status).toBe(200);
  });

  it("when a spent refresh token is replayed, then the whole session is revoked", async () => {
    const { client } = await registered();
    const stolen = client.cookies.get("chat3d_refresh")!;
    expect((await client.post("/api/auth/refresh")).status).toBe(200);
    // The clock: the theft is noticed after the grace window for racing tabs.
    await app.database.db
      .updateTable("refresh_tokens")
      .set({ used_at: new Date(Date.now() - 60_000) })
      .where("used_at", "is not", null)
      .execute();

    const thief = new TestClient(app.url);
    thief.cookies.set("chat3d_refresh", stolen);
    expect((await thief.post("/api/auth/refresh")).status).toBe(401);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await client.post("/api/auth/refresh")).status).toBe(401);
  });

  it("when API clients send the refresh token in the body, then it rotates too; a malformed one is 400", async () => {
    const { res } = await registered();
    const refresh = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("chat3d_refresh="))!
      .split(";")[0]!
      .split("=")[1];
    const api = new TestClient(app.url);
    expect((await api.post("/api/auth/refresh", { refresh_token: refresh })).status).toBe(200);
    expect((await new TestClient(app.url).post("/api/auth/refresh", { refresh_token: 42 })).status).toBe(400);
  });
});

describe("cross-site requests", () => {
  it("when a cookie-carrying write comes from another origin, then it is refused", async () => {
    const { client } = await registered();
    const evil = await client.post("/api/auth/logout", undefined, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    const crossSite = await client.post("/api/auth/logout", undefined, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const same = await client.post("/api/auth/logout", undefined, { origin: "http://app.test" });
    expect(same.status).toBe(204);
  });
});
