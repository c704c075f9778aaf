import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi, type ApiAnswer } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { registerConfirmed } from "./harness/people.js";
import { ADMIN } from "./harness/stack.js";
import { newContext } from "./harness/page.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function expectStatus(answer: Promise<ApiAnswer>, status: number) {
  const { status: actual, body } = await answer;
  expect(actual, JSON.stringify(body)).toBe(status);
  return body;
}

describe("notifications", () => {
  it("when an admin sends a password reset, then the person sees it arrive live, and reading it clears the badge", async () => {
    const baseUrl = inject("baseUrl");
    const email = `notified-${randomBytes(4).toString("hex")}@e2e.test`;

    // The admin signs in in a browser context of their own.
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await admin.goto(`${baseUrl}/api/health`);
    await expectStatus(callApi(admin, "POST", "/api/auth/login", ADMIN), 200);
    // Another journey may have left the waitlist on, which would refuse an open registration.
    await expectStatus(callApi(admin, "PATCH", "/api/admin/settings", { waitlist_enabled: false }), 200);

    // The person registers in theirs and opens the app.
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/api/health`);
    await registerConfirmed(page, { email, password: "a-long-passphrase-42", display_name: "Nia Notified" });
    await page.goto(baseUrl);

    const bell = page.getByRole("button", { name: "Notifications", exact: true });
    await bell.waitFor();
    await bell.click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await panel.getByText("You're all caught up").waitFor();
    await snapshot(page, "notifications-panel-empty");

    // The admin sends the reset while the person's panel is open.
    const users = (await expectStatus(
      callApi(admin, "GET", `/api/admin/users?query=${encodeURIComponent(email)}`),
      200,
    )) as { items: { id: string; email: string }[] };
    const target = users.items.find((u) => u.email === email);
    expect(target).toBeDefined();
    await expectStatus(callApi(admin, "POST", `/api/admin/users/${target!.id}/reset-password`), 202);

    // It arrives without a reload: in the open panel, on the badge, and as a toast.
    await panel.getByText("Password reset sent").waitFor();
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor();
    const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Password reset sent" });
    await toast.waitFor();
    // Let the toast finish sliding in before the picture.
    await expect.poll(() => toast.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    await snapshot(page, "notifications-toast");
    expect(await panel.getByText(`An administrator sent a password reset link to ${email}.`).count()).toBe(1);

    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    await toast.waitFor({ state: "hidden", timeout: 15_000 });
    const unreadBell = page.getByRole("button", { name: "Notifications, 1 unread" });
    await snapshot(page, "notifications-bell-unread");

    await unreadBell.click();
    await panel.getByText("Password reset sent").waitFor();
    await snapshot(page, "notifications-panel");

    // Reading it clears the badge here and on the server.
    await panel.getByRole("button", { name: /Password reset sent/ }).click();
    await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
    expect(await panel.getByText("(unread)").count()).toBe(0);
    await expect
      .poll(async () => (await callApi(page, "GET", "/api/notifications/unread-count")).body)
      .toEqual({ unread_count: 0 });
    await snapshot(page, "notifications-panel-read");
    await page.keyboard.press("Escape");

    // Offline, the top bar says live updates are paused; back online, the stream resumes and delivers again.
    await context.setOffline(true);
    const offline = page.getByRole("status").filter({ hasText: "Offline" });
    await offline.waitFor();
    await snapshot(page, "notifications-offline");
    await context.setOffline(false);
    await offline.waitFor({ state: "hidden" });
    await expectStatus(callApi(admin, "POST", `/api/admin/users/${target!.id}/reset-password`), 202);
    // The badge counts what is unread now (another notice may have come meanwhile); the reset is among it.
    await page.getByRole("button", { name: /^Notifications, [1-9]\d* unread$/ }).waitFor();

    await adminContext.close();
    await context.close();
  });
});
