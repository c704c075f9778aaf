import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { expect } from "vitest";

let people = 0;

/**
 * A fresh browser context: its own cookies and its own address, as a different person would have. The API
 * trusts one proxy hop in the e2e stack, so the per-address rate limits count each person on their own,
 * as they do behind a real proxy, instead of the whole suite spending one loopback address's budget.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  people += 1;
  const address = `10.${(people >> 16) & 255}.${(people >> 8) & 255}.${people & 255}`;
  return browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...options,
    extraHTTPHeaders: { ...options.extraHTTPHeaders, "X-Forwarded-For": address },
  });
}

/** A page in a fresh browser context (one person), at desktop size. */
export async function newPage(browser: Browser): Promise<Page> {
  return (await newContext(browser)).newPage();
}

/** Waits for a toast and lets it finish sliding in, so a picture shows it whole. */
export async function settledToast(page: Page, text: string): Promise<Locator> {
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: text });
  await toast.waitFor();
  await expect.poll(() => toast.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  return toast;
}
