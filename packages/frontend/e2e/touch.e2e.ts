import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser } from "./harness/browser.js";
import { newContext } from "./harness/page.js";
import { signUpPerson } from "./harness/people.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe("keyboard hints on a touch screen", () => {
  it("when the pointer is coarse, then the Ctrl+Enter and Enter sends hints are not shown; with a mouse they are", async () => {
    const baseUrl = inject("baseUrl");
    const signedIn = await signUpPerson(browser, baseUrl);
    const storageState = await signedIn.context().storageState();
    // The same person at the same size: only the kind of pointer differs (Chromium's touch emulation makes it coarse).
    const open = async (hasTouch: boolean, path: string) => {
      const page = await (await newContext(browser, { hasTouch, storageState })).newPage();
      await page.goto(`${baseUrl}${path}`);
      expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(hasTouch);
      return page;
    };

    // Someone without chats lands on the welcome composer.
    for (const hasTouch of [false, true]) {
      const page = await open(hasTouch, "/chat");
      await page.getByRole("textbox", { name: "Describe a part" }).waitFor();
      expect(await page.getByText("Enter sends").isVisible()).toBe(!hasTouch);
      await page.context().close();
    }

    const created = await callApi(signedIn, "POST", "/api/chat/contexts", { name: "Hints" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const chatId = (created.body as { context: { id: string } }).context.id;
    await signedIn.context().close();
    for (const hasTouch of [false, true]) {
      const page = await open(hasTouch, `/chat/${chatId}`);
      await page.getByRole("tab", { name: "Code" }).click();
      await page.getByRole("button", { name: "Render" }).waitFor();
      // The rest of the hint stays: only the shortcut, which a phone has no key for, goes.
      const hint = page.locator("p").filter({ hasText: "Bind the result to" });
      await hint.waitFor();
      expect(await hint.getByText("Ctrl+Enter", { exact: true }).isVisible()).toBe(!hasTouch);
      await page.context().close();
    }
  });
});
