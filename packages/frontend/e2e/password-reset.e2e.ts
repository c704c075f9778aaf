import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { waitForMail } from "./harness/mail.js";
import { newPage } from "./harness/page.js";
import { ADMIN } from "./harness/stack.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = "first-passphrase-17";
const NEW_PASSWORD = "second-passphrase-93";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The admin, signed in through the API in a context of their own, sets the waitlist. */
async function setWaitlist(admin: Page, on: boolean) {
  const answer = await callApi(admin, "PATCH", "/api/admin/settings", { waitlist_enabled: on });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
}

describe("password reset", () => {
  it("when a person forgets their password, then the emailed link sets a new one, once", async () => {
    const baseUrl = inject("baseUrl");
    const mailDir = inject("mailDir");
    const email = `rosa-${randomBytes(4).toString("hex")}@e2e.test`;

    const admin = await newPage(browser);
    await admin.goto(baseUrl);
    expect((await callApi(admin, "POST", "/api/auth/login", ADMIN)).status).toBe(200);
    // Another journey may have left the waitlist on, which would refuse an open registration.
    await setWaitlist(admin, false);

    // The person registers (open sign-up signs nobody in) and goes on to the sign-in page.
    const person = await newPage(browser);
    await person.goto(`${baseUrl}/register`);
    await person.getByRole("heading", { name: "Create your account" }).waitFor();
    await person.getByLabel("Email").fill(email);
    await person.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await person.getByRole("button", { name: "Create account" }).click();
    await person.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await person.getByRole("main").getByRole("link", { name: "Sign in" }).first().click();
    await person.getByRole("heading", { name: "Sign in to Chat3D" }).waitFor();

    // "Forgot your password?" asks for a link and gives the same answer for any address.
    await person.getByRole("link", { name: "Forgot your password?" }).click();
    await person.getByRole("heading", { name: "Reset your password" }).waitFor();
    await snapshot(person, "forgot-password");
    await person.getByLabel("Email").fill(email);
    await person.getByRole("button", { name: "Send reset link" }).click();
    await person.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await snapshot(person, "forgot-password-sent");

    // The emailed link opens the page that sets a new password; its token leaves the address.
    const { link } = await waitForMail(mailDir, email, { subject: /password/i });
    expect(new URL(link).pathname).toBe("/account/confirm");
    await person.goto(link);
    await person.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await expect.poll(() => new URL(person.url()).hash).toBe("");
    await person.getByText(email).waitFor();
    await person.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await person.getByLabel("Confirm new password", { exact: true }).fill(NEW_PASSWORD);
    await snapshot(person, "account-confirm-new-password");
    await person.getByRole("button", { name: "Change password" }).click();
    await person.getByRole("heading", { name: "Password changed — every device was signed out" }).waitFor();
    await snapshot(person, "account-confirm-changed");

    // The old password no longer works; the new one does.
    await person.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await person.getByRole("heading", { name: "Sign in to Chat3D" }).waitFor();
    await signIn(person, email, PASSWORD);
    await person.getByRole("alert").filter({ hasText: "Couldn't sign you in" }).waitFor();
    await signIn(person, email, NEW_PASSWORD);
    await person.getByRole("button", { name: `Account menu for ${email}` }).waitFor();

    // The same link again, as a mail program opens it: already used.
    const again = await person.context().newPage();
    await again.goto(link);
    await again.getByRole("heading", { name: "This link was already used" }).waitFor();
    await snapshot(again, "account-confirm-used");
    await again.goto(`${baseUrl}/account/confirm`);
    await again.getByRole("heading", { name: "Open the link from your email" }).waitFor();
    await snapshot(again, "account-confirm-no-link");

    // While the waitlist is on, the sign-in and sign-up pages point newcomers to it.
    await setWaitlist(admin, true);
    try {
      const visitor = await newPage(browser);
      await visitor.goto(`${baseUrl}/login`);
      // The footer and the top bar both point newcomers at the waitlist.
      await expect.poll(() => visitor.getByRole("link", { name: "Join the waitlist" }).count()).toBe(2);
      await snapshot(visitor, "login-waitlist");
      await visitor.goto(`${baseUrl}/register`);
      await visitor.getByRole("note").filter({ hasText: "Registration is by invitation" }).waitFor();
      await snapshot(visitor, "register-invitation-only");
    } finally {
      await setWaitlist(admin, false);
    }
  });
});
