import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

const THEME_SCRIPT = "document.documentElement.classList.add('dark');";
let app: TestApp;

beforeAll(async () => {
  const dist = mkdtempSync(path.join(tmpdir(), "chat3d-dist-"));
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(
    path.join(dist, "index.html"),
    `<!doctype html><html><head><script>${THEME_SCRIPT}</script></head><body><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script></body></html>`,
  );
  writeFileSync(path.join(dist, "assets/app-1a2b.js"), "console.log('app')");
  app = await startTestApp({ WEB_DIST_DIR: dist });
});
afterAll(() => app.stop());

describe("serving the built UI in single-process mode", () => {
  it("when the page loads, then the CSP allows exactly its inline theme script and does not force https", async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    const hash = createHash("sha256").update(THEME_SCRIPT).digest("base64");
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toContain("unsafe-inline';script");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("when a hashed asset or a deep link is requested, then assets are cached for a year and links get the app", async () => {
    const asset = await fetch(`${app.url}/assets/app-1a2b.js`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${app.url}/assets/missing.js`)).status).toBe(404);
    const deep = await fetch(`${app.url}/admin/users?page=2`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${app.url}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/json");
  });
});
