import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

const THEME_SCRIPT = "document.documentElement.classList.add('dark');";
const APP_JS = "console.log('app');".repeat(50);
const INDEX = `<!doctype html><html><head><script>${THEME_SCRIPT}</script></head><body><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script></body></html>`;
let app: TestApp;

beforeAll(async () => {
  const dist = mkdtempSync(path.join(tmpdir(), "chat3d-dist-"));
  mkdirSync(path.join(dist, "assets"));
  // As the UI build leaves them: every text file with .br and .gz beside it, except this one.
  const files = { "index.html": INDEX, "assets/app-1a2b.js": APP_JS, "favicon.svg": "<svg></svg>" };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dist, name), content);
    writeFileSync(path.join(dist, `${name}.br`), brotliCompressSync(content));
    writeFileSync(path.join(dist, `${name}.gz`), gzipSync(content));
  }
  writeFileSync(path.join(dist, "assets/plain-9f8e.js"), "console.log('plain')");
  app = await startTestApp({ WEB_DIST_DIR: dist });
});
afterAll(() => app.stop());

/** A raw GET (fetch would decode the body), with the encodings the client accepts. */
function get(urlPath: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding };
    http
      .get(`${app.url}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

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

  it("when the browser takes brotli, then a script comes precompressed as br, typed and cached as the script", async () => {
    const res = await get("/assets/app-1a2b.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toContain("Accept-Encoding");
    expect(res.headers["content-type"]).toMatch(/^(text|application)\/javascript; charset=utf-8$/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS);
  });

  it("when the client takes only gzip, then it gets the .gz; when it takes neither, then the plain file", async () => {
    const gzipped = await get("/assets/app-1a2b.js", "gzip");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).toString()).toBe(APP_JS);

    const plain = await get("/assets/app-1a2b.js", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toContain("Accept-Encoding");
    expect(plain.body.toString()).toBe(APP_JS);

    const uncompressed = await get("/assets/plain-9f8e.js", "br, gzip");
    expect(uncompressed.status).toBe(200);
    expect(uncompressed.headers["content-encoding"]).toBeUndefined();
    expect(uncompressed.body.toString()).toBe("console.log('plain')");
  });

  it("when the page or a deep link is opened, then index.html comes compressed and always revalidates", async () => {
    for (const urlPath of ["/", "/admin/users?page=2"]) {
      const res = await get(urlPath, "gzip, br");
      expect(res.headers["content-encoding"]).toBe("br");
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(brotliDecompressSync(res.body).toString()).toBe(INDEX);
    }
    const icon = await get("/favicon.svg", "gzip");
    expect(icon.headers["content-encoding"]).toBe("gzip");
    expect(icon.headers["content-type"]).toBe("image/svg+xml");
  });
});
