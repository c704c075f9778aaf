import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { newPage } from "./harness/page.js";
import { signUpPerson } from "./harness/people.js";
import { ADMIN } from "./harness/stack.js";
import { pixels, readyViewer } from "./harness/viewer.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const BOX = `from build123d import *

root_part = Box(40, 20, 10)
`;

/** The viewer's box lies wholly inside the window at both widths: nothing of the part is below the fold. */
async function expectAboveTheFold(page: Page, viewer: Locator) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await expect
      .poll(async () => (await viewer.boundingBox())!.y + (await viewer.boundingBox())!.height)
      .toBeLessThanOrEqual(size.height);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("the pages a visitor sees first", () => {
  it("when a visitor opens the home page, then it leads with signing up and draws the example part in the viewer", async () => {
    const baseUrl = inject("baseUrl");
    const page = await newPage(browser);
    await page.goto(baseUrl);
    const hero = page.locator("section", { has: page.getByRole("heading", { level: 1 }) });
    await hero.getByRole("link", { name: /^(Create an account|Join the waitlist)$/ }).waitFor();
    expect(await hero.getByRole("link").first().textContent()).toMatch(/^(Create an account|Join the waitlist)$/);
    const viewer = await readyViewer(page);
    expect((await pixels(viewer)).painted).toBeGreaterThan(5000);
    await expect.poll(() => viewer.getByText("64 × 32 × 40 mm").count()).toBe(1);
    await snapshot(page, "landing");
    await page.context().close();
  });

  it("when someone opens a share link, then the whole part shows above the fold with who shared it, file sizes and a way to make their own", async () => {
    const baseUrl = inject("baseUrl");
    const owner = await signUpPerson(browser, baseUrl, "Sam Sharer");
    const chat = (await callApi(owner, "POST", "/api/chat/contexts", { name: "Spacer" })).body as any;
    const { version } = (await callApi(owner, "POST", `/api/chat/contexts/${chat.context.id}/render`, { code: BOX }))
      .body as any;
    const created = await callApi(owner, "POST", `/api/chat/versions/${version.id}/shares`, {
      include_code: true,
      formats: ["step", "stl", "3mf"],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await owner.context().close();

    const stranger = await newPage(browser);
    await stranger.goto((created.body as any).share.url);
    const viewer = await readyViewer(stranger);
    await stranger.getByText(/^Version 1 · shared by Sam Sharer on/).waitFor();
    const downloads = stranger.getByRole("group", { name: "Downloads" });
    expect(await downloads.getByRole("button", { name: /^Download STEP \(\d+(\.\d)? KB\)$/ }).count()).toBe(1);
    await stranger.getByRole("link", { name: /^(Create an account|Join the waitlist)$/ }).waitFor();
    await expectAboveTheFold(stranger, viewer);
    await snapshot(stranger, "shared-page");
    await stranger.context().close();
  });
});

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

    // Two invitations for the admin's invitations table; the policy is put back as it was for the other files.
    const policy = (await callApi(page, "GET", "/api/admin/settings")).body as { settings: Record<string, unknown> };
    await callApi(page, "PATCH", "/api/admin/settings", { invitations_enabled: true });
    const invited = await callApi(page, "POST", "/api/invitations", {
      emails: [`ada.lovelace-${Date.now()}@example.com`, `a.really.long.invitee.address-${Date.now()}@example.org`],
    });
    expect(invited.status).toBe(201);
    await callApi(page, "PATCH", "/api/admin/settings", { invitations_enabled: policy.settings.invitations_enabled });

    for (const [path, name, table] of [
      ["/admin/users", "admin-users", "Users"],
      ["/admin/waitlist?status=all", "admin-waitlist", "Waitlist"],
      ["/admin/invitations", "admin-invitations", "Invitations"],
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
