import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { boxDesigner, startFakeLlmServer, type FakeLlmServer } from "../../backend/test/helpers/fake-llm-server.js";
import { callApi } from "./harness/api.js";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { signUpPerson } from "./harness/people.js";
import { startApi, type ApiProcess } from "./harness/stack.js";

// The AI journey against the real pipeline: an API of its own whose OpenAI-compatible provider is the repo's
// fake language-model server (real wire protocol, streaming and tool calls), with the real render service.

const SCREENSHOTS = Boolean(process.env.SCREENSHOTS_DIR);
let browser: Browser;
let llm: FakeLlmServer;
let api: ApiProcess;

beforeAll(async () => {
  // Slow enough to see the words arrive (and, for pictures, to photograph them arriving).
  llm = await startFakeLlmServer(
    boxDesigner,
    { models: [] },
    { wordDelayMs: SCREENSHOTS ? 700 : 150, answerDelayMs: SCREENSHOTS ? 1500 : 300 },
  );
  const modelsFile = path.join(mkdtempSync(path.join(tmpdir(), "chat3d-e2e-llm-")), "models.json");
  writeFileSync(
    modelsFile,
    JSON.stringify({
      version: "e2e",
      about: "Two fake models on the fake server: one writes code, one also reads pictures.",
      models: [
        {
          provider: "openai",
          model: "e2e-designer",
          label: "E2E designer",
          roles: ["conversation", "codegen"],
          accepts_images: false,
          supports_tools: true,
          price_usd_per_mtok: { input: 3, output: 15 },
        },
        {
          provider: "openai",
          model: "e2e-vision",
          label: "E2E vision",
          roles: ["conversation"],
          accepts_images: true,
          supports_tools: true,
          price_usd_per_mtok: { input: 1, output: 4 },
        },
      ],
      defaults: { conversation: "openai:e2e-designer", codegen: "openai:e2e-designer" },
    }),
  );
  [api, browser] = await Promise.all([
    startApi(inject("renderUrl"), {
      mailDir: inject("mailDir"),
      env: {
        OPENAI_API_KEY: "sk-fake-key-for-a-local-server",
        OPENAI_BASE_URL: `${llm.url}/v1`,
        OPENAI_MODELS: "e2e-designer,e2e-vision",
        LLM_MODELS_FILE: modelsFile,
      },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await llm?.close();
});

const answers = (page: Page) => page.getByRole("article").filter({ hasText: "Chat3D said:" });
const selectedVersion = (page: Page) =>
  page
    .getByRole("combobox", { name: "Version" })
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? "");

/** Sends a question and watches its answer stream in: some words first, then all of them. */
async function ask(page: Page, text: string, expected: string): Promise<Locator> {
  const before = await answers(page).count();
  const message = page.getByRole("textbox", { name: "Message" });
  await message.fill(text);
  await message.press("Enter");
  const answer = answers(page).nth(before);
  await answer.waitFor();
  const seen: string[] = [];
  await expect
    .poll(
      async () => {
        const body =
          (await answer
            .locator(".markdown")
            .first()
            .textContent()
            .catch(() => null)) ?? "";
        if (body && !seen.includes(body)) seen.push(body);
        return body;
      },
      { timeout: 20_000, intervals: [40] },
    )
    .toBe(expected);
  // The words arrived in order while it ran: a part of the answer was on screen before the whole.
  expect(seen.some((part) => part.length < expected.length && expected.startsWith(part.trimEnd()))).toBe(true);
  return answer;
}

async function versionOf(page: Page, chatId: string, number: number) {
  const list = await callApi(page, "GET", `/api/chat/contexts/${chatId}/versions`);
  const summary = (list.body as { items: Array<{ id: string; number: number }> }).items.find(
    (v) => v.number === number,
  )!;
  const { body } = await callApi(page, "GET", `/api/chat/versions/${summary.id}`);
  return (body as { version: { id: string; code: string; parent_version_id: string | null; source: string } }).version;
}

/** A hand-drawn-looking sketch of an L bracket, as the PNG a phone or a drawing app would give. */
async function sketchPng(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext("2d")!;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, 320, 240);
    g.strokeStyle = "#1f2937";
    g.lineWidth = 4;
    g.beginPath();
    g.moveTo(60, 40);
    g.lineTo(60, 200);
    g.lineTo(260, 200);
    g.lineTo(260, 170);
    g.lineTo(90, 170);
    g.lineTo(90, 40);
    g.closePath();
    g.stroke();
    g.font = "18px sans-serif";
    g.fillStyle = "#1f2937";
    g.fillText("40 mm", 140, 225);
    return canvas.toDataURL("image/png").split(",")[1]!;
  });
  return Buffer.from(data, "base64");
}

