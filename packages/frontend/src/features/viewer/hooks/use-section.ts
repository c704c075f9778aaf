import type { ModelMetrics } from "@chat3d/shared";
import type { SectionAxis, ViewerSettings } from "../components/viewer-types";

export type SectionRange = Record<SectionAxis, [number, number]>;

/** The section's axis ranges (the model's box) and the toggle that cuts through the middle along Z. */
export function useSection(
  metrics: ModelMetrics,
  section: ViewerSettings["section"],
  onChange: (section: ViewerSettings["section"]) => void,
) {
  const { min, max } = metrics.bounding_box;
  const range: SectionRange = {
    x: [min[0] ?? 0, max[0] ?? 0],
    y: [min[1] ?? 0, max[1] ?? 0],
    z: [min[2] ?? 0, max[2] ?? 0],
  };
  const middle = (axis: SectionAxis) => (range[axis][0] + range[axis][1]) / 2;
  return {
    range,
    on: Boolean(section.axis),
    toggle: () => onChange(section.axis ? { ...section, axis: null } : { axis: "z", offset: middle("z"), flip: false }),
    axis: (axis: SectionAxis) => onChange({ axis, offset: middle(axis), flip: section.flip }),
    offset: (offset: number) => onChange({ ...section, axis: section.axis ?? "z", offset }),
    flip: () => onChange({ ...section, axis: section.axis ?? "z", flip: !section.flip }),
  };
}
