import type { ModelMetrics } from "@chat3d/shared";
import type { EvalChecks, EvalTask } from "./tasks.js";

export interface ScoredResult {
  kind: "solid" | "2d";
  metrics: ModelMetrics;
}

export interface Score {
  pass: boolean;
  /** What failed, with the measured and the expected numbers; empty when the result passes. */
  reasons: string[];
}

const EXTENT_TOLERANCE_MM = 1;
const RELATIVE_TOLERANCE = 0.02;

/** Checks a rendered result against a task's checks. Pure: the render happens elsewhere. */
export function score(task: Pick<EvalTask, "checks">, result: ScoredResult): Score {
  const { checks } = task;
  const { metrics } = result;
  if (result.kind !== checks.kind) {
    // The other checks would only repeat this one in other words.
    return {
      pass: false,
      reasons: [`the result is ${describeKind(result.kind)}, expected ${describeKind(checks.kind)}`],
    };
  }
  const reasons = [
    checkWatertight(checks.watertight, metrics.watertight),
    checkCount(metrics.solids, checks.solids, "solid"),
    checkBoundingBox(checks, metrics.bounding_box.size),
    checkRelative("volume", metrics.volume, checks.volume, "mm³"),
    checkRelative("area", metrics.area ?? null, checks.area, "mm²"),
    ...checkFeatures("hole", metrics, checks.holes),
    ...checkFeatures("boss", metrics, checks.bosses),
    checks.min_faces === undefined || metrics.face_count >= checks.min_faces
      ? null
      : `${plural(metrics.face_count, "face")}, expected at least ${checks.min_faces}`,
  ].filter((reason): reason is string => reason !== null);
  return { pass: reasons.length === 0, reasons };
}

function checkWatertight(expected: boolean | undefined, actual: boolean): string | null {
  if (expected === undefined || actual === expected) return null;
  return expected
    ? "the mesh is not watertight, expected a closed solid"
    : "the mesh is watertight, expected an open one";
}

function checkCount(actual: number, expected: number | undefined, noun: string): string | null {
  return expected === undefined || actual === expected ? null : `${plural(actual, noun)}, expected ${expected}`;
}

function checkBoundingBox(checks: EvalChecks, size: number[]): string | null {
  const expected = checks.bounding_box;
  if (!expected) return null;
  const exact = checks.orientation === "exact";
  const ordered = (values: number[]) => (exact ? [...values] : [...values].sort((a, b) => a - b));
  const actual = ordered(size);
  const wanted = ordered(expected);
  if (actual.every((value, i) => Math.abs(value - wanted[i]!) <= EXTENT_TOLERANCE_MM)) return null;
  const measured = size.map((v) => v.toFixed(1)).join(" × ");
  const orientation = exact ? "" : ", in any orientation";
  return `bounding box ${measured} mm, expected ${expected.join(" × ")} mm (±${EXTENT_TOLERANCE_MM} mm${orientation})`;
}

function checkRelative(name: string, actual: number | null, expected: number | undefined, unit: string): string | null {
  if (expected === undefined) return null;
  const band = `±${RELATIVE_TOLERANCE * 100} %`;
  if (actual === null) return `no ${name} was measured, expected ${quantity(expected)} ${unit} (${band})`;
  if (Math.abs(actual - expected) <= RELATIVE_TOLERANCE * expected) return null;
  return `${name} ${quantity(actual)} ${unit}, expected ${quantity(expected)} ${unit} (${band})`;
}

function checkFeatures(
  kind: "hole" | "boss",
  metrics: ModelMetrics,
  expected: EvalChecks["holes"],
): Array<string | null> {
  return (expected ?? []).map(({ diameter, count }) => {
    const tolerance = Math.max(0.1, RELATIVE_TOLERANCE * diameter);
    // Groups a hair apart in diameter (6.0 and 6.05 mm) are the same feature to a person reading the prompt.
    const found = metrics.cylinders
      .filter((group) => group.kind === kind && Math.abs(group.diameter - diameter) <= tolerance)
      .reduce((sum, group) => sum + group.count, 0);
    return found === count
      ? null
      : `${kind === "hole" ? "holes" : "bosses"} of ${diameter} mm: ${found}, expected ${count}`;
  });
}

const describeKind = (kind: "solid" | "2d") => (kind === "solid" ? "a solid" : "a 2D drawing");
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
/** Big volumes to the mm³, small ones to a tenth: enough to see how far off a result is. */
const quantity = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toString() : n.toFixed(1));
