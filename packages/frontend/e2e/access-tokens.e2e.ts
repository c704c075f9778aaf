import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { signUpPerson } from "./harness/people.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe("access tokens in the profile", () => {
  it("when a person makes a token, then its secret is shown once, a script can use it, and Revoke stops it", async () => {
    const baseUrl = inject("baseUrl");
    const page = await signUpPerson(browser, baseUrl, "Tess Tokens");
    await page.goto(`${baseUrl}/profile/tokens`);
    await page.getByText("No access tokens yet").waitFor();
    await snapshot(page, "profile-tokens-empty");

    await page.getByRole("button", { name: "New token" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("CI runner");
    await dialog.getByLabel("Write").check();
    await snapshot(page, "profile-tokens-new");
    await dialog.getByRole("button", { name: "Create token" }).click();
    const secretField = dialog.getByLabel("Access token", { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^c3d_pat_/);
    await snapshot(page, "profile-tokens-created");
    await page.keyboard.press("Escape");

    const row = page
      .getByRole("list", { name: "Access tokens" })
      .getByRole("listitem")
      .filter({ hasText: "CI runner" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Read, Write, Render");
    expect(await page.content()).not.toContain(secret);

    // A script, not the browser: only the bearer header, no cookies.
    const asScript = (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asScript("/api/chat/contexts")).status).toBe(200);
    await snapshot(page, "profile-tokens-list");

    await row.getByRole("button", { name: "Revoke the token CI runner" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await page.locator("[data-sonner-toast]").filter({ hasText: "Token revoked" }).waitFor();
    await row.getByText("Revoked", { exact: true }).waitFor();
    expect((await asScript("/api/chat/contexts")).status).toBe(401);
    await page.context().close();
  });
});
