import type { DesignBrief } from "@chat3d/shared";
import { describe, expect, inject, it } from "vitest";
import { CodegenSession } from "../../src/ai/codegen/session.js";
import { indexExamples } from "../../src/ai/knowledge/example-search.js";
import { loadPrompts } from "../../src/ai/knowledge/prompts.js";
import type { RenderRequest } from "../../src/repositories/render.contract.js";
import { RenderRepository } from "../../src/repositories/render.repository.js";

// What the code model's session asks of the real render service: its own renders are exploratory (metrics
// and the views it can look at, no files); only the part it submits is rendered with every format.

const prompts = loadPrompts();
const renderUrl = inject("renderUrl");
const BLOCK = "from build123d import *\nroot_part = Box(40, 20, 10)\n";

// Sizes the block meets, so the gate accepts it and the submission renders in full.
const brief: DesignBrief = {
  summary: "A block 40 x 20 x 10 mm",
  change_of_current: false,
  dimensions: (["x", "y", "z"] as const).map((axis, i) => ({ name: axis, value: [40, 20, 10][i]!, unit: "mm", axis })),
  features: [],
  holes: [],
  parts: [],
  single_solid: true,
  open_questions: [],
};

/** The real client, with a record of what was asked of it. */
class RecordingRenderer extends RenderRepository {
  readonly asked: RenderRequest[] = [];
  override render(request: RenderRequest, signal?: AbortSignal) {
    this.asked.push(request);
    return super.render(request, signal);
  }
}

function session(vision: boolean) {
  const renderer = new RecordingRenderer(renderUrl);
  const workbench = new CodegenSession({
    brief,
    renderer,
    caller: "session-test",
    signal: AbortSignal.timeout(120_000),
    vision,
    examples: indexExamples(prompts.examples),
    api: prompts.api,
    onStep: async () => {},
  });
  return { renderer, workbench };
}

describe("the code model's renders", () => {
  it("when a model that can see renders, looks and submits, then it renders light with the four views and the submission alone has every file", async () => {
    const { renderer, workbench } = session(true);
    expect(await workbench.render(BLOCK)).toMatchObject({ ok: true });
    expect(await workbench.look()).toMatchObject({ ok: true, views: ["iso", "front", "top", "right"] });
    expect(workbench.latestLook?.images.map((i) => Buffer.from(i.data).subarray(1, 4).toString())).toEqual([
      "PNG",
      "PNG",
      "PNG",
      "PNG",
    ]);
    expect(await workbench.submit({ code: BLOCK, parameters: {}, comment: "A block." })).toEqual({ accepted: true });
    expect(renderer.asked.map((r) => [r.formats, r.previews?.views])).toEqual([
      [[], ["iso", "front", "top", "right"]],
      [undefined, undefined],
    ]);
    const kept = workbench.submission!.result;
    expect(Object.keys(kept.files).sort()).toEqual(["3mf", "glb", "step", "stl"]);
    expect(Object.keys(kept.previews).sort()).toEqual(["front", "iso", "right", "top"]);
  });

  it("when a model that cannot see renders and measures, then it asks for no files and no previews", async () => {
    const { renderer, workbench } = session(false);
    await workbench.render(BLOCK);
    expect(await workbench.measure({ what: "overall" })).toMatchObject({ size: [40, 20, 10] });
    expect(renderer.asked).toEqual([
      { code: BLOCK, quality: "normal", caller: "session-test", formats: [], previews: { views: [] } },
    ]);
  });
});
