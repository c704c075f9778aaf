import { afterAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.stop())));

async function app(env: Record<string, string> = {}) {
  const started = await startTestApp(env);
  apps.push(started);
  return started;
}

describe("rate limits", () => {
  it("when one account is guessed at from many addresses, then the account limit answers 429 with Retry-After", async () => {
    const { url } = await app();
    const email = uniqueEmail();
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await new TestClient(url).post("/api/auth/login", { email, password: "wrong-password" })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const blocked = await new TestClient(url).post("/api/auth/login", { email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.body.error.code).toBe("rate_limited");
  });

  it("when the owner signs in again and again, then only failed attempts count against the account", async () => {
    const { url } = await app();
    const email = uniqueEmail();
    expect((await new TestClient(url).post("/api/auth/register", { email, password: PASSWORD })).status).toBe(201);
    for (let i = 0; i < 12; i++) {
      expect((await new TestClient(url).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
    }
    const guesses = [];
    for (let i = 0; i < 11; i++) {
      guesses.push((await new TestClient(url).post("/api/auth/login", { email, password: "wrong-password" })).status);
    }
    expect(guesses).toEqual([...Array(10).fill(401), 429]);
    expect((await new TestClient(url).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(429);
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
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("when two API instances share Redis, then they share the counters", async () => {
    const first = await app();
    const email = uniqueEmail();
    const prefix = first.server.container.config.REDIS_KEY_PREFIX;
    const twin = await app({ REDIS_KEY_PREFIX: prefix, DATABASE_URL: first.database.url });
    for (let i = 0; i < 10; i++) {
      const target = i % 2 ? first.url : twin.url;
      expect((await new TestClient(target).post("/api/auth/login", { email, password: "wrong-password" })).status).toBe(
        401,
      );
    }
    expect((await new TestClient(twin.url).post("/api/auth/login", { email, password: "wrong-password" })).status).toBe(
      429,
    );
  });
});
