import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { signUpPerson } from "./harness/people.js";
import { ghostPixels, pixels, readyViewer, screenPoint, setView } from "./harness/viewer.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const BOX = `from build123d import *

HEIGHT = 30  # @param mm min=10 max=60 "Height"

root_part = Box(10, 20, HEIGHT)
`;

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
      await snapshot(page, "viewer-box");

      // A section along Z through the middle shows the cut (capped) instead of the top.
      await viewer.getByRole("button", { name: "Section plane" }).click();
      await expect.poll(async () => (await pixels(viewer, first.url)).changed).toBeGreaterThan(500);
      await snapshot(page, "viewer-section");
      await viewer.getByRole("button", { name: "Section plane" }).click();

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
      await snapshot(page, "viewer-measure");

      // Picking: a click on the top face selects a planar face, and its chip names it.
      await viewer.getByRole("button", { name: "Pick faces" }).click();
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
      const items = await callApi(page, "GET", `/api/chat/contexts/${chat.context.id}/items`);
      const sent = (items.body as any).items.find((i: any) => i.type === "message");
      expect(sent).toMatchObject({ text: "Make this face 5 mm thicker", faces: [{ type: "plane", size: [10, 20] }] });
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
      const older = await render(30);
      const newer = await render(15);

      await page.goto(`${baseUrl}/chat/${chat.context.id}/compare?a=${older.id}&b=${newer.id}`);
      const viewer = await readyViewer(page);
      // The ghost is the taller box: violet where the newer, shorter one is not.
      await expect.poll(async () => ghostPixels(viewer), { timeout: 30_000 }).toBeGreaterThan(500);
      const table = page.getByRole("table", { name: "Measurements compared" });
      await expect.poll(() => table.textContent()).toContain("Height (Z)30 mm15 mm−15 mm");
      await snapshot(page, "compare-ghost");

      await page.getByRole("tab", { name: "Side by side" }).click();
      // Radix unmounts the overlay's panel: the two viewers now are the two versions, neither with a ghost.
      for (const index of [0, 1]) expect(await ghostPixels(await readyViewer(page, index))).toBe(0);
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
