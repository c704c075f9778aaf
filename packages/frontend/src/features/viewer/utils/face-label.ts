import type { FaceReference, ModelFace, ModelMetrics } from "@chat3d/shared";

/** "40", "12.5", "0.25": millimetres as an engineer writes them, at most two decimals. */
export function mm(value: number): string {
  return String(Number(value.toFixed(2)));
}

const SIDES: { axis: 0 | 1 | 2; sign: 1 | -1; name: string }[] = [
  { axis: 2, sign: 1, name: "top" },
  { axis: 2, sign: -1, name: "bottom" },
  { axis: 1, sign: -1, name: "front" },
  { axis: 1, sign: 1, name: "back" },
  { axis: 0, sign: 1, name: "right" },
  { axis: 0, sign: -1, name: "left" },
];

const TYPE_NOUNS: Record<ModelFace["type"], string> = {
  plane: "plane",
  cylinder: "cylinder",
  cone: "cone",
  sphere: "sphere",
  torus: "torus",
  bspline: "freeform",
  other: "surface",
};

/** The side a plane faces (top: +Z, front: −Y, right: +X, as the standard views look), if it is one. */
function sideOf(normal: number[]): { axis: 0 | 1 | 2; name: string } | undefined {
  return SIDES.find(({ axis, sign }) => (normal[axis] ?? 0) * sign > 0.999);
}

/** A face in words and numbers, for a chip and for the model: "top face, plane, 40×20 mm". */
export function describeFace(
  face: ModelFace,
  metrics: Pick<ModelMetrics, "cylinders">,
): Omit<FaceReference, "version_id"> {
  const vec = (v: number[] | null | undefined) => (v && v.length === 3 ? (v as [number, number, number]) : null);
  const center = vec(face.center) ?? [0, 0, 0];
  let label: string;
  let size: number[];
  if (face.type === "plane") {
    const side = face.normal ? sideOf(face.normal) : undefined;
    size = side
      ? face.bbox_size.filter((_, i) => i !== side.axis)
      : [...face.bbox_size].sort((a, b) => b - a).slice(0, 2);
    label = `${side ? `${side.name} face` : "inclined face"}, plane, ${size.map(mm).join("×")} mm`;
  } else {
    size = [...face.bbox_size].sort((a, b) => b - a);
    const group = metrics.cylinders.find((g) => g.faces.includes(face.index));
    const what = group ? group.kind : `${TYPE_NOUNS[face.type]} face`;
    const radius = face.radius
      ? `, ${face.type === "sphere" ? `R${mm(face.radius)}` : `Ø${mm(face.radius * 2)}`} mm`
      : "";
    label = `${what}, ${TYPE_NOUNS[face.type]}${radius}`;
  }
  return {
    index: face.index,
    type: face.type,
    center,
    normal: vec(face.normal),
    axis: vec(face.axis),
    radius: face.radius ?? null,
    size,
    area: face.area,
    label: label.slice(0, 200),
  };
}
