import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken, hashToken } from "../../src/lib/tokens.js";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp, takeMail } from "../helpers/accounts.js";
import { linkIn } from "../helpers/smtp.js";

// Chat3D has no public share links: every object is reached by an owner-checked id (test/api/*: "someone else
// ... 404"). The links that do grant something without a session are the emailed ones; guessing one must be
// hopeless, and a copy of the database must not hold a usable one.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

describe("guessing an emailed link", () => {
  it("when link tokens are made, then each carries 256 random bits in URL-safe text and none repeats", () => {
    const tokens = Array.from({ length: 2000 }, () => generateToken().token);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("when a reset link is sent, then only its hash is stored, and a token one character off or random is unknown (404)", async () => {
    const email = uniqueEmail("guess");
    await signUp(app, new TestClient(app.url), { email, password: PASSWORD });
    expect((await new TestClient(app.url).post("/api/profile/reset-password/request", { email })).status).toBe(202);
    const token = linkIn(await takeMail(app, email), "/account/confirm").params.get("token")!;

    const stored = await app.database.db.selectFrom("account_actions").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.map((row) => row.token_hash)).toContain(hashToken(token));

    const preview = (t: string) => new TestClient(app.url).get("/api/profile/actions/confirm", { "x-chat3d-token": t });
    const nearMiss = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect((await preview(nearMiss)).status).toBe(404);
    expect((await preview(generateToken().token)).status).toBe(404);
    expect((await preview(token)).status).toBe(200);
  });
});
