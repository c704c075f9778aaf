import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { waitForMail } from "./harness/mail.js";
import { newPage } from "./harness/page.js";
import { registerConfirmed } from "./harness/people.js";
import { ADMIN } from "./harness/stack.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = "lifecycle-passphrase-31";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A new person, registered through the API inside their own browser context (its cookies sign them in). */
async function registered(tag: string): Promise<{ page: Page; email: string }> {
  const baseUrl = inject("baseUrl");
  const admin = await newPage(browser);
  await admin.goto(baseUrl);
  expect((await callApi(admin, "POST", "/api/auth/login", ADMIN)).status).toBe(200);
  // Another journey may have left the waitlist on, which would refuse an open registration.
  expect((await callApi(admin, "PATCH", "/api/admin/settings", { waitlist_enabled: false })).status).toBe(200);
  await admin.context().close();

  const email = `${tag}-${randomBytes(4).toString("hex")}@e2e.test`;
  const page = await newPage(browser);
  await page.goto(baseUrl);
  await registerConfirmed(page, { email, password: PASSWORD });
  return { page, email };
}

describe("account lifecycle", () => {
  it("when a person deletes their account, then signing in offers reactivation, and the emailed link brings the account back", async () => {
    const baseUrl = inject("baseUrl");
    const mailDir = inject("mailDir");
    const { page, email } = await registered("lia");

    // Your data: the typed confirmation and the password, then the email link.
    await page.goto(`${baseUrl}/profile/data`);
    await page.getByRole("heading", { name: "Delete your account" }).waitFor();
    await page.getByText("No exports yet").waitFor();
    await snapshot(page, "profile-data");
    const form = page.getByRole("form", { name: "Delete your account" });
    await form.getByLabel(`Type ${email} to confirm`).fill(email);
    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByRole("button", { name: "Email me a deletion link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).first().waitFor();
    await snapshot(page, "profile-data-delete-sent");

    const { link } = await waitForMail(mailDir, email, { subject: /Confirm the deletion/ });
    expect(new URL(link).pathname).toBe("/account/confirm");
    await page.goto(link);
    await page.getByRole("heading", { name: "Delete your account" }).waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe("");
    await snapshot(page, "account-confirm-delete");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("heading", { name: "Your account is deactivated" }).waitFor();
    await snapshot(page, "account-confirm-deleted");

    // Signing in with the right password shows the way back instead of a dead end.
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await page.getByRole("heading", { name: "Sign in to Chat3D" }).waitFor();
    await signIn(page, email, "not-the-password-at-all");
    await page.getByRole("alert").filter({ hasText: "Couldn't sign you in" }).waitFor();
    await signIn(page, email, PASSWORD);
    const alert = page.getByRole("alert").filter({ hasText: "This account is waiting to be deleted" });
    await alert.waitFor();
    await snapshot(page, "login-pending-deletion");
    await alert.getByRole("button", { name: "Email me a reactivation link" }).click();
    await alert.getByText(`We've sent a reactivation link to ${email}`).waitFor();
    await snapshot(page, "login-reactivation-sent");

    const reactivation = await waitForMail(mailDir, email, { subject: /Reactivate/ });
    await page.goto(reactivation.link);
    await page.getByRole("heading", { name: "Reactivate your account" }).waitFor();
    await snapshot(page, "account-confirm-reactivate");
    await page.getByRole("button", { name: "Reactivate my account" }).click();
    await page.getByRole("heading", { name: "Welcome back" }).waitFor();
    await snapshot(page, "account-confirm-reactivated");

    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await signIn(page, email, PASSWORD);
    await page.getByRole("button", { name: `Account menu for ${email}` }).waitFor();

    // The signed-out reactivation page, as the "will be deleted" email links to it.
    const visitor = await newPage(browser);
    await visitor.goto(`${baseUrl}/reactivate`);
    await visitor.getByRole("heading", { name: "Reactivate your account" }).waitFor();
    await snapshot(visitor, "reactivate");
    await visitor.getByLabel("Email").fill(`nobody-${randomBytes(3).toString("hex")}@e2e.test`);
    await visitor.getByRole("button", { name: "Send reactivation link" }).click();
    await visitor.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await snapshot(visitor, "reactivate-sent");
    await visitor.context().close();
    await page.context().close();
  });

  it("when a person opens each profile tab, then the account, security and data screens show their forms and lists", async () => {
    const baseUrl = inject("baseUrl");
    const mailDir = inject("mailDir");
    const { page, email } = await registered("pia");
    // A second device, so the sessions list has someone to sign out.
    const other = await newPage(browser);
    await other.goto(baseUrl);
    expect((await callApi(other, "POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(200);

    await page.goto(`${baseUrl}/profile`);
    await page.getByLabel("Display name").waitFor();
    await snapshot(page, "profile-account");
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await expect.poll(() => page.locator("input[name=new_email]").getAttribute("aria-invalid")).toBe("true");
    await snapshot(page, "profile-account-invalid");

    await page.goto(`${baseUrl}/profile/security`);
    const devices = page.getByRole("list", { name: "Signed-in devices" });
    await devices.waitFor();
    await expect.poll(() => devices.getByRole("listitem").count()).toBe(2);
    await snapshot(page, "profile-security");
    await page.getByRole("button", { name: "Sign out other devices" }).click();
    await page.getByRole("dialog", { name: "Sign out every other device?" }).waitFor();
    await snapshot(page, "profile-security-sign-out-others");
    await page.getByRole("dialog").getByRole("button", { name: "Sign out other devices" }).click();
    await page.getByText("Only this device is signed in.").waitFor();
    expect((await callApi(other, "GET", "/api/auth/me")).status).toBe(401);

    // An export, confirmed by email, built by the worker and listed for download.
    await page.goto(`${baseUrl}/profile/data`);
    await page.getByRole("button", { name: "Request an export" }).click();
    const { link } = await waitForMail(mailDir, email, { subject: /Confirm your Chat3D data export/ });
    await page.goto(link);
    await page.getByRole("button", { name: "Start the export" }).click();
    await page.getByRole("heading", { name: "Your export is being built" }).waitFor();
    await snapshot(page, "account-confirm-export");
    await page.getByRole("link", { name: "See your exports" }).click();
    await page.getByRole("list", { name: "Your exports" }).getByRole("link", { name: "Download" }).waitFor();
    await snapshot(page, "profile-data-export-ready");
    await other.context().close();
    await page.context().close();
  });
});
