import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // This machine has no network beyond localhost: Chromium's own background traffic is switched off.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      // WebGL in software (SwiftShader), for the 3D viewer.
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

const VARIANTS = [
  { scheme: "light", width: 1280, height: 800 },
  { scheme: "dark", width: 1280, height: 800 },
  { scheme: "light", width: 390, height: 844 },
  { scheme: "dark", width: 390, height: 844 },
] as const;

/**
 * With SCREENSHOTS_DIR set, saves the page in light and dark at desktop and phone widths, for a person to
 * look at; the page is left as it was found.
 */
export async function snapshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const v of VARIANTS) {
    await page.emulateMedia({ colorScheme: v.scheme });
    await page.setViewportSize({ width: v.width, height: v.height });
    // Past the colour transitions, so badges are not caught half-way between themes.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `${name}-${v.scheme}-${v.width}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (original) await page.setViewportSize(original);
}
