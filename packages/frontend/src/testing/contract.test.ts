import { afterEach, describe, expect, it } from "vitest";
import { makeUser } from "./accounts";
import { startApiServer, type ApiServer } from "./api-server";
import { contractViolation, takeContractViolations } from "./contract";
import { sendJson } from "./test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the fake API's contract check", () => {
  it("when a fake answers what the real API sends, then it passes", () => {
    expect(contractViolation("GET", "/api/auth/me", 200, { user: makeUser() })).toBeNull();
    expect(
      contractViolation("GET", "/api/auth/me", 401, { error: { code: "unauthorized", message: "Sign in." } }),
    ).toBeNull();
  });

  it("when a fake's answer drifts from the shared schema, then the check names the route and the field", () => {
    const { display_name: _, ...withoutName } = makeUser();
    expect(contractViolation("GET", "/api/auth/me", 200, { user: withoutName })).toMatch(
      /GET \/api\/auth\/me answered 200 with a body the API would not send:[\s\S]*display_name/,
    );
    expect(contractViolation("GET", "/api/auth/me", 200, { user: { ...makeUser(), usage: {} } })).toMatch(
      /Unrecognized key: "usage"/,
    );
    expect(contractViolation("GET", "/api/auth/me", 500, { message: "boom" })).toMatch(/outside the error shape/);
  });

  it("when a fake serves a route or status the API does not have, then the check says so", () => {
    expect(contractViolation("GET", "/api/no/such/thing", 200, {})).toBe(
      "GET /api/no/such/thing is not a route of the API (docs/openapi.json).",
    );
    expect(contractViolation("GET", "/api/auth/me", 202, { user: makeUser() })).toBe(
      "GET /api/auth/me answered 202, which the API never does.",
    );
  });

  it("when a fake API server sends a wrong answer, then the violation is recorded for the test that got it", async () => {
    server = await startApiServer({
      "GET /api/auth/me": (_request, res) => sendJson(res, 200, { user: { ...makeUser(), role: "owner" } }),
      // Headers handed straight to writeHead are seen too.
      "POST /api/auth/refresh": (_request, res) =>
        void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ user: makeUser() })),
    });

    expect((await fetch(`${server.url}/api/auth/me`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/auth/refresh`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${server.url}/api/not/declared`)).status).toBe(404);

    // Taken here so they do not fail this test from setup-tests, the way they fail any other test.
    const violations = takeContractViolations();
    expect(violations).toHaveLength(2);
    expect(violations[0]).toMatch(/^GET \/api\/auth\/me answered 200 with a body the API would not send:[\s\S]*role/);
    expect(violations[1]).toMatch(/^POST \/api\/auth\/refresh answered 200 with a body[\s\S]*access_token/);
  });
});
