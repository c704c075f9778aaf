import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { startSmtp, type SmtpSink } from "../helpers/smtp.js";
import { signUp } from "../helpers/accounts.js";
import { median, timedPairs } from "../helpers/timing.js";

// Each case here was reproduced from outside against a running server before it was fixed.

let smtp: SmtpSink;
let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});
beforeEach(async () => {
  await admin.patch("/api/admin/settings", {
    waitlist_enabled: false,
    invitations_enabled: true,
    invitation_waitlist_required: false,
    invitation_quota_per_user: 10,
  });
});

async function member(displayName = "Ada", on = app, confirm = true) {
  const email = uniqueEmail("member");
  const client = new TestClient(on.url);
  const res = await signUp(on, client, { email, password: PASSWORD, display_name: displayName }, { confirm });
  return { client, email, id: res.body.user.id as string };
}

describe("account enumeration", () => {
  it("when the waitlist is on and the registration token is bogus, then a taken and a free email get the same answer", async () => {
    const { email: taken } = await member();
    await admin.patch("/api/admin/settings", { waitlist_enabled: true });
    const bogus = "bogus-registration-token-0123456789";
    const forTaken = await new TestClient(app.url).post("/api/auth/register", {
      email: taken,
      password: PASSWORD,
      registration_token: bogus,
    });
    const forFree = await new TestClient(app.url).post("/api/auth/register", {
      email: uniqueEmail("free"),
      password: PASSWORD,
      registration_token: bogus,
    });
    expect([forTaken.status, forTaken.body.error.code]).toEqual([422, "invalid_registration_token"]);
    expect([forFree.status, forFree.body.error.code]).toEqual([422, "invalid_registration_token"]);
    expect(forTaken.body.error.message).toBe(forFree.body.error.message);
  });

  it("when invitations go through the waitlist, then inviting a member looks exactly like inviting a stranger", async () => {
    await admin.patch("/api/admin/settings", { invitation_waitlist_required: true });
    const { email: existing } = await member();
    const inviter = await member("Grace");
    const res = await inviter.client.post("/api/invitations", { emails: [existing, uniqueEmail("stranger")] });
    expect(res.status).toBe(201);
    const statuses = res.body.results.map((r: { outcome: string; invitation: { status: string } }) => [
      r.outcome,
      r.invitation.status,
    ]);
    expect(statuses).toEqual([
      ["invited", "waitlisted"],
      ["invited", "waitlisted"],
    ]);
  });

  it("when 40 forgot-password requests each go to known and unknown emails, then the median of their paired time ratios is within 20 % of even", async () => {
    // The API alone, as when workers run on hosts of their own: the job that looks the email up runs
    // elsewhere. (In one process its work for a known email would land on whichever request came next.)
    const api = await startTestApp({ RUN_WORKER: "false" });
    onTestFinished(() => api.stop());
    const known = await Promise.all(Array.from({ length: 40 }, () => member("Ada", api, false)));
    const ask = async (email: string) => {
      const res = await new TestClient(api.url).post("/api/profile/reset-password/request", { email });
      expect(res.status).toBe(202);
    };
    for (let i = 0; i < 5; i++) await ask(uniqueEmail("warm-up"));
    // Paired: each known request is compared with the unknown one right after it, and the median drops the
    // spikes that other work on the machine puts into single pairs.
    const pairs = await timedPairs(
      known.length,
      (i) => ask(known[i]!.email),
      () => ask(uniqueEmail("nobody")),
    );
    // A ratio, not a difference: load from other files stretches both sides of a pair alike, while a lookup or
    // a hash done for known emails only would make every known request several times slower.
    const ratio = median(pairs.map(([k, u]) => k / u));
    expect(ratio).toBeGreaterThan(1 / 1.2);
    expect(ratio).toBeLessThan(1.2);
  });
});

describe("per-email rate limits", () => {
  const variants = (email: string) => {
    const [local, domain] = email.split("@") as [string, string];
    const fullWidth = [...local]
      .map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join("");
    return [
      `${" ".repeat(300)}${email}${" ".repeat(300)}`,
      email.toUpperCase(),
      `${fullWidth}@${domain}`,
      `\t${email}\n`,
    ];
  };

  it("when wrong passwords come with padded, re-cased and full-width variants of one email, then the account limit still stops them", async () => {
    const { email } = await member();
    const forms = variants(email);
    const statuses: number[] = [];
    const guesser = new TestClient(app.url);
    for (let i = 0; i < 14; i++) {
      const res = await guesser.post("/api/auth/login", {
        email: forms[i % forms.length],
        password: "wrong-password-0",
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(4).fill(429));
    expect((await guesser.post("/api/auth/login", { email, password: PASSWORD })).status).toBe(429);
  });

  it("when reset emails and waitlist joins are asked for with variants of one email, then the per-email limits hold", async () => {
    const { email } = await member();
    const resets = [];
    for (const form of [...variants(email), email]) {
      resets.push((await new TestClient(app.url).post("/api/profile/reset-password/request", { email: form })).status);
    }
    expect(resets).toEqual([202, 202, 202, 429, 429]);

    const stranger = uniqueEmail("joiner");
    const joins = [];
    for (const form of [...variants(stranger), stranger]) {
      joins.push((await new TestClient(app.url).post("/api/waitlist/join", { email: form })).status);
    }
    expect(joins).toEqual([202, 202, 202, 429, 429]);
  });
});

describe("deeply nested JSON", () => {
  const nested = (levels: number) => `{"email":"a@example.test","x":${"[".repeat(levels)}${"]".repeat(levels)}}`;
  const post = (path: string, body: string) =>
    fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("when 5,000 and 100,000 levels reach the signed-out routes, then each answers 400 in the error shape and /api/health still answers", async () => {
    const answers: string[] = [];
    for (const levels of [5_000, 100_000]) {
      for (const path of ["/api/auth/login", "/api/auth/refresh", "/api/waitlist/join"]) {
        const [res, health] = await Promise.all([post(path, nested(levels)), fetch(`${app.url}/api/health`)]);
        const body = (await res.json()) as { error: { code: string; message: string } };
        answers.push(`${levels} ${path} ${res.status} ${body.error.code} ${health.status}`);
      }
    }
    expect(answers).toEqual(
      [5_000, 100_000].flatMap((levels) =>
        ["/api/auth/login", "/api/auth/refresh", "/api/waitlist/join"].map(
          (path) => `${levels} ${path} 400 too_deeply_nested 200`,
        ),
      ),
    );
  });

  it("when brackets sit inside strings, then they do not count as nesting", async () => {
    const res = await post("/api/waitlist/join", JSON.stringify({ email: `${"[{".repeat(200)}@example.test` }));
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      "validation_failed",
    ]);
  });
});

