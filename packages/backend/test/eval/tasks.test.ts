import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ModelMetrics } from "@chat3d/shared";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { score, type ScoredResult } from "../../src/eval/score.js";
import { EVAL_TASKS_DIR, loadTasks, type EvalTask } from "../../src/eval/tasks.js";
import { loadPrompts } from "../../src/ai/knowledge/prompts.js";
import { RenderRepository } from "../../src/repositories/render.repository.js";

// The suite is only as good as its checks: every reference solution must pass its own task, and a result
// that is off in any one way must fail with a reason that names the numbers.

const tasks = loadTasks();
const render = new RenderRepository(inject("renderUrl"));
const rendered = new Map<string, ScoredResult>();

async function renderCode(code: string): Promise<ScoredResult> {
  // STEP only: the checks read the metrics, and the other exports would just cost time.
  const { kind, metrics } = await render.render({ code, formats: ["step"], previews: { views: [] } });
  return { kind, metrics };
}

/** Runs `work` over `items`, two at a time: the machine the suite runs on has other work to do. */
async function inPairs<T>(items: T[], work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    [0, 1].map(async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await work(item);
    }),
  );
}

const byId = (id: string) => {
  const task = tasks.find((t) => t.id === id);
  if (!task) throw new Error(`no eval task ${id}`);
  return task;
};

/** A copy of a rendered result with its metrics changed. */
const changed = (result: ScoredResult, change: (m: ModelMetrics) => Partial<ModelMetrics>): ScoredResult => ({
  ...result,
  metrics: { ...result.metrics, ...change(structuredClone(result.metrics)) },
});

beforeAll(async () => {
  await inPairs(tasks, async (task) => {
    rendered.set(task.id, await renderCode(task.reference));
  });
}, 300_000);

describe("the eval suite", () => {
  it("when the tasks are read, then there are at least 26 across every difficulty, each with a reference", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(26);
    expect(new Set(tasks.map((t) => t.difficulty))).toEqual(new Set(["trivial", "easy", "medium", "hard"]));
    expect(tasks.filter((t) => t.checks.kind === "2d").length).toBeGreaterThan(0);
    for (const task of tasks) expect(task.reference, task.id).toMatch(/root_part\s*=/);
  });

  it("when a task's prompt is compared with the worked examples, then no example answers it word for word", () => {
    const requests = new Set(loadPrompts().examples.map((e) => e.request.trim().toLowerCase()));
    for (const task of tasks) expect(requests.has(task.prompt.trim().toLowerCase()), task.id).toBe(false);
  });

  for (const task of tasks) {
    it(`when the reference for "${task.id}" renders, then it passes its own checks`, () => {
      const result = rendered.get(task.id);
      expect(result, "the reference did not render").toBeDefined();
      expect(score(task, result!)).toEqual({ pass: true, reasons: [] });
    });
  }
});

