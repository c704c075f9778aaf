import { afterAll, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../src/lib/rate-limits.js";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.stop())));

async function app(env: Record<string, string> = {}) {
  const started = await startTestApp(env);
  apps.push(started);
  return started;
}

describe("rate limits", () => {
  it("when one address keeps guessing at one account, then that address gets 429 with Retry-After, and the right password from another address signs in", async () => {
    const { url } = await app();
    const email = uniqueEmail();
    expect((await new TestClient(url).post("/api/auth/register", { email, password: PASSWORD })).status).toBe(202);
    const guesser = new TestClient(url, "198.51.100.30");
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await guesser.post("/api/auth/login", { email, password: "wrong-password" })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const blocked = await guesser.post("/api/auth/login", { email, password: PASSWORD });
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "rate_limited"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      (await new TestClient(url, "198.51.100.31").post("/api/auth/login", { email, password: PASSWORD })).status,
    ).toBe(200);
  });

  it("when one account is guessed at from many addresses, then guesses past the account limit are slowed, never refused, and the right password from a fresh address signs in", async () => {
    const { url } = await app();
    const email = uniqueEmail();
    expect((await new TestClient(url).post("/api/auth/register", { email, password: PASSWORD })).status).toBe(202);
    const timed = async (password: string) => {
      const started = performance.now();
      const res = await new TestClient(url).post("/api/auth/login", { email, password });
      return { status: res.status, ms: performance.now() - started };
    };
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push((await timed("wrong-password")).status);
    expect(guesses).toEqual(Array(10).fill(401));
    const slowedGuess = await timed("wrong-password");
    expect(slowedGuess.status).toBe(401);
    expect(slowedGuess.ms).toBeGreaterThanOrEqual(RATE_LIMITS.loginPerEmail.slowDownMs);
    const owner = await timed(PASSWORD);
    expect(owner.status).toBe(200);
    expect(owner.ms).toBeGreaterThanOrEqual(RATE_LIMITS.loginPerEmail.slowDownMs);
  });

  it("when the owner signs in again and again, then only failed attempts count against the account", async () => {
    const { url } = await app();
    const email = uniqueEmail();
    expect((await new TestClient(url).post("/api/auth/register", { email, password: PASSWORD })).status).toBe(202);
    const device = new TestClient(url, "198.51.100.40");
    for (let i = 0; i < 12; i++) {
      expect((await device.post("/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
    }
    const guesses = [];
    for (let i = 0; i < 11; i++) {
      guesses.push((await device.post("/api/auth/login", { email, password: "wrong-password" })).status);
    }
    expect(guesses).toEqual([...Array(10).fill(401), 429]);
  });

  it("when behind one proxy a client forges X-Forwarded-For, then the limit still counts its real address", async () => {
    const { url } = await app({ TRUST_PROXY_HOPS: "1" });
    const statuses = [];
    for (let i = 0; i < 31; i++) {
      // The proxy appends the address it saw; whatever the client put before it is not trusted.
      const forged = `203.0.113.${i}`;
      const res = await new TestClient(url, `${forged}, 198.51.100.7`).post("/api/auth/login", {
        email: uniqueEmail(),
        password: PASSWORD,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const otherClient = await new TestClient(url, "198.51.100.8").post("/api/auth/login", {
      email: uniqueEmail(),
      password: PASSWORD,
    });
    expect(otherClient.status).toBe(401);
  });

  it("when one address opens shared links too often, then it gets 429, and another address still gets through", async () => {
    const { url } = await app({ TRUST_PROXY_HOPS: "1" });
    const token = { "X-Chat3D-Token": "x".repeat(43) };
    const guesser = new TestClient(url, "198.51.100.20");
    const statuses = [];
    // The limit is per address across tokens: guessing secrets costs the guesser, not the links' owners.
    for (let i = 0; i < 301; i++) statuses.push((await guesser.get("/api/shared", token)).status);
    expect(statuses.slice(0, 300).every((s) => s === 404)).toBe(true);
    expect(statuses[300]).toBe(429);
    expect(
      (await guesser.get(`/api/shared/files/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`, token)).status,
    ).toBe(429);
    expect((await new TestClient(url, "198.51.100.21").get("/api/shared", token)).status).toBe(404);
  });

  it("when no proxy is trusted, then X-Forwarded-For is ignored entirely", async () => {
    const { url } = await app({ TRUST_PROXY_HOPS: "0" });
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await new TestClient(url, `203.0.113.${i}`).post("/api/auth/register", {
            email: uniqueEmail(),
            password: PASSWORD,
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("when two API instances share Redis, then they share the counters", async () => {
    const first = await app();
    const email = uniqueEmail();
    const prefix = first.server.container.config.REDIS_KEY_PREFIX;
    const twin = await app({ REDIS_KEY_PREFIX: prefix, DATABASE_URL: first.database.url });
    const ip = "198.51.100.50";
    for (let i = 0; i < 10; i++) {
      const target = i % 2 ? first.url : twin.url;
      expect(
        (await new TestClient(target, ip).post("/api/auth/login", { email, password: "wrong-password" })).status,
      ).toBe(401);
    }
    expect(
      (await new TestClient(twin.url, ip).post("/api/auth/login", { email, password: "wrong-password" })).status,
    ).toBe(429);
  });
});
