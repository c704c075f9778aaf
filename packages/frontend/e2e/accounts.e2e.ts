import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { callApi } from "./harness/api.js";
import { waitForMail } from "./harness/mail.js";
import { newPage, settledToast } from "./harness/page.js";
import { ADMIN } from "./harness/stack.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = "a-long-passphrase-42";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("accounts", () => {
  it("when an admin deactivates a person who is using the app, then that person's page is refused and ends on sign-in with a message", async () => {
    const baseUrl = inject("baseUrl");
    const email = `dana-${randomBytes(4).toString("hex")}@e2e.test`;

    // The admin signs in through the form, in a browser context of their own.
    const admin = await newPage(browser);
    await admin.goto(`${baseUrl}/login`);
    await admin.getByRole("heading", { name: "Sign in to Chat3D" }).waitFor();
    await snapshot(admin, "login");

    await signIn(admin, "nobody@e2e.test", "not-the-password");
    await admin.getByRole("alert").filter({ hasText: "Couldn't sign you in" }).waitFor();
    await snapshot(admin, "login-error");

    await signIn(admin, ADMIN.email, ADMIN.password);
    const adminMenu = admin.getByRole("button", { name: `Account menu for ${ADMIN.email}` });
    await adminMenu.waitFor();
    // Home sends a signed-in person on to their workspace once its code has arrived.
    await expect.poll(() => new URL(admin.url()).pathname).toMatch(/^\/chat/);

    // Another journey may have left the waitlist on, which would refuse an open registration.
    await admin.goto(`${baseUrl}/admin/settings`);
    const waitlist = admin.getByRole("switch", { name: "Waitlist", exact: true });
    await waitlist.waitFor();
    if ((await waitlist.getAttribute("aria-checked")) === "true") {
      await waitlist.click();
      await settledToast(admin, "Waitlist turned off");
    }

    // The person registers in another context and starts using the app.
    const person = await newPage(browser);
    await person.goto(`${baseUrl}/register`);
    await person.getByRole("heading", { name: "Create your account" }).waitFor();
    await snapshot(person, "register");
    await person.getByLabel("Name", { exact: true }).fill("Dana Deactivated");
    await person.getByLabel("Email").fill(email);
    await person.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await person.getByRole("button", { name: "Create account" }).click();
    // Open sign-up signs nobody in: the same "check your email" for a new address as for a taken one.
    await person.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await snapshot(person, "register-check-email");

    // Signed in before confirming, they can use the app, and a banner asks for the confirmation.
    await person.getByRole("main").getByRole("link", { name: "Sign in" }).first().click();
    await signIn(person, email, PASSWORD);
    await person.getByRole("button", { name: `Account menu for ${email}` }).waitFor();
    await expect.poll(() => new URL(person.url()).pathname).toBe("/chat");
    const banner = person.getByRole("region", { name: "Confirm your email address" });
    await banner.waitFor();
    await banner.getByRole("button", { name: "Resend email" }).click();
    await banner.getByRole("status").filter({ hasText: "New link sent." }).waitFor();
    await snapshot(person, "unconfirmed-banner");

    // The newest link opens a page that names the address; its button confirms it and the banner goes.
    // The resent mail is sent by a job after the answer: wait for it, not just for the first one.
    const { link } = await waitForMail(inject("mailDir"), email, { subject: /^Confirm your email/, count: 2 });
    await person.goto(link);
    await person.getByRole("heading", { name: "Confirm your email address" }).waitFor();
    await snapshot(person, "confirm-email");
    await person.getByRole("button", { name: "Confirm my email" }).click();
    await person.getByRole("heading", { name: "Email address confirmed" }).waitFor();
    await banner.waitFor({ state: "detached" });
    await snapshot(person, "confirm-email-done");
    await person.getByRole("link", { name: "Go to your workspace" }).click();
    await expect.poll(() => new URL(person.url()).pathname).toMatch(/^\/chat/);

    // The admin panel is not theirs.
    await person.goto(`${baseUrl}/admin/users`);
    await person.getByRole("heading", { name: "You don't have access" }).waitFor();
    await snapshot(person, "forbidden");
    await person.getByRole("link", { name: "Back to home" }).click();
    await person.getByRole("heading", { name: "Make your first part" }).waitFor();

    // The admin finds them and deactivates them, after a confirmation that names them.
    await adminMenu.click();
    await admin.getByRole("menuitem", { name: "Admin" }).waitFor();
    await snapshot(admin, "user-menu");
    await admin.getByRole("menuitem", { name: "Admin" }).click();
    await admin.waitForURL(`${baseUrl}/admin/users`);
    await admin.getByRole("table", { name: "Users" }).getByText(ADMIN.email).waitFor();
    await snapshot(admin, "admin-users");

    // Their own row cannot be deactivated, and the menu says why.
    await admin.getByRole("button", { name: `Actions for ${ADMIN.email}` }).click();
    const ownDeactivate = admin.getByRole("menuitem", { name: "Deactivate" });
    expect(await ownDeactivate.getAttribute("aria-disabled")).toBe("true");
    await ownDeactivate.hover();
    await admin.getByRole("tooltip").filter({ hasText: "You can't deactivate your own account." }).waitFor();
    await snapshot(admin, "admin-users-own-menu");
    // Escape closes the topmost layer first: the tooltip when it is still open, then the menu.
    for (let i = 0; i < 3 && (await admin.getByRole("menu").isVisible()); i++) {
      await admin.keyboard.press("Escape");
      await admin.waitForTimeout(150);
    }
    await admin.getByRole("menu").waitFor({ state: "hidden" });

    const search = admin.getByRole("searchbox", { name: "Search users" });
    await search.fill("nobody-by-this-name");
    await admin.getByRole("heading", { name: "No users match" }).waitFor();
    await snapshot(admin, "admin-users-empty");

    await search.fill(email);
    await admin.waitForURL((url) => url.searchParams.get("query") === email);
    const row = admin.getByRole("row").filter({ hasText: "Dana Deactivated" });
    await row.waitFor();
    await expect.poll(() => admin.getByRole("table", { name: "Users" }).getByRole("row").count()).toBe(2);

    await row.getByRole("button", { name: `Actions for ${email}` }).click();
    await admin.getByRole("menuitem", { name: "Deactivate" }).click();
    const dialog = admin.getByRole("dialog", { name: "Deactivate Dana Deactivated?" });
    await dialog.waitFor();
    await snapshot(admin, "admin-users-confirm");
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await settledToast(admin, "Dana Deactivated was deactivated");
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Deactivated", { exact: true }).waitFor();

    // The person comes back to their tab: the next call is refused, and they land on sign-in with the reason.
    await person.bringToFront();
    await person.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await person.waitForURL((url) => url.pathname === "/login");
    await person.getByRole("alert").filter({ hasText: "You've been signed out" }).waitFor();
    expect(await person.getByRole("button", { name: /Account menu/ }).count()).toBe(0);
    await snapshot(person, "login-session-ended");

    // Signing in again is refused with the same words as a wrong password.
    await signIn(person, email, PASSWORD);
    await person.getByRole("alert").filter({ hasText: "Couldn't sign you in" }).waitFor();

    // The audit log has the deactivation, with what changed.
    await admin.getByRole("tab", { name: "Audit log" }).click();
    await admin.waitForURL(`${baseUrl}/admin/audit`);
    const entry = admin.getByRole("row").filter({ hasText: "User deactivated" }).first();
    await entry.waitFor();
    await entry.getByRole("button", { name: /^Details of User deactivated/ }).click();
    await admin.getByText("changed to").first().waitFor();
    await snapshot(admin, "admin-audit");

    await admin.context().close();
    await person.context().close();
  });

  it("when an invitation email's link is opened, then the token leaves the address bar, the email is fixed, and registration works while the waitlist is on", async () => {
    const baseUrl = inject("baseUrl");
    const invitee = `ivy-${randomBytes(4).toString("hex")}@e2e.test`;

    // The admin turns the waitlist and invitations on from the settings tab, then invites someone.
    const admin = await newPage(browser);
    await admin.goto(`${baseUrl}/login?next=${encodeURIComponent("/admin/settings")}`);
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL(`${baseUrl}/admin/settings`);
    const setSwitch = async (name: string, on: boolean, toast: string) => {
      const control = admin.getByRole("switch", { name, exact: true });
      await control.waitFor();
      if ((await control.getAttribute("aria-checked")) === String(on)) return;
      await control.click();
      await settledToast(admin, toast);
    };
    await setSwitch("Waitlist", true, "Waitlist turned on");
    await setSwitch("Invitations", true, "Invitations turned on");
    await setSwitch("Invited people join the waitlist", false, "Invited people now get a sign-up link");
    await admin.getByText("Last changed by you").waitFor();
    await snapshot(admin, "admin-settings");

    const invited = await callApi(admin, "POST", "/api/invitations", { emails: [invitee] });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const { link } = await waitForMail(inject("mailDir"), invitee);
    expect(link).toContain("/register#token=");

    // The invitee opens the link.
    const page = await newPage(browser);
    await page.goto(link);
    await page.getByRole("heading", { name: "Accept your invitation" }).waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe("");
    const email = page.getByLabel("Email");
    expect(await email.inputValue()).toBe(invitee);
    expect(await email.getAttribute("readonly")).not.toBeNull();
    await snapshot(page, "register-invitation");

    // The invitation survives a reload: it lives in this tab's history, not in the address.
    await page.reload();
    await page.getByRole("heading", { name: "Accept your invitation" }).waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe(invitee);

    await page.getByLabel("Name", { exact: true }).fill("Ivy Invited");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("button", { name: `Account menu for ${invitee}` }).waitFor();

    // Leave the server open to sign-ups for the journeys after this one.
    await setSwitch("Waitlist", false, "Waitlist turned off");

    await admin.context().close();
    await page.context().close();
  });
});
