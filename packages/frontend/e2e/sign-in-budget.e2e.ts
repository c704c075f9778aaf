import http from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./harness/browser.js";
import { newPage } from "./harness/page.js";

/** The most JavaScript, gzip-compressed, that the sign-in page may load: 200 KiB. */
const BUDGET_BYTES = 200 * 1024;

/** The bytes that arrive for `url` when the client takes gzip only: what the budget counts. */
function gzipBytes(url: string) {
  return new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], bytes }));
      })
      .on("error", reject);
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe("the sign-in page's weight", () => {
  it("when someone opens /login, then every script arrives compressed and all of them weigh at most 200 KiB of gzip", async () => {
    const page = await newPage(browser);
    const scripts: { url: string; encoding: string | undefined }[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      void response
        .allHeaders()
        .then((headers) => scripts.push({ url: response.url(), encoding: headers["content-encoding"] }));
    });

    await page.goto(`${inject("baseUrl")}/login`);
    await page.getByRole("heading", { name: "Sign in to Chat3D" }).waitFor();
    // Whatever the page fetches once it shows (lazy chunks) counts too.
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.getByRole("button", { name: "Sign in" }).count()).toBe(1);

    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(["br", "gzip"], script.url).toContain(script.encoding);

    const sizes = await Promise.all(scripts.map(({ url }) => gzipBytes(url)));
    for (const size of sizes) expect(size.encoding).toBe("gzip");
    const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
    console.log(`sign-in page: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KiB gzip`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    await page.context().close();
  });
});
