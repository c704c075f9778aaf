import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { callApi } from "./api.js";
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
  const registered = await callApi(page, "POST", "/api/auth/register", {
    email,
    password: PASSWORD,
    display_name: name,
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  return page;
}
