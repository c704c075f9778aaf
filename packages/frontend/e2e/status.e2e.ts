import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { ADMIN } from "./harness/stack.js";
import { newPage } from "./harness/page.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe("the system status page", () => {
  it("when an admin opens the status section, then it shows a healthy server with every dependency up", async () => {
    const page = await newPage(browser);
    await page.goto(`${inject("baseUrl")}/login`);
    expect((await callApi(page, "POST", "/api/auth/login", ADMIN)).status).toBe(200);
    await page.goto(`${inject("baseUrl")}/admin/status`);
    await page.getByRole("heading", { name: "System status" }).waitFor();
    for (const name of ["Database", "Redis", "Render service"]) {
      await expect.poll(() => page.getByText(name, { exact: false }).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText("Operational", { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText(/down/i).count()).toBe(0);
    await snapshot(page, "status");
    await page.context().close();
  });

  it("when a deep link is opened, then the app shell serves it and shows the styled 404", async () => {
    const page = await newPage(browser);
    const res = await page.goto(`${inject("baseUrl")}/no/such/page`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole("heading").first().textContent()).toMatch(/not found|doesn.t exist/i);
    await page.close();
  });
});
