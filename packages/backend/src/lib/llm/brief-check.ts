import type { DesignBrief, ModelMetrics } from "@chat3d/shared";

const TO_MM = { mm: 1, cm: 10, m: 1000, in: 25.4 } as const;
const AXIS = { x: 0, y: 1, z: 2 } as const;

/** How far an overall size may be from the stated one: 2 %, and never less than half a millimetre. */
export const sizeTolerance = (mm: number) => Math.max(0.5, Math.abs(mm) * 0.02);

/**
 * Where the rendered result contradicts the brief, checked by code rather than by the model's word: the
 * number of solids, and every stated overall extent against the bounding box.
 */
export function contradictions(brief: DesignBrief, metrics: ModelMetrics, kind: "solid" | "2d"): string[] {
  const problems: string[] = [];
  if (kind === "solid" && brief.single_solid) {
    if (metrics.solids !== 1) problems.push(`the brief asks for one solid, but the result has ${metrics.solids}`);
    else if (!metrics.watertight) problems.push("the result is not a closed, watertight solid");
  }
  for (const d of brief.dimensions) {
    if (!d.axis || d.unit === "deg") continue;
    const wanted = d.value * TO_MM[d.unit];
    const actual = metrics.bounding_box.size[AXIS[d.axis]] ?? 0;
    if (Math.abs(actual - wanted) > sizeTolerance(wanted)) {
      problems.push(
        `${d.name} should be ${wanted.toFixed(2)} mm along ${d.axis.toUpperCase()}, but the result measures ${actual.toFixed(2)} mm`,
      );
    }
  }
  return problems;
}
