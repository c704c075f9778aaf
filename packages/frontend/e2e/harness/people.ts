import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { callApi } from "./api.js";
import { waitForMail } from "./mail.js";
import { newPage } from "./page.js";
import { ADMIN } from "./stack.js";

export const PASSWORD = "a-long-passphrase-42";

/**
 * A new person, registered through the API in a browser context of their own and left signed in on the
 * home page. Registration is opened first, in case another journey left the waitlist on.
 */
export async function signUpPerson(browser: Browser, baseUrl: string, name = "Pat Parts"): Promise<Page> {
  const admin = await newPage(browser);
  await admin.goto(`${baseUrl}/login`);
  expect((await callApi(admin, "POST", "/api/auth/login", ADMIN)).status).toBe(200);
  expect((await callApi(admin, "PATCH", "/api/admin/settings", { waitlist_enabled: false })).status).toBe(200);
  await admin.context().close();

  const page = await newPage(browser);
  await page.goto(`${baseUrl}/login`);
  const email = `${name.split(" ")[0]!.toLowerCase()}-${randomBytes(4).toString("hex")}@e2e.test`;
  await registerConfirmed(page, { email, password: PASSWORD, display_name: name });
  return page;
}

/**
 * Open sign-up through the API as a person goes through it: register (nobody is signed in by it), confirm the
 * address by the emailed link, sign in on `page`.
 */
export async function registerConfirmed(
  page: Page,
  person: { email: string; password: string; display_name?: string },
): Promise<void> {
  const registered = await callApi(page, "POST", "/api/auth/register", person);
  expect(registered.status, JSON.stringify(registered.body)).toBe(202);
  const { link } = await waitForMail(inject("mailDir"), person.email, { subject: /^Confirm your email/ });
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get("token");
  const confirmed = await callApi(page, "POST", "/api/profile/actions/confirm", {
    token,
    action_type: "email_confirm",
  });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  const signedIn = await callApi(page, "POST", "/api/auth/login", { email: person.email, password: person.password });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
}
