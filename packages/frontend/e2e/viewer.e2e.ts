import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { signUpPerson } from "./harness/people.js";
import type { Locator, Page } from "playwright-core";
import {
  cameraOf,
  clickTool,
  ghostPixels,
  orbit,
  pixels,
  readyViewer,
  screenPoint,
  setView,
} from "./harness/viewer.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const BOX = `from build123d import *

HEIGHT = 30  # @param mm min=10 max=60 "Height"

root_part = Box(10, 20, HEIGHT)
`;

/** A chat with the box rendered at each height, in order; the versions. */
async function boxChat(page: Page, ...heights: number[]) {
  const chat = (await callApi(page, "POST", "/api/chat/contexts", { name: "Box" })).body as any;
  const versions = [];
  for (const height of heights) {
    const rendered = await callApi(page, "POST", `/api/chat/contexts/${chat.context.id}/render`, {
      code: BOX.replace("= 30", `= ${height}`),
    });
    expect(rendered.status, JSON.stringify(rendered.body)).toBe(201);
    versions.push((rendered.body as any).version);
  }
  return { chatId: chat.context.id as string, versions };
}

/** The viewer whose region names this version, once drawn. */
async function viewerOf(page: Page, number: number): Promise<Locator> {
  const viewer = page.getByRole("region", { name: `Version ${number}, 3D view` });
  await expect
    .poll(() => viewer.evaluate((el) => (el as any).chat3dViewer?.()?.frames() ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(0);
  return viewer;
}

/** Whether every corner of a box (mm) is drawn inside the viewer's canvas. */
async function cornersInView(viewer: Locator, min: number[], max: number[]) {
  const rect = (await viewer.locator("canvas").first().boundingBox())!;
  for (let i = 0; i < 8; i++) {
    const corner = [0, 1, 2].map((axis) => ((i >> axis) & 1 ? max[axis]! : min[axis]!));
    const at = await screenPoint(viewer, corner as [number, number, number]);
    if (at.x < rect.x || at.x > rect.x + rect.width || at.y < rect.y || at.y > rect.y + rect.height) return false;
  }
  return true;
}

const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) < 1e-6);

describe("the 3D viewer", () => {
  it(
    "when a box is shown, then it is drawn, the section changes the picture, two corners measure 30.00 mm and the top face is picked as 10×20",
    { timeout: 180_000 },
    async () => {
      const baseUrl = inject("baseUrl");
      const page = await signUpPerson(browser, baseUrl);
      const chat = (await callApi(page, "POST", "/api/chat/contexts", { name: "Box" })).body as any;
      const rendered = await callApi(page, "POST", `/api/chat/contexts/${chat.context.id}/render`, { code: BOX });
      expect(rendered.status, JSON.stringify(rendered.body)).toBe(201);

      // A version's own address: on a phone it opens on the model, not the timeline.
      await page.goto(`${baseUrl}/chat/${chat.context.id}/versions/${(rendered.body as any).version.id}`);
      const viewer = await readyViewer(page);
      const first = await pixels(viewer);
      expect(first.painted).toBeGreaterThan(5000);
      await expect.poll(() => viewer.getByText("10 × 20 × 30 mm").count()).toBe(1);
      // In a chat a pick goes with the next message: picking is on from the start.
      expect(await viewer.getByRole("button", { name: "Pick faces" }).getAttribute("aria-pressed")).toBe("true");
      await snapshot(page, "viewer-box");

      // A section along Z through the middle shows the cut (capped) instead of the top.
      await viewer.getByRole("button", { name: "Section" }).click();
      await expect.poll(async () => (await pixels(viewer, first.url)).changed).toBeGreaterThan(500);
      await snapshot(page, "viewer-section");
      await viewer.getByRole("button", { name: "Section" }).click();

      // Measuring: the two ends of the box's front-left vertical edge snap to its corners.
      await setView(viewer, "front");
      await viewer.getByRole("button", { name: "Measure" }).click();
      for (const corner of [
        [-5, -10, -15],
        [-5, -10, 15],
      ] as const) {
        const at = await screenPoint(viewer, [...corner]);
        // A few pixels off: the snap finds the corner.
        await page.mouse.move(at.x + 3, at.y - 2);
        await page.mouse.click(at.x + 3, at.y - 2);
      }
      await expect.poll(() => viewer.locator("[data-slot=viewer-status]").textContent()).toContain("Distance 30.00 mm");
      // The dimension is written on the model, beside the line between the two points.
      expect(await viewer.locator("[data-slot=measure-label]").textContent()).toBe("30.00 mm");
      await snapshot(page, "viewer-measure");

      // Picking: a click on the top face selects a planar face, and its chip names it.
      await clickTool(viewer, "Pick faces");
      await setView(viewer, "iso");
      const top = await screenPoint(viewer, [0, 0, 15]);
      await page.mouse.move(top.x, top.y);
      await page.mouse.click(top.x, top.y);
      const chip = viewer.locator("[data-slot=face-chip]");
      await expect.poll(() => chip.count()).toBe(1);
      expect(await chip.textContent()).toContain("top face, plane, 10×20 mm");
      await snapshot(page, "viewer-pick");

      // The chip goes with the next message, and the message keeps it.
      if ((page.viewportSize()?.width ?? 1280) < 768) await page.getByRole("tab", { name: "Chat" }).click();
      const chips = page.getByRole("list", { name: "Faces sent with the message" });
      await expect.poll(() => chips.textContent()).toContain("top face, plane, 10×20 mm");
      await page.getByRole("textbox", { name: /message|describe/i }).fill("Make this face 5 mm thicker");
      await page.keyboard.press("Enter");
      await expect.poll(() => chips.count()).toBe(0);
      // The chips clear as the send starts: the item is read once the server has it.
      const sentMessage = async () =>
        ((await callApi(page, "GET", `/api/chat/contexts/${chat.context.id}/items`)).body as any).items.find(
          (i: any) => i.type === "message",
        );
      await expect.poll(sentMessage, { timeout: 30_000 }).toBeDefined();
      expect(await sentMessage()).toMatchObject({
        text: "Make this face 5 mm thicker",
        faces: [{ type: "plane", size: [10, 20] }],
      });
      await page.context().close();
    },
  );

  it(
    "when the same chat renders a taller box, then the camera stays where it was, the grid keeps its step and the box is drawn bigger; Fit frames it again",
    { timeout: 180_000 },
    async () => {
      const baseUrl = inject("baseUrl");
      const page = await signUpPerson(browser, baseUrl);
      const { chatId } = await boxChat(page, 20);
      await page.goto(`${baseUrl}/chat/${chatId}`);
      const first = await viewerOf(page, 1);
      await orbit(first, 0.4);
      const before = await cameraOf(first);
      const legend = first.locator("[data-slot=grid-legend]");
      expect(await legend.textContent()).toBe(`Grid ${before.grid} mm`);
      const small = await pixels(first);

      // The slider, as a person changes the parameter: one render, version 2 of the same chat.
      const height = page.getByRole("slider", { name: "Height" });
      await height.focus();
      await height.press("End");
      const second = await viewerOf(page, 2);
      await expect.poll(() => second.getByText("10 × 20 × 60 mm").count(), { timeout: 30_000 }).toBe(1);
      const after = await cameraOf(second);
      expect(close(after.position, before.position) && close(after.target, before.target)).toBe(true);
      expect(after.grid).toBe(before.grid);
      expect((await pixels(second)).opaque).toBeGreaterThan(small.opaque * 1.4);
      await snapshot(page, "viewer-rerendered");

      await clickTool(second, "Fit to view");
      const fitted = await cameraOf(second);
      expect(close(fitted.position, before.position)).toBe(false);
      expect(await cornersInView(second, [-5, -10, -30], [5, 10, 30])).toBe(true);
      await page.context().close();
    },
  );

  it(
    "when the toolbar is shown on a phone and a desktop, then its tools are labelled on one row, and the wireframe draws the B-rep edges only",
    { timeout: 180_000 },
    async () => {
      const baseUrl = inject("baseUrl");
      const page = await signUpPerson(browser, baseUrl);
      const { chatId, versions } = await boxChat(page, 30);
      for (const width of [1280, 1000, 390]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(`${baseUrl}/chat/${chatId}/versions/${versions[0].id}`);
        // On a phone the panes are tabs.
        if (width < 768)
          await page.getByRole("tablist", { name: "Workspace" }).getByRole("tab", { name: "Model" }).click();
        const viewer = await readyViewer(page);
        const toolbar = viewer.getByRole("toolbar", { name: "Viewer" });
        const buttons = await toolbar.getByRole("button").all();
        const boxes: { x: number; y: number; width: number }[] = [];
        for (const button of buttons) {
          // Each tool says what it is in words a person sees, not only in a tooltip.
          expect(
            (await button.innerText()).trim().length,
            (await button.getAttribute("aria-label")) ?? "",
          ).toBeGreaterThan(1);
          boxes.push((await button.boundingBox())!);
        }
        // One row, and nothing cut off at its end.
        const bar = (await toolbar.boundingBox())!;
        expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
        for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(bar.x + bar.width + 0.5);
        if (width < 768) await snapshot(page, "viewer-phone");
      }

      // The display switches are in the labelled "More" menu.
      const viewer = await readyViewer(page);
      const solid = await pixels(viewer);
      await viewer.getByRole("button", { name: "More" }).click();
      await snapshot(page, "viewer-more-menu");
      await page.getByRole("menuitemcheckbox", { name: "Wireframe (B-rep edges)" }).click();
      // A box has 12 edges and 12 triangles: its wireframe is thin lines, not the body nor the triangles' diagonals.
      await expect.poll(async () => (await pixels(viewer)).opaque).toBeLessThan(solid.opaque * 0.25);
      const wire = await pixels(viewer);
      expect(wire.opaque).toBeGreaterThan(100);
      const [a, b] = [await screenPoint(viewer, [-5, -10, 15]), await screenPoint(viewer, [5, 10, 15])];
      const onDiagonal = await viewer.evaluate(
        async (el, [a, b]) => {
          const img = new Image();
          img.src = (el as any).chat3dViewer().screenshot();
          await img.decode();
          const canvas = document.createElement("canvas");
          [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
          const context = canvas.getContext("2d")!;
          context.drawImage(img, 0, 0);
          const rect = el.querySelector("canvas")!.getBoundingClientRect();
          const scale = img.naturalWidth / rect.width;
          let opaque = 0;
          // Points along the top face's diagonal, away from its corners: a triangle wireframe draws a line here.
          for (let t = 0.3; t <= 0.7; t += 0.05) {
            const x = Math.round((a!.x + (b!.x - a!.x) * t - rect.left) * scale);
            const y = Math.round((a!.y + (b!.y - a!.y) * t - rect.top) * scale);
            if (context.getImageData(x, y, 1, 1).data[3]! > 160) opaque += 1;
          }
          return opaque;
        },
        [a, b] as const,
      );
      expect(onDiagonal).toBe(0);
      await snapshot(page, "viewer-wireframe");
      await page.context().close();
    },
  );

  it(
    "when two versions are compared, then the overlay shows the older as a ghost, side by side shows both, and the height difference is listed",
    { timeout: 180_000 },
    async () => {
      const baseUrl = inject("baseUrl");
      const page = await signUpPerson(browser, baseUrl);
      const chat = (await callApi(page, "POST", "/api/chat/contexts", { name: "Box" })).body as any;
      const render = async (height: number) =>
        (
          (
            await callApi(page, "POST", `/api/chat/contexts/${chat.context.id}/render`, {
              code: BOX.replace("= 30", `= ${height}`),
            })
          ).body as any
        ).version;
      const older = await render(60);
      const newer = await render(15);

      await page.goto(`${baseUrl}/chat/${chat.context.id}/compare?a=${older.id}&b=${newer.id}`);
      const viewer = await readyViewer(page);
      // The ghost is the taller box: violet where the newer, shorter one is not.
      await expect.poll(async () => ghostPixels(viewer), { timeout: 30_000 }).toBeGreaterThan(500);
      const table = page.getByRole("table", { name: "Measurements compared" });
      await expect.poll(() => table.textContent()).toContain("Height (Z)60 mm15 mm−45 mm");
      // The camera frames both: every corner of the taller ghost is in the picture.
      expect(await cornersInView(viewer, [-5, -10, -30], [5, 10, 30])).toBe(true);
      await snapshot(page, "compare-ghost");

      await page.getByRole("tab", { name: "Side by side" }).click();
      // Radix unmounts the overlay's panel: the two viewers now are the two versions, neither with a ghost.
      const [left, right] = [await readyViewer(page, 0), await readyViewer(page, 1)];
      for (const side of [left, right]) expect(await ghostPixels(side)).toBe(0);
      // Framed alike, and turning one turns the other.
      expect(await cornersInView(left, [-5, -10, -30], [5, 10, 30])).toBe(true);
      await orbit(left, 0.7);
      const turned = await cameraOf(left);
      await expect.poll(async () => close((await cameraOf(right)).position, turned.position)).toBe(true);
      await snapshot(page, "compare-side-by-side");
      await page.context().close();
    },
  );

  it(
    "when a version is shared, then the link opens signed out with its code and downloads, the owner's other tab lists it, and a revoked link stops working",
    { timeout: 180_000 },
    async () => {
      const baseUrl = inject("baseUrl");
      const page = await signUpPerson(browser, baseUrl);
      const chat = (await callApi(page, "POST", "/api/chat/contexts", { name: "Shared box" })).body as any;
      const { version } = (await callApi(page, "POST", `/api/chat/contexts/${chat.context.id}/render`, { code: BOX }))
        .body as any;

      // The owner's other tab, on their list of links: still empty.
      const list = await page.context().newPage();
      await list.goto(`${baseUrl}/profile/shares`);
      await list.getByText("No share links yet").waitFor();
      await snapshot(list, "profile-shares-empty");

      await page.goto(`${baseUrl}/chat/${chat.context.id}/versions/${version.id}`);
      await readyViewer(page);
      await page.getByRole("button", { name: "Share", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Share version 1" });
      await dialog.getByLabel("The link expires").selectOption({ label: "In 7 days" });
      await dialog.getByLabel("Show the build123d code").check();
      await snapshot(page, "share-dialog");
      await dialog.getByRole("button", { name: "Create link" }).click();
      const link = dialog.getByRole("textbox", { name: "Share link" });
      await link.waitFor();
      const url = await link.inputValue();
      expect(url).toMatch(/\/shared#token=[\w-]{40,}$/);
      await snapshot(page, "share-dialog-created");

      // The other tab hears of it without a reload.
      await list.getByText("Shared box").waitFor({ timeout: 15_000 });
      await snapshot(list, "profile-shares");

      // Someone with the link and no account.
      const stranger = await browser.newContext();
      const shared = await stranger.newPage();
      await shared.goto(url);
      const viewer = await readyViewer(shared);
      expect((await pixels(viewer)).painted).toBeGreaterThan(5000);
      // Nothing is sent from a read-only page: a click turns the camera, it picks no face.
      expect(await viewer.getByRole("button", { name: "Pick faces" }).getAttribute("aria-pressed")).toBe("false");
      await shared.getByRole("heading", { name: "build123d code" }).waitFor();
      expect(await shared.getByRole("group", { name: "Downloads" }).getByRole("button").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("STEP"), expect.stringContaining("STL")]),
      );
      expect(await shared.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
      const response = await shared.request.get(new URL("/shared", baseUrl).toString());
      expect(response.headers()["x-robots-tag"]).toContain("noindex");
      await snapshot(shared, "shared-page");

      await list.getByRole("button", { name: /^Revoke the link to Shared box/ }).click();
      await list.getByRole("button", { name: "Revoke link" }).click();
      await list.getByText("Revoked").first().waitFor();
      await shared.reload();
      await shared.getByText("This link doesn't work").waitFor();
      await snapshot(shared, "shared-page-revoked");
      await stranger.close();
      await page.context().close();
    },
  );
});