describe("control characters", () => {
  it("when a display name holds a NUL byte or a line break, then registration answers 400 naming the field", async () => {
    for (const display_name of ["a\u0000b", "Ada\r\nBcc: victim@example.test", "Ada\u202Emoc.live"]) {
      const res = await new TestClient(app.url).post("/api/auth/register", {
        email: uniqueEmail(),
        password: PASSWORD,
        display_name,
      });
      expect([res.status, Object.keys(res.body.error.details)]).toEqual([400, [expect.stringMatching(/display_name/)]]);
    }
  });

  it("when an admin list filter holds a NUL byte, then users, waitlist and audit log answer 400, not 500", async () => {
    for (const path of [
      "/api/admin/users?query=a%00b",
      "/api/admin/waitlist?query=a%00b",
      "/api/admin/audit-log?action=a%00b",
    ]) {
      const res = await admin.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, "validation_failed"]);
    }
  });

  it("when any documented route gets a NUL byte in every query parameter and in the body, then none answers 500", async () => {
    const document = (await admin.get("/api/openapi.json")).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      if (path.endsWith("/stream")) continue;
      for (const [method, op] of Object.entries(methods)) {
        const query = (op.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => `${p.name}=a%00b`)
          .join("&");
        const url = path.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000") + (query ? `?${query}` : "");
        const res = await admin.request(
          method.toUpperCase(),
          url,
          method === "get" ? undefined : { email: "a\u0000b", name: "x\u0000" },
        );
        if (res.status >= 500) failures.push(`${method} ${path}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("when a display name with line breaks reaches an invitation email (an account from before the check), then the text part keeps it on one line", async () => {
    const inviter = await member();
    await sql`UPDATE users SET display_name = ${"Eve\r\nBcc: victim@example.test\r\n\r\nClick evil.example"} WHERE id = ${inviter.id}`.execute(
      app.server.container.db,
    );
    const invitee = uniqueEmail("target");
    expect((await inviter.client.post("/api/invitations", { emails: [invitee] })).status).toBe(201);
    const mail = await smtp.take(invitee);
    expect(mail.text).not.toMatch(/\n\s*Bcc:/);
    expect(mail.text).toContain("Eve Bcc: victim@example.test Click evil.example invited you");
    expect(mail.subject).toBe("Eve Bcc: victim@example.test Click evil.example invited you to Chat3D");
    expect(mail.html).not.toContain("\nBcc");
  });
});

describe("CSRF with other Authorization schemes", () => {
  it("when a cookie-signed admin write carries a Basic Authorization header and a foreign Origin, then it is refused", async () => {
    const { id } = await member();
    const res = await admin.post(`/api/admin/users/${id}/reset-password`, undefined, {
      authorization: "Basic YWRtaW46YWRtaW4=",
      origin: "https://evil.example",
    });
    expect([res.status, res.body.error.code]).toEqual([403, "forbidden"]);
  });

  it("when a write carries an invalid Bearer token beside the cookies and a foreign Origin, then it is refused", async () => {
    const { id } = await member();
    const res = await admin.post(`/api/admin/users/${id}/reset-password`, undefined, {
      authorization: "Bearer not-a-valid-token",
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
  });

  it("when a write is authenticated by a valid Bearer token, then no Origin is needed, whatever cookies come along", async () => {
    const { id } = await member();
    const login = await new TestClient(app.url).post("/api/auth/login", ADMIN);
    const res = await admin.post(`/api/admin/users/${id}/reset-password`, undefined, {
      authorization: `Bearer ${login.body.access_token}`,
      origin: "https://evil.example",
    });
    expect(res.status).toBe(202);
  });

  it("when a cookie write comes without Origin but Fetch Metadata says cross-site or same-site, then it is refused", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const res = await admin.patch(
        "/api/admin/settings",
        { invitation_quota_per_user: 4 },
        { "sec-fetch-site": site },
      );
      expect(res.status).toBe(403);
    }
    expect(
      (await admin.patch("/api/admin/settings", { invitation_quota_per_user: 4 }, { "sec-fetch-site": "same-origin" }))
        .status,
    ).toBe(200);
  });
});