describe("scoring a result against a task", () => {
  const plate = () => byId("plate-six-holes");
  const plateResult = () => rendered.get("plate-six-holes")!;

  it("when the plate is rendered with five holes instead of six, then it fails on the holes alone", async () => {
    const code = plate().reference.replace(
      "GridLocations(ALONG, ACROSS, 3, 2)",
      "Locations(*GridLocations(ALONG, ACROSS, 3, 2).locations[:5])",
    );
    expect(code).not.toBe(plate().reference);
    const result = score(plate(), await renderCode(code));
    expect(result.pass).toBe(false);
    expect(result.reasons).toEqual(["holes of 4 mm: 5, expected 6"]);
  });

  it("when the plate is rendered 8 mm thick instead of 5, then it fails on the bounding box and the volume", async () => {
    const code = plate().reference.replace("THICKNESS = 5", "THICKNESS = 8");
    const result = score(plate(), await renderCode(code));
    expect(result.reasons).toEqual([
      "bounding box 120.0 × 60.0 × 8.0 mm, expected 120 × 60 × 5 mm (±1 mm, in any orientation)",
      "volume 56997 mm³, expected 35623 mm³ (±2 %)",
    ]);
  });

  it("when one extent is 3 mm too large or too small, then it fails; within 1 mm, it passes", () => {
    const withWidth = (width: number) =>
      changed(plateResult(), (m) => ({ bounding_box: { ...m.bounding_box, size: [120, width, 5] } }));
    expect(score(plate(), withWidth(63)).reasons).toEqual([
      "bounding box 120.0 × 63.0 × 5.0 mm, expected 120 × 60 × 5 mm (±1 mm, in any orientation)",
    ]);
    expect(score(plate(), withWidth(57)).pass).toBe(false);
    expect(score(plate(), withWidth(60.9)).pass).toBe(true);
  });

  it("when the part lies on another side, then the sorted extents still match, unless the task fixes the orientation", () => {
    const turned = changed(plateResult(), (m) => ({ bounding_box: { ...m.bounding_box, size: [5, 120, 60] } }));
    expect(score(plate(), turned).pass).toBe(true);
    const exact = { checks: { ...plate().checks, orientation: "exact" as const } };
    expect(score(exact, turned).reasons).toEqual([
      "bounding box 5.0 × 120.0 × 60.0 mm, expected 120 × 60 × 5 mm (±1 mm)",
    ]);
  });

  it("when the volume is 3 % too large or too small, then it fails; within 2 %, it passes", () => {
    const withVolume = (factor: number) => changed(plateResult(), (m) => ({ volume: m.volume! * factor }));
    expect(score(plate(), withVolume(1.03)).reasons).toEqual([
      expect.stringMatching(/^volume 36\d{3} mm³, expected 35623 mm³ \(±2 %\)$/),
    ]);
    expect(score(plate(), withVolume(0.97)).pass).toBe(false);
    expect(score(plate(), withVolume(1.015)).pass).toBe(true);
  });

  it("when a hole is missing or one is too many, then it fails naming the diameter and both counts", () => {
    const withHoles = (count: number) =>
      changed(plateResult(), (m) => ({
        cylinders: m.cylinders.map((g) => (g.kind === "hole" ? { ...g, count } : g)),
      }));
    expect(score(plate(), withHoles(5)).reasons).toEqual(["holes of 4 mm: 5, expected 6"]);
    expect(score(plate(), withHoles(7)).reasons).toEqual(["holes of 4 mm: 7, expected 6"]);
  });

  it("when the holes are a different size, then none of the expected diameter are found", () => {
    const wider = changed(plateResult(), (m) => ({
      cylinders: m.cylinders.map((g) => (g.kind === "hole" ? { ...g, diameter: 4.3 } : g)),
    }));
    expect(score(plate(), wider).reasons).toEqual(["holes of 4 mm: 0, expected 6"]);
  });

  it("when a boss is missing, then it fails on the bosses", () => {
    const flange = byId("pipe-flange");
    const noHub = changed(rendered.get("pipe-flange")!, (m) => ({
      cylinders: m.cylinders.filter((g) => !(g.kind === "boss" && g.diameter === 76)),
    }));
    expect(score(flange, noHub).reasons).toEqual(["bosses of 76 mm: 0, expected 1"]);
  });

  it("when there is an extra solid, then it fails on the count of solids", () => {
    const extra = changed(plateResult(), (m) => ({ solids: m.solids + 1 }));
    expect(score(plate(), extra).reasons).toEqual(["2 solids, expected 1"]);
    const lid = byId("enclosure-with-lid");
    const oneSolid = changed(rendered.get("enclosure-with-lid")!, () => ({ solids: 1 }));
    expect(score(lid, oneSolid).reasons).toEqual(["1 solid, expected 2"]);
  });

  it("when the mesh is not watertight, then it fails saying so", () => {
    const open = changed(plateResult(), () => ({ watertight: false }));
    expect(score(plate(), open).reasons).toEqual(["the mesh is not watertight, expected a closed solid"]);
  });

  it("when text or teeth are missing, then it fails on the count of faces", () => {
    const plain = changed(rendered.get("sign-raised-text")!, () => ({ face_count: 6 }));
    expect(score(byId("sign-raised-text"), plain).reasons).toEqual(["6 faces, expected at least 25"]);
  });

  it("when a 2D task gets a solid, or its area is off, then it fails with the kind or the area", () => {
    const gasket = byId("gasket-outline");
    expect(score(gasket, plateResult()).reasons).toEqual(["the result is a solid, expected a 2D drawing"]);
    expect(score(plate(), rendered.get("gasket-outline")!).reasons).toEqual([
      "the result is a 2D drawing, expected a solid",
    ]);
    const smaller = changed(rendered.get("gasket-outline")!, () => ({ area: 1500 }));
    expect(score(gasket, smaller).reasons).toEqual(["area 1500 mm², expected 1621 mm² (±2 %)"]);
  });

  it("when several things are wrong, then every one is reported", () => {
    const wrong = changed(plateResult(), (m) => ({ solids: 2, watertight: false, volume: m.volume! / 2 }));
    expect(score(plate(), wrong).reasons).toHaveLength(3);
  });
});

