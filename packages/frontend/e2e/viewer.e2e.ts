import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { signUpPerson } from "./harness/people.js";
import { pixels, readyViewer, screenPoint, setView } from "./harness/viewer.js";

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
  it("when a box is shown, then it is drawn, the section changes the picture, two corners measure 30.00 mm and the top face is picked as 10×20", async () => {
    const baseUrl = inject("baseUrl");
    const page = await signUpPerson(browser, baseUrl);
    const chat = (await callApi(page, "POST", "/api/chat/contexts", { name: "Box" })).body as any;
    const rendered = await callApi(page, "POST", `/api/chat/contexts/${chat.context.id}/render`, { code: BOX });
    expect(rendered.status, JSON.stringify(rendered.body)).toBe(201);

    await page.goto(`${baseUrl}/chat/${chat.context.id}`);
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
    await page.context().close();
  });
});
