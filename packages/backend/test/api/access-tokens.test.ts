import { AccessTokenListSchema, CreatedAccessTokenSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RunningServer } from "../../src/server.js";
import { member, type Member } from "../helpers/accounts.js";
import { ADMIN, startSecondInstance, startTestApp, TestClient, type TestApp } from "../helpers/app.js";
import { TestClock } from "../helpers/clock.js";
import { openStream } from "../helpers/sse-client.js";

const BOX = `from build123d import *
root_part = Box(10, 20, 30)
`;

const clock = new TestClock();
let app: TestApp;
let second: RunningServer;
let owner: Member;

beforeAll(async () => {
  app = await startTestApp({ BUILD123D_URL: inject("renderUrl"), ACCESS_TOKEN_MAX_CONCURRENCY: "2" }, { clock });
  second = await startSecondInstance(app, { TRUST_PROXY_HOPS: "1" }, { clock });
  owner = await member(app, "tokens");
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

async function makeToken(who: TestClient, body: Record<string, unknown>) {
  const res = await who.post("/api/profile/tokens", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return CreatedAccessTokenSchema.parse(res.body);
}

/** A script's client: no cookies, only the bearer token. */
function script(url: string, secret: string) {
  const client = new TestClient(url);
  const auth = { authorization: `Bearer ${secret}` };
  return {
    get: (p: string) => client.get(p, auth),
    post: (p: string, body?: unknown) => client.post(p, body, auth),
    delete: (p: string) => client.delete(p, auth),
  };
}

describe("personal access tokens", () => {
  it("when a token is made, then its secret is shown once, the list shows only its prefix, and it works as a bearer", async () => {
    const { token, secret } = await makeToken(owner.client, { name: "laptop", scopes: ["read"], expires_in_days: 30 });
    expect(secret).toMatch(/^c3d_pat_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "laptop", scopes: ["read"], status: "active", last_used_at: null });
    expect(secret.startsWith(token.prefix)).toBe(true);

    const listed = AccessTokenListSchema.parse((await owner.client.get("/api/profile/tokens")).body).tokens;
    expect(listed.find((t) => t.id === token.id)).toMatchObject({ prefix: token.prefix });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const me = await script(app.url, secret).get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(owner.email);
    const used = AccessTokenListSchema.parse((await owner.client.get("/api/profile/tokens")).body).tokens;
    expect(used.find((t) => t.id === token.id)?.last_used_at).not.toBeNull();
  });

  it("when a token lacks a scope, then the route refuses it with insufficient_scope and nothing is written", async () => {
    const { secret } = await makeToken(owner.client, { name: "reader", scopes: ["read"], expires_in_days: null });
    const bot = script(app.url, secret);
    const created = await bot.post("/api/chat/contexts", { name: "From a read-only token" });
    expect(created.status).toBe(403);
    expect(created.body.error.code).toBe("insufficient_scope");
    const chats = await owner.client.get("/api/chat/contexts");
    expect(chats.body.items.map((c: { name: string }) => c.name)).not.toContain("From a read-only token");
    expect((await bot.get("/api/chat/contexts")).status).toBe(200);
  });

  it("when a script has write and render, then it makes a chat and renders code without any cookie or Origin", async () => {
    const { secret } = await makeToken(owner.client, { name: "ci", scopes: ["write", "render"], expires_in_days: 7 });
    const bot = script(app.url, secret);
    const chat = await bot.post("/api/chat/contexts", { name: "Scripted" });
    expect(chat.status, JSON.stringify(chat.body)).toBe(201);
    const rendered = await bot.post(`/api/chat/contexts/${chat.body.context.id}/render`, { code: BOX });
    expect(rendered.status, JSON.stringify(rendered.body)).toBe(201);
    expect(rendered.body.version.metrics.volume).toBeCloseTo(6000, 0);
  }, 60_000);

  it("when a token tries what only a session may do, then it is refused: no new tokens, no password change, no sign-out", async () => {
    const { secret } = await makeToken(owner.client, {
      name: "all",
      scopes: ["read", "write", "render", "ai"],
      expires_in_days: 1,
    });
    const bot = script(app.url, secret);
    for (const [method, path, body] of [
      ["post", "/api/profile/tokens", { name: "child", scopes: ["read"], expires_in_days: 1 }],
      ["post", "/api/profile/password", { current_password: "x", new_password: "y".repeat(12) }],
      ["post", "/api/auth/logout", undefined],
      ["post", "/api/profile/delete-account/request", {}],
    ] as const) {
      const res = method === "post" ? await bot.post(path, body) : await bot.get(path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, "session_required"]);
    }
  });

  it("when someone not an admin asks for the admin scope, then it is refused; an admin's admin token reads the admin API", async () => {
    const refused = await owner.client.post("/api/profile/tokens", {
      name: "x",
      scopes: ["admin"],
      expires_in_days: 1,
    });
    expect(refused.status).toBe(403);

    const admin = new TestClient(app.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const { secret: readOnly } = await makeToken(admin, { name: "read", scopes: ["read"], expires_in_days: 1 });
    expect((await script(app.url, readOnly).get("/api/admin/users")).body.error.code).toBe("insufficient_scope");
    const { secret } = await makeToken(admin, { name: "ops", scopes: ["read", "admin"], expires_in_days: 1 });
    expect((await script(app.url, secret).get("/api/admin/users")).status).toBe(200);
  });

  it("when a token is revoked, then the other instance refuses it on the next request and its open stream closes", async () => {
    const { token, secret } = await makeToken(owner.client, { name: "agent", scopes: ["read"], expires_in_days: 1 });
    expect((await script(second.url, secret).get("/api/chat/contexts")).status).toBe(200);
    const stream = await openStream(second.url, { bearer: secret });

    const revoked = await owner.client.delete(`/api/profile/tokens/${token.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.token.status).toBe("revoked");

    const refused = await script(second.url, secret).get("/api/chat/contexts");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    await stream.ended;
  });

  it("when a token expires, then it is refused and listed as expired", async () => {
    const { token, secret } = await makeToken(owner.client, { name: "short", scopes: ["read"], expires_in_days: 1 });
    clock.advance({ days: 2 });
    try {
      expect((await script(app.url, secret).get("/api/chat/contexts")).status).toBe(401);
      const listed = AccessTokenListSchema.parse((await owner.client.get("/api/profile/tokens")).body).tokens;
      expect(listed.find((t) => t.id === token.id)?.status).toBe("expired");
    } finally {
      clock.reset();
    }
  });

  it("when another person's token id is revoked, or a made-up token is used, then the answers are 404 and 401", async () => {
    const stranger = await member(app, "stranger");
    const { token } = await makeToken(stranger.client, { name: "theirs", scopes: ["read"], expires_in_days: 1 });
    expect((await owner.client.delete(`/api/profile/tokens/${token.id}`)).status).toBe(404);
    expect((await script(app.url, `c3d_pat_${"A".repeat(43)}`).get("/api/auth/me")).status).toBe(401);
    const bad = await owner.client.post("/api/profile/tokens", { name: "", scopes: [], expires_in_days: 0 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(["expires_in_days", "name", "scopes"]);
  });

  it("when an admin revokes a user's token, then it stops working and the audit log names the admin", async () => {
    const { token, secret } = await makeToken(owner.client, { name: "seen", scopes: ["read"], expires_in_days: 1 });
    const admin = new TestClient(app.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const listed = await admin.get(`/api/admin/users/${owner.id}/tokens`);
    expect(listed.body.tokens.map((t: { id: string }) => t.id)).toContain(token.id);
    expect((await admin.delete(`/api/admin/users/${owner.id}/tokens/${token.id}`)).status).toBe(200);
    expect((await script(app.url, secret).get("/api/auth/me")).status).toBe(401);
    const audit = await admin.get("/api/admin/audit-log?action=access_token.revoked_by_admin");
    expect(audit.body.items.some((e: { target_id: string }) => e.target_id === token.id)).toBe(true);
  });

  it("when one token has its cap of requests in flight, then the next is refused with 429 and Retry-After", async () => {
    const { secret } = await makeToken(owner.client, { name: "busy", scopes: ["read"], expires_in_days: 1 });
    const streams = await Promise.all([1, 2].map(() => openStream(app.url, { bearer: secret })));
    const refused = await script(app.url, secret).get("/api/chat/contexts");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    streams.forEach((s) => s.close());
    await Promise.all(streams.map((s) => s.ended));
  });
});
