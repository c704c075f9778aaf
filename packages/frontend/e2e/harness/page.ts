import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** A page in a fresh browser context (its own cookies: one person), at desktop size. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Waits for a toast and lets it finish sliding in, so a picture shows it whole. */
export async function settledToast(page: Page, text: string): Promise<Locator> {
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: text });
  await toast.waitFor();
  await expect.poll(() => toast.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  return toast;
}
