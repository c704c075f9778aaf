import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { newPage } from "./harness/page.js";
import { ADMIN } from "./harness/stack.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe("the forms and lists, screen by screen", () => {
  it("when a visitor opens each form, then it shows its labelled fields, and an empty submit blames the first field", async () => {
    const baseUrl = inject("baseUrl");
    const page = await newPage(browser);
    for (const [path, name, button] of [
      ["/login", "sign-in", "Sign in"],
      ["/register", "register", "Create account"],
      ["/forgot-password", "forgot-password", "Send reset link"],
      ["/waitlist", "waitlist-join", "Join the waitlist"],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator("main h1").waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      await snapshot(page, name);
      // The sign-up page is an invitation notice while the waitlist is on; its form is checked elsewhere.
      const email = page.locator("form input[name=email]");
      const submit = page.locator("form").getByRole("button", { name: button, exact: true });
      if ((await submit.count()) === 0) continue;
      await submit.click();
      await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
      expect(await email.evaluate((node) => node === document.activeElement)).toBe(true);
      await snapshot(page, `${name}-invalid`);
    }
    await page.context().close();
  });

  it("when an admin opens each list, then it shows its table or its empty state under its filters", async () => {
    const baseUrl = inject("baseUrl");
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: `Account menu for ${ADMIN.email}` }).waitFor();

    for (const [path, name, table] of [
      ["/admin/users", "admin-users", "Users"],
      ["/admin/waitlist?status=all", "admin-waitlist", "Waitlist"],
      ["/admin/audit", "admin-audit", "Audit log"],
      ["/admin/jobs", "admin-jobs", "Failed jobs"],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      const list = page.getByRole("table", { name: table }).or(page.locator("[data-slot=empty-state-title]"));
      await list.first().waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      await snapshot(page, name);
    }

    await page.goto(`${baseUrl}/admin/settings`);
    await page.getByRole("spinbutton", { name: "Invitations per person" }).waitFor();
    await snapshot(page, "admin-settings");
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole("button", { name: `Actions for ${ADMIN.email}` }).click();
    await page.getByRole("menuitem", { name: /AI limits/ }).click();
    await page.getByRole("dialog", { name: /^AI limits for / }).waitFor();
    await expect.poll(() => page.getByText(/the server's default \(/).count()).toBe(2);
    await snapshot(page, "admin-user-limits");
    await page.keyboard.press("Escape");
    await page.goto(`${baseUrl}/profile/invitations`);
    await page.getByRole("heading", { name: "Sent invitations" }).waitFor();
    await snapshot(page, "profile-invitations");
    await page.context().close();
  });
});
