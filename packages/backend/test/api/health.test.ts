import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiErrorSchema, ReadinessSchema } from "@chat3d/shared";
import { startWebServer, type RunningServer } from "../../src/server.js";
import { testConfig } from "../helpers/config.js";
import { createEmptyDatabase, type TestDatabase } from "../helpers/database.js";

describe("health and readiness", () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    server = await startWebServer(testConfig({ DATABASE_URL: database.url, REDIS_URL: process.env.TEST_REDIS_URL }));
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it("when asked for liveness, then it answers ok with the version", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", version: "0.1.0" });
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
  });

  it("when the database and Redis answer, then it is ready and reports the render service as down", async () => {
    const res = await fetch(`${server.url}/api/ready`);
    expect(res.status).toBe(200);
    const body = ReadinessSchema.parse(await res.json());
    expect(body.checks.database.status).toBe("ok");
    expect(body.checks.redis.status).toBe("ok");
    expect(body.checks.render.status).toBe("down");
  });

  it("when the route is unknown, then it answers 404 in the shared error shape", async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe("not_found");
  });

  it("when the body is malformed JSON, then it answers 400 without internals", async () => {
    const res = await fetch(`${server.url}/api/health`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.message).toBe("The request body is not valid JSON.");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it("when the body is larger than the limit, then it answers 413", async () => {
    const res = await fetch(`${server.url}/api/health`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
  });

  it("when Prometheus scrapes the metrics listener, then requests are counted by route pattern, and the public port has no /metrics", async () => {
    await fetch(`${server.url}/api/health`);
    await fetch(`${server.url}/api/nope/123`);
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await fetch(server.metricsUrl!)).text();
    expect(text).toMatch(/chat3d_http_requests_total\{method="GET",route="\/api\/health",status="200"\} [1-9]/);
    expect(text).toMatch(/chat3d_http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(text).toContain("chat3d_sse_open_streams 0");
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it("when the start-up ran, then the schema is migrated and the admin exists", async () => {
    const admin = await database.db.selectFrom("users").selectAll().where("role", "=", "admin").execute();
    expect(admin.map((u) => u.email)).toEqual(["admin@example.test"]);
  });
});

describe("metrics behind a token", () => {
  it("when METRICS_TOKEN is set, then a scrape without the bearer token is refused", async () => {
    const database = await createEmptyDatabase();
    const token = "metrics-token-0123456789";
    const server = await startWebServer(testConfig({ DATABASE_URL: database.url, METRICS_TOKEN: token }));
    try {
      expect((await fetch(server.metricsUrl!)).status).toBe(401);
      expect(
        (await fetch(server.metricsUrl!, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status,
      ).toBe(401);
      const ok = await fetch(server.metricsUrl!, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("chat3d_http_requests_total");
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});

describe("readiness without its database", () => {
  it("when the database is gone, then readiness answers 503 naming the failing check", async () => {
    const database = await createEmptyDatabase();
    const server = await startWebServer(testConfig({ DATABASE_URL: database.url }));
    await database.drop();
    try {
      const res = await fetch(`${server.url}/api/ready`);
      expect(res.status).toBe(503);
      const body = ReadinessSchema.parse(await res.json());
      expect(body.status).toBe("not_ready");
      expect(body.checks.database.status).toBe("down");
      expect(body.checks.redis.status).toBe("not_configured");
    } finally {
      await server.stop().catch(() => undefined);
    }
  });
});
