import type { Parameter } from "@chat3d/shared";

type NumberParameter = Extract<Parameter, { kind: "number" }>;
export type SliderRange = { min: number; max: number };

/**
 * The range a number's slider shows, the same from one version to the next so a drag can go on after a render.
 * A script's own bounds stand. A suggested range comes from the chat's first version (`first`) and only ever
 * widens: to the current value, and to values the person typed past its ends (`typed`).
 */
export function sliderRange(parameter: NumberParameter, first: Parameter | undefined, typed: number[]): SliderRange {
  if (parameter.bounded) return { min: parameter.min, max: parameter.max };
  const base = first?.kind === "number" && !first.bounded ? first : parameter;
  const values = [base.min, base.max, parameter.value, ...typed];
  return { min: Math.min(...values), max: Math.max(...values) };
}
