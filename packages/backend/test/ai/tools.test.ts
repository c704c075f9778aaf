import type { RenderResult } from "../../src/repositories/render.repository.js";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { lookupApi } from "../../src/ai/knowledge/api-notes.js";
import { contradictions } from "../../src/ai/codegen/brief-check.js";
import { indexExamples, searchExamples } from "../../src/ai/knowledge/example-search.js";
import { describeShape, measure } from "../../src/ai/codegen/measure.js";
import { loadPrompts } from "../../src/ai/knowledge/prompts.js";
import { RenderRepository } from "../../src/repositories/render.repository.js";

// The code model's tools, on their own: measurements of a real render, the example search, the API notes.

const prompts = loadPrompts();
const renderUrl = inject("renderUrl");

// A 60 × 40 × 8 plate: two 5 mm holes 8 mm from the left edge, a 10 mm boss on top, and a 3 mm deep pocket
// from the bottom that leaves a 5 mm floor under it.
const PLATE = `from build123d import *
with BuildPart() as p:
    Box(60, 40, 8, align=(Align.MIN, Align.MIN, Align.MIN))
    with Locations((8, 10, 8), (8, 30, 8)):
        Hole(radius=2.5)
    with Locations((45, 20, 8)):
        Cylinder(5, 6, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with Locations((30, 20, 0)):
        Box(10, 10, 3, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)
root_part = p.part
`;

let plate: RenderResult;
beforeAll(async () => {
  plate = await new RenderRepository(renderUrl).render({ code: PLATE, previews: { views: [] } });
});

describe("measure", () => {
  it("when asked for the overall size and the holes, then it answers from the B-rep", () => {
    expect(measure(plate.metrics, { what: "overall" })).toMatchObject({
      size: [60, 40, 14],
      solids: 1,
      watertight: true,
    });
    expect(measure(plate.metrics, { what: "holes" })).toMatchObject({
      groups: expect.arrayContaining([
        expect.objectContaining({ kind: "hole", diameter: 5, count: 2 }),
        expect.objectContaining({ kind: "boss", diameter: 10, count: 1 }),
      ]),
    });
  });

  it("when asked for the faces facing up and the distance between top and bottom, then the numbers are exact", () => {
    const up = measure(plate.metrics, { what: "faces", direction: "+z" }) as {
      faces: Array<{ index: number; center: number[] }>;
    };
    const down = measure(plate.metrics, { what: "faces", direction: "-z" }) as {
      faces: Array<{ index: number; center: number[] }>;
    };
    const top = up.faces.find((f) => f.center[2] === 8)!;
    const bottom = down.faces.find((f) => f.center[2] === 0)!;
    expect(measure(plate.metrics, { what: "distance", between: [top.index, bottom.index] })).toEqual({
      between: [top.index, bottom.index],
      distance: 8,
      how: "between parallel planes",
    });
  });

  it("when asked for the wall thickness, then it finds the floor under the pocket and the material beside the holes", () => {
    const walls = measure(plate.metrics, { what: "wall_thickness" }) as {
      thinnest_wall: { thickness: number };
      hole_margins: Array<{ material_mm: number }>;
    };
    expect(walls.thinnest_wall.thickness).toBe(5);
    // 8 mm from the left edge to the axis, less the 2.5 mm radius.
    expect(walls.hole_margins[0]!.material_mm).toBe(5.5);
  });

  it("when a face that does not exist is asked for, then the answer says so instead of inventing one", () => {
    expect(measure(plate.metrics, { what: "face", face: 9999 })).toMatchObject({
      error: expect.stringMatching(/no face 9999/),
    });
  });

  it("when a model cannot see, then the description names the size, the outermost faces and the holes", () => {
    const text = describeShape(plate.metrics);
    expect(text).toMatch(/Overall 60 × 40 × 14 mm/);
    expect(text).toMatch(/^top \(\+z\): face \d+, flat, 10 × 10 × 0 mm at 45, 20, 14\./m);
    expect(text).toMatch(/2 hole\(s\) of 5 mm diameter/);
  });
});

describe("the gate's hole count", () => {
  const brief = {
    summary: "",
    change_of_current: false,
    dimensions: [],
    features: [],
    parts: [],
    single_solid: true,
    open_questions: [],
  };

  it("when the brief's holes match the render's, then there is nothing to fix; when they do not, the numbers say why", () => {
    expect(
      contradictions({ ...brief, holes: [{ count: 2, diameter: 5, unit: "mm" }] }, plate.metrics, "solid"),
    ).toEqual([]);
    expect(
      contradictions({ ...brief, holes: [{ count: 4, diameter: 5, unit: "mm" }] }, plate.metrics, "solid"),
    ).toEqual(["the brief asks for 4 hole(s) of 5 mm, but the result has 2 (holes found: 2 × 5.00 mm)"]);
    expect(
      contradictions({ ...brief, holes: [{ count: 2, diameter: 0.25, unit: "in" }] }, plate.metrics, "solid"),
    ).toHaveLength(1);
  });

  it("when the brief lists two parts and the result is one solid, then that is a contradiction", () => {
    const parts = [
      { name: "box", description: "" },
      { name: "lid", description: "" },
    ];
    expect(contradictions({ ...brief, single_solid: false, holes: [], parts }, plate.metrics, "solid")).toEqual([
      "the brief lists 2 parts (box, lid), but the result has 1 solid(s)",
    ]);
  });
});

describe("search_examples and lookup_api", () => {
  const index = indexExamples(prompts.examples);

  it("when the model searches for a technique, then the worked example that uses it comes first", () => {
    expect(searchExamples(index, "plate with a hole in each corner and rounded corners", 2)[0]?.name).toBe(
      "plate_with_holes",
    );
    expect(searchExamples(index, "spur gear with teeth", 2)[0]?.name).toBe("spur_gear");
    expect(searchExamples(index, "helical thread on a rod", 2)[0]?.name).toBe("threaded_rod");
    expect(searchExamples(index, "loft from a hexagon to a circle", 2)[0]?.name).toBe("lamp_shade_loft");
    expect(searchExamples(index, "zzzz qqqq", 2)).toEqual([]);
  });

  it("when the model looks up a name, then it gets the notes; a misspelt or module-qualified name still finds them", () => {
    expect(lookupApi(prompts.api, "Hole").entry?.text).toMatch(/^## Hole\n/);
    expect(lookupApi(prompts.api, "build123d.CounterBoreHole").entry?.name).toBe("CounterBoreHole");
    const typo = lookupApi(prompts.api, "Cilinder");
    expect([typo.entry, typo.suggestions[0]]).toEqual([undefined, "Cylinder"]);
    expect(lookupApi(prompts.api, "TotallyMadeUpThing").suggestions).toEqual([]);
  });
});
