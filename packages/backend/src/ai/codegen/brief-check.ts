import type { DesignBrief, ModelMetrics } from "@chat3d/shared";

const TO_MM = { mm: 1, cm: 10, m: 1000, in: 25.4 } as const;
const AXIS = { x: 0, y: 1, z: 2 } as const;

/** How far an overall size may be from the stated one: 2 %, and never less than half a millimetre. */
export const sizeTolerance = (mm: number) => Math.max(0.5, Math.abs(mm) * 0.02);

/** How far a hole's diameter may be from the stated one: 2 %, and never less than a tenth of a millimetre. */
export const diameterTolerance = (mm: number) => Math.max(0.1, mm * 0.02);

/**
 * Where the rendered result contradicts the brief, checked by code rather than by the model's word: the
 * number of solids (one, or one per listed part), every stated overall extent against the bounding box,
 * and every stated group of holes against the round holes the render service found.
 */
export function contradictions(brief: DesignBrief, metrics: ModelMetrics, kind: "solid" | "2d"): string[] {
  const problems: string[] = [];
  if (kind === "solid" && brief.single_solid) {
    if (metrics.solids !== 1) problems.push(`the brief asks for one solid, but the result has ${metrics.solids}`);
    else if (!metrics.watertight) problems.push("the result is not a closed, watertight solid");
  }
  if (kind === "solid" && brief.parts.length > 1 && metrics.solids < brief.parts.length) {
    problems.push(
      `the brief lists ${brief.parts.length} parts (${brief.parts.map((p) => p.name).join(", ")}), but the result has ${metrics.solids} solid(s)`,
    );
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
  problems.push(...holeProblems(brief, metrics));
  return problems;
}

/** Stated holes of one diameter (groups of the same size add up) against the holes found of that size. */
function holeProblems(brief: DesignBrief, metrics: ModelMetrics): string[] {
  const wanted = new Map<number, number>();
  for (const h of brief.holes) {
    const mm = Number((h.diameter * TO_MM[h.unit]).toFixed(3));
    wanted.set(mm, (wanted.get(mm) ?? 0) + h.count);
  }
  const holes = metrics.cylinders.filter((c) => c.kind === "hole");
  return [...wanted].flatMap(([diameter, count]) => {
    const found = holes
      .filter((c) => Math.abs(c.diameter - diameter) <= diameterTolerance(diameter))
      .reduce((n, c) => n + c.count, 0);
    if (found === count) return [];
    const sizes = holes.map((c) => `${c.count} × ${c.diameter.toFixed(2)} mm`).join(", ") || "none";
    return [
      `the brief asks for ${count} hole(s) of ${diameter} mm, but the result has ${found} (holes found: ${sizes})`,
    ];
  });
}