describe("asking the AI for a part", () => {
  it(
    "when a person describes a part and then asks for a change, then the answer streams with its stages, the model opens, and the second version edits the first",
    { timeout: 180_000 },
    async () => {
      const page = await signUpPerson(browser, api.baseUrl, "Ada Lovelace");
      await page.goto(`${api.baseUrl}/chat`);
      await page.getByRole("button", { name: "New chat" }).first().click();
      await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      const chatId = new URL(page.url()).pathname.split("/").pop()!;

      // Only the configured models are offered, the defaults chosen.
      const chatModel = page.getByRole("combobox", { name: "Chat model" });
      expect(await chatModel.inputValue()).toBe("openai:e2e-designer");
      expect(await page.getByRole("combobox", { name: "Code model" }).inputValue()).toBe("openai:e2e-designer");
      expect(await page.getByRole("combobox", { name: "Code model" }).locator("option").allTextContents()).toEqual([
        "E2E designer · default",
      ]);

      // The first question: the stage indicator runs while the words arrive.
      const message = page.getByRole("textbox", { name: "Message" });
      await message.fill("A block 40 x 20 x 10 mm");
      await message.press("Enter");
      const first = answers(page).first();
      await first.getByRole("status").filter({ hasText: "Reading your message…" }).waitFor({ timeout: 20_000 });
      await first.locator(".markdown").first().waitFor();
      if (SCREENSHOTS) await snapshot(page, "ai-running");
      await expect
        .poll(() => first.locator(".markdown").first().textContent(), { timeout: 20_000 })
        .toBe("Making a block with those dimensions.");
      await first
        .getByRole("status")
        .filter({ hasText: /Writing the code…|Rendering the model…/ })
        .waitFor();
      await first.getByRole("link", { name: "View version 1" }).waitFor({ timeout: 30_000 });

      // The model opens in the pane, and the answer shows what it took.
      const viewer = page.locator("[data-slot=model-viewer]");
      await viewer.waitFor({ timeout: 30_000 });
      await expect.poll(() => selectedVersion(page), { timeout: 15_000 }).toMatch(/^Version 1 \(current\)/);
      await first.getByText(/tokens · \$0\.\d+ · \d+ s/).waitFor();
      await first.getByText(/^Details · \d+ steps?/).click();
      await first
        .getByRole("region", { name: "Steps" })
        .getByText(/submitted/i)
        .waitFor();
      await page
        .locator("#pane-chat header")
        .getByText(/This chat so far: [\d,.K]+ tokens · \$0\.\d+$/)
        .waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
      if (SCREENSHOTS) await snapshot(page, "ai-completed");

      // A change: the second answer streams too, and its version is an edit of the first.
      const second = await ask(page, "Make it 25 mm high", "Changing the height of the current block.");
      await second.getByRole("link", { name: "View version 2" }).waitFor({ timeout: 30_000 });
      await expect.poll(() => selectedVersion(page), { timeout: 15_000 }).toMatch(/^Version 2 \(current\)/);
      const v1 = await versionOf(page, chatId, 1);
      const v2 = await versionOf(page, chatId, 2);
      expect(v2.source).toBe("ai");
      expect(v2.parent_version_id).toBe(v1.id);
      expect(v1.code).toMatch(/^HEIGHT = 10\b/m);
      // The same script with one constant changed (the model may drop the trailing newline).
      expect(v2.code.trimEnd()).toBe(v1.code.replace(/^HEIGHT = 10\b/m, "HEIGHT = 25").trimEnd());
      // The code model was handed the first version's code to edit.
      expect(
        llm.requests.some((r) => r.tools.includes("submit") && JSON.stringify(r.messages).includes("HEIGHT = 10")),
      ).toBe(true);

      // A sketch: the code-only model can't read it, so sending waits for one that can.
      await page.locator('input[type="file"]').setInputFiles({
        name: "bracket-sketch.png",
        mimeType: "image/png",
        buffer: await sketchPng(page),
      });
      const tray = page.getByRole("list", { name: "Attached images" });
      await tray.getByText("Ready").waitFor({ timeout: 15_000 });
      await page.getByText("E2E designer can't read images.").waitFor();
      expect(await page.getByRole("button", { name: "Send message" }).isDisabled()).toBe(true);
      await message.fill("Like this sketch");
      if (SCREENSHOTS) await snapshot(page, "ai-attachment-blocked");
      await chatModel.selectOption("openai:e2e-vision");
      await expect.poll(() => page.getByRole("button", { name: "Send message" }).isDisabled()).toBe(false);
      await message.press("Enter");
      const sent = page.getByRole("list", { name: "Images sent" });
      await sent.getByRole("img", { name: "bracket-sketch.png" }).waitFor();
      await expect
        .poll(() => sent.getByRole("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(320);
      // The picture reached the conversation model as an image part.
      await expect
        .poll(() =>
          llm.requests.some((r) => r.model === "e2e-vision" && JSON.stringify(r.messages).includes("image_url")),
        )
        .toBe(true);
      await answers(page).nth(2).getByRole("link", { name: "View version 3" }).waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
      if (SCREENSHOTS) await snapshot(page, "ai-attachment-sent");
      await page.context().close();
    },
  );

  it("when no provider is configured, then the composer says how to set one up", async () => {
    const page = await signUpPerson(browser, inject("baseUrl"), "Grace Hopper");
    await page.goto(`${inject("baseUrl")}/chat`);
    await page.getByRole("button", { name: "New chat" }).first().click();
    const note = page.getByRole("note", { name: "AI not configured" });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/OPENAI_API_KEY/);
    expect(await page.getByRole("button", { name: "Attach images" }).count()).toBe(0);
    if (SCREENSHOTS) await snapshot(page, "ai-no-provider");
    await page.context().close();
  });
});
