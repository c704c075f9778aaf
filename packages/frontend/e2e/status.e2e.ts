import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { boxDesigner, startFakeLlmServer } from "../../backend/test/helpers/fake-llm-server.js";
import { ADMIN, startApi } from "./harness/stack.js";
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

  it("when an AI provider is configured, then the page shows it reachable with its models, and down once it stops", async () => {
    const llm = await startFakeLlmServer(boxDesigner, {
      models: [{ name: "cad-coder:7b", capabilities: ["completion", "tools"] }],
    });
    const api = await startApi(inject("renderUrl"), { mailDir: inject("mailDir"), env: { OLLAMA_BASE_URL: llm.url } });
    try {
      const page = await newPage(browser);
      await page.goto(`${api.baseUrl}/login`);
      expect((await callApi(page, "POST", "/api/auth/login", ADMIN)).status).toBe(200);
      await page.goto(`${api.baseUrl}/admin/status`);
      const ollama = page.getByRole("region", { name: "AI providers" }).getByRole("group", { name: "Ollama" });
      await ollama.getByText("Operational").waitFor();
      await ollama.getByText("Offers cad-coder:7b (Ollama).").waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      await snapshot(page, "status-providers");

      await llm.close();
      await page.getByRole("button", { name: "Refresh" }).click();
      await ollama.getByText("Down").waitFor();
      await snapshot(page, "status-provider-down");
      await page.context().close();
    } finally {
      await api.stop();
      await llm.close();
    }
  });

  it("when a deep link is opened, then the app shell serves it and shows the styled 404", async () => {
    const page = await newPage(browser);
    const res = await page.goto(`${inject("baseUrl")}/no/such/page`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole("heading").first().textContent()).toMatch(/not found|doesn.t exist/i);
    await page.close();
  });
});
