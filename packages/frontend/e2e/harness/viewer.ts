import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

type Point = [number, number, number];

/** The first 3D viewer on the page, once its model is drawn. */
export async function readyViewer(page: Page, index = 0): Promise<Locator> {
  const viewer = page.locator("[data-slot=model-viewer]").nth(index);
  await viewer.locator("canvas").first().waitFor({ timeout: 60_000 });
  await expect
    .poll(() => viewer.evaluate((el) => (el as any).chat3dViewer?.()?.frames() ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(0);
  return viewer;
}

/** Where a model point (mm) is on the screen. */
export async function screenPoint(viewer: Locator, point: Point): Promise<{ x: number; y: number }> {
  const at = await viewer.evaluate((el, p) => (el as any).chat3dViewer().project(p), point);
  expect(at).not.toBeNull();
  return at as { x: number; y: number };
}

/** Clicks a standard view: its button where the toolbar has room, else the item of the "View" menu. */
export async function setView(viewer: Locator, name: "front" | "top" | "right" | "iso") {
  const label = new RegExp(`^${name === "iso" ? "Isometric" : name} view$`, "i");
  const button = viewer.getByRole("button", { name: label });
  if (await button.isVisible()) return button.click();
  await viewer.getByRole("button", { name: "View", exact: true }).click();
  await viewer.page().getByRole("menuitem", { name: label }).click();
}

/** Uses a tool: its button where the toolbar has room for it, else its item in the "More" menu. */
export async function clickTool(viewer: Locator, name: string) {
  const button = viewer.getByRole("button", { name, exact: true });
  if (await button.isVisible()) return button.click();
  await viewer.getByRole("button", { name: "More", exact: true }).click();
  const menu = viewer.page().getByRole("menu");
  await menu.getByRole("menuitem", { name }).or(menu.getByRole("menuitemcheckbox", { name })).click();
}

export type CameraState = { position: [number, number, number]; target: [number, number, number]; grid: number };

/** Where the viewer's camera is and looks at, and its grid step. */
export function cameraOf(viewer: Locator): Promise<CameraState> {
  return viewer.evaluate((el) => (el as any).chat3dViewer().camera());
}

/** Turns the viewer's camera about the up axis, as a drag would. */
export function orbit(viewer: Locator, radians: number): Promise<void> {
  return viewer.evaluate((el, r) => (el as any).chat3dViewer().orbit(r), radians);
}

/**
 * The canvas as the viewer's own screenshot draws it: how many pixels are painted (not the transparent
 * background), how many opaquely (not a faint body or the grid), how many are the ghost's violet, and how many
 * differ from an earlier picture.
 */
export async function pixels(
  viewer: Locator,
  before?: string,
): Promise<{ url: string; painted: number; opaque: number; changed: number; ghost: number }> {
  return viewer.evaluate(async (el, before) => {
    const read = async (url: string) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext("2d")!;
      context.drawImage(img, 0, 0);
      return context.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const url: string = (el as any).chat3dViewer().screenshot();
    const data = await read(url);
    let painted = 0;
    let opaque = 0;
    let ghost = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0) painted += 1;
      if (data[i + 3]! > 160) opaque += 1;
      // The ghost's violet: blue well above green, red above it.
      if (data[i + 3]! > 20 && data[i + 2]! - data[i + 1]! > 40 && data[i]! - data[i + 1]! > 10) ghost += 1;
    }
    let changed = 0;
    if (before) {
      const old = await read(before);
      for (let i = 0; i < data.length; i += 4) {
        const diff =
          Math.abs(data[i]! - old[i]!) + Math.abs(data[i + 1]! - old[i + 1]!) + Math.abs(data[i + 2]! - old[i + 2]!);
        if (diff + Math.abs(data[i + 3]! - old[i + 3]!) > 40) changed += 1;
      }
    }
    return { url, painted, opaque, changed, ghost };
  }, before);
}

/** How many pixels of the canvas are the ghost's violet. */
export async function ghostPixels(viewer: Locator): Promise<number> {
  return (await pixels(viewer)).ghost;
}