describe("loading tasks", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A task directory holding copies of real tasks plus the given files. */
  function taskDir(files: Record<string, string>, copy: string[] = ["cube-20"]) {
    dir = mkdtempSync(path.join(tmpdir(), "eval-tasks-"));
    for (const id of copy)
      for (const ext of [".json", ".py"])
        writeFileSync(path.join(dir, id + ext), readFileSync(path.join(EVAL_TASKS_DIR, id + ext)));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return dir;
  }

  it("when a pattern is given, then only the ids it matches are returned", () => {
    expect(loadTasks(undefined, "plate-*").map((t) => t.id)).toEqual(["plate-six-holes"]);
    expect(loadTasks(undefined, "*gear*").map((t) => t.id)).toEqual(["spur-gear-20t"]);
    expect(loadTasks(undefined, "cube-2?").map((t) => t.id)).toEqual(["cube-20"]);
    expect(loadTasks(undefined, "cube").map((t) => t.id)).toEqual([]);
    expect(loadTasks(undefined, "*").length).toBe(tasks.length);
  });

  it("when a pattern holds regular-expression characters, then they match only themselves", () => {
    expect(loadTasks(undefined, "cube.20")).toEqual([]);
    expect(loadTasks(undefined, "(cube-20)")).toEqual([]);
  });

  it("when a task is loaded, then it carries its reference code", () => {
    const [cube] = loadTasks(taskDir({}), "cube-20");
    expect(cube!.reference).toBe(readFileSync(path.join(EVAL_TASKS_DIR, "cube-20.py"), "utf8"));
  });

  it("when a task's JSON is broken, then the error names the file", () => {
    expect(() => loadTasks(taskDir({ "broken.json": "{ nope", "broken.py": "" }))).toThrow(
      /eval task broken\.json is not valid JSON/,
    );
  });

  it("when a task misses a field or misspells a check, then the error names the file and the field", () => {
    const task = JSON.parse(readFileSync(path.join(EVAL_TASKS_DIR, "cube-20.json"), "utf8")) as EvalTask;
    const noPrompt = { ...task, id: "no-prompt", prompt: undefined };
    expect(() => loadTasks(taskDir({ "no-prompt.json": JSON.stringify(noPrompt), "no-prompt.py": "" }))).toThrow(
      /eval task no-prompt\.json is invalid:[\s\S]*prompt/,
    );
    const typo = { ...task, id: "typo", checks: { ...task.checks, volumes: 8000 } };
    expect(() => loadTasks(taskDir({ "typo.json": JSON.stringify(typo), "typo.py": "" }))).toThrow(
      /eval task typo\.json is invalid:[\s\S]*volumes/,
    );
  });

  it("when a task's reference solution is missing, then the error names the .py it expected", () => {
    const task = readFileSync(path.join(EVAL_TASKS_DIR, "cube-20.json"), "utf8").replace('"cube-20"', '"lonely"');
    expect(() => loadTasks(taskDir({ "lonely.json": task }))).toThrow(
      "eval task lonely.json has no reference solution lonely.py",
    );
  });

  it("when a task's id differs from its file name, then the error says which it must be", () => {
    const task = readFileSync(path.join(EVAL_TASKS_DIR, "cube-20.json"), "utf8");
    expect(() => loadTasks(taskDir({ "other.json": task, "other.py": "" }))).toThrow(
      'eval task other.json has the id "cube-20"; it must be "other"',
    );
  });
});
