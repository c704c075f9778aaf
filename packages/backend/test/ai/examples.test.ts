import { describe, expect, inject, it } from "vitest";
import { loadPrompts } from "../../src/ai/knowledge/prompts.js";
import { RenderRepository } from "../../src/repositories/render.repository.js";

// The worked examples teach the code model; one that does not render would teach it broken code.

const prompts = loadPrompts();
const renderUrl = inject("renderUrl");

describe("the prompts' worked examples", () => {
  it("when the prompt files are read, then there is a version, rules, a cheat-sheet and examples that state their request", () => {
    expect(prompts.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(prompts.codegen).toMatch(/root_part/);
    expect(prompts.cheatsheet).toMatch(/BuildPart/);
    expect(prompts.examples.length).toBeGreaterThanOrEqual(20);
  });

  for (const example of prompts.examples) {
    it(`when the example "${example.name}" renders through the real service, then it succeeds with parameters to tune`, async () => {
      const result = await new RenderRepository(renderUrl).render({ code: example.code, previews: { views: [] } });
      expect(result.kind === "solid" ? result.metrics.solids : result.metrics.area).toBeGreaterThan(0);
      expect(example.code).toMatch(/# @param/);
      if (result.kind === "solid") expect(result.metrics.watertight).toBe(true);
    });
  }
});
