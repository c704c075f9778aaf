import { FaceTypeSchema, type ModelFace, type ModelMetrics } from "@chat3d/shared";
import { z } from "zod";

// Measurements of a rendered result, computed from the B-rep faces the render service reports (exact
// centres, normals, axes and radii), so the code model reads numbers instead of guessing them from a picture.

const DIRECTIONS = {
  "+x": [1, 0, 0],
  "-x": [-1, 0, 0],
  "+y": [0, 1, 0],
  "-y": [0, -1, 0],
  "+z": [0, 0, 1],
  "-z": [0, 0, -1],
};

export const MeasureQuerySchema = z.object({
  what: z
    .enum(["overall", "holes", "faces", "face", "distance", "wall_thickness"])
    .describe(
      "overall: size, volume, solids; holes: round holes and bosses by diameter; faces: a list, filtered by type or direction; face: one face; distance: between two faces; wall_thickness: the thinnest wall between opposite flat faces, and the material left around each hole",
    ),
  face: z.number().int().min(0).optional().describe("what=face: the face index"),
  between: z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .optional()
    .describe("what=distance: two face indices"),
  type: FaceTypeSchema.optional().describe("what=faces: only faces of this type"),
  direction: z
    .enum(["+x", "-x", "+y", "-y", "+z", "-z"])
    .optional()
    .describe("what=faces: only flat faces facing this way"),
});
export type MeasureQuery = z.infer<typeof MeasureQuerySchema>;

type Vec = number[];
const sub = (a: Vec, b: Vec) => a.map((v, i) => v - (b[i] ?? 0));
const dot = (a: Vec, b: Vec) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);
const norm = (a: Vec) => Math.sqrt(dot(a, a));
const cross = (a: Vec, b: Vec) => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];
const round = (v: number) => Math.round(v * 100) / 100;
const roundVec = (a: Vec) => a.map(round);
const PARALLEL = 0.999;

function faceSummary(face: ModelFace) {
  return {
    index: face.index,
    type: face.type,
    area: round(face.area),
    center: roundVec(face.center),
    size: roundVec(face.bbox_size),
    ...(face.normal && { normal: roundVec(face.normal) }),
    ...(face.radius != null && { diameter: round(face.radius * 2) }),
    ...(face.axis && { axis: roundVec(face.axis) }),
  };
}

/** Distance between two faces: planes and axes exactly when parallel; otherwise between their centres. */
function distance(a: ModelFace, b: ModelFace) {
  if (a.normal && b.normal && Math.abs(dot(a.normal, b.normal)) > PARALLEL) {
    return { distance: round(Math.abs(dot(sub(b.center, a.center), a.normal))), how: "between parallel planes" };
  }
  const axisOf = (f: ModelFace) => (f.axis && f.axis_point ? { dir: f.axis, point: f.axis_point } : undefined);
  const [axisA, axisB] = [axisOf(a), axisOf(b)];
  if (axisA && axisB && Math.abs(dot(axisA.dir, axisB.dir)) > PARALLEL) {
    const between = sub(axisB.point, axisA.point);
    return { distance: round(norm(cross(between, axisA.dir)) / norm(axisA.dir)), how: "between parallel axes" };
  }
  const [plane, axis] = a.normal && axisB ? [a, axisB] : b.normal && axisA ? [b, axisA] : [undefined, undefined];
  if (plane && axis && Math.abs(dot(plane.normal!, axis.dir)) < 1 - PARALLEL) {
    return {
      distance: round(Math.abs(dot(sub(axis.point, plane.center), plane.normal!))),
      how: "from the axis to the plane",
    };
  }
  return { distance: round(norm(sub(b.center, a.center))), how: "between face centres" };
}

/** Whether two parallel faces overlap when seen along `normal`: material between them is a wall. */
function overlapAcross(a: ModelFace, b: ModelFace, normal: Vec): boolean {
  return [0, 1, 2].every((axis) => {
    if (Math.abs(normal[axis]!) > 0.5) return true;
    const half = (f: ModelFace) => f.bbox_size[axis]! / 2;
    return Math.abs(a.center[axis]! - b.center[axis]!) < half(a) + half(b) - 1e-6;
  });
}

/**
 * The thinnest wall: opposite flat faces that look away from each other with material between them; and
 * for each round hole, how much material is left to the nearest flat face running along its axis.
 */
function wallThickness(faces: ModelFace[], holeFaces: Set<number>) {
  const planes = faces.filter((f) => f.type === "plane" && f.normal);
  let thinnest: { thickness: number; between: [number, number] } | undefined;
  for (const a of planes) {
    for (const b of planes) {
      if (a.index >= b.index || dot(a.normal!, b.normal!) > -PARALLEL) continue;
      // Outward normals: b lies behind a (inside the material) when the gap runs against a's normal.
      const gap = dot(sub(b.center, a.center), a.normal!);
      if (gap >= -1e-6 || !overlapAcross(a, b, a.normal!)) continue;
      if (!thinnest || -gap < thinnest.thickness) thinnest = { thickness: round(-gap), between: [a.index, b.index] };
    }
  }
  const holes = faces.filter((f) => holeFaces.has(f.index) && f.axis && f.axis_point && f.radius != null);
  const margins = holes.flatMap((hole) => {
    // Flat faces running along the hole's axis, and beside it rather than somewhere else on the part.
    const beside = (p: ModelFace) =>
      [0, 1, 2].every(
        (k) =>
          Math.abs(p.normal![k]!) > 0.5 ||
          Math.abs(hole.axis![k]!) > 0.5 ||
          Math.abs(hole.axis_point![k]! - p.center[k]!) <= p.bbox_size[k]! / 2 + hole.radius!,
      );
    const sides = planes.filter((p) => Math.abs(dot(p.normal!, hole.axis!)) < 1 - PARALLEL && beside(p));
    const nearest = sides
      .map((p) => ({ face: p.index, left: Math.abs(dot(sub(hole.axis_point!, p.center), p.normal!)) - hole.radius! }))
      .filter((m) => m.left > -1e-6)
      .sort((x, y) => x.left - y.left)[0];
    return nearest ? [{ hole_face: hole.index, nearest_face: nearest.face, material_mm: round(nearest.left) }] : [];
  });
  return {
    thinnest_wall: thinnest ?? null,
    hole_margins: margins.sort((x, y) => x.material_mm - y.material_mm).slice(0, 10),
  };
}

const LIST_LIMIT = 40;

export function measure(metrics: ModelMetrics, query: MeasureQuery): Record<string, unknown> {
  const byIndex = (i: number) => metrics.faces.find((f) => f.index === i);
  const truncated = metrics.faces_truncated ? { note: `only the first ${metrics.faces.length} faces are known` } : {};
  switch (query.what) {
    case "overall":
      return {
        size: roundVec(metrics.bounding_box.size),
        min: roundVec(metrics.bounding_box.min),
        max: roundVec(metrics.bounding_box.max),
        volume: metrics.volume == null ? null : round(metrics.volume),
        surface_area: metrics.surface_area == null ? null : round(metrics.surface_area),
        solids: metrics.solids,
        watertight: metrics.watertight,
        faces: metrics.face_count,
      };
    case "holes":
      return {
        groups: metrics.cylinders.map((c) => ({
          kind: c.kind,
          diameter: round(c.diameter),
          count: c.count,
          faces: c.faces,
        })),
      };
    case "faces": {
      const wanted = query.direction ? DIRECTIONS[query.direction] : undefined;
      const found = metrics.faces.filter(
        (f) =>
          (!query.type || f.type === query.type) && (!wanted || (f.normal != null && dot(f.normal, wanted) > PARALLEL)),
      );
      return { count: found.length, faces: found.slice(0, LIST_LIMIT).map(faceSummary), ...truncated };
    }
    case "face": {
      const face = query.face === undefined ? undefined : byIndex(query.face);
      if (!face)
        return { error: `There is no face ${query.face ?? "(give its index)"}; the result has ${metrics.face_count}.` };
      return faceSummary(face);
    }
    case "distance": {
      const [a, b] = (query.between ?? []).map(byIndex);
      if (!a || !b) return { error: "Give two existing face indices in `between`, e.g. [3, 7]." };
      return { between: [a.index, b.index], ...distance(a, b) };
    }
    case "wall_thickness":
      return {
        ...wallThickness(
          metrics.faces,
          new Set(metrics.cylinders.filter((c) => c.kind === "hole").flatMap((c) => c.faces)),
        ),
        ...truncated,
      };
  }
}

const VIEW_NAMES: Record<string, string> = {
  "+x": "right",
  "-x": "left",
  "+y": "back",
  "-y": "front",
  "+z": "top",
  "-z": "bottom",
};

/**
 * What the previews would show, in words, for a model that cannot see images: the overall shape, the
 * outermost face on each side, and the holes and bosses.
 */
export function describeShape(metrics: ModelMetrics): string {
  const [x, y, z] = metrics.bounding_box.size.map(round);
  const lines = [
    `Overall ${x} × ${y} × ${z} mm (X × Y × Z), ${metrics.solids} solid(s), ${metrics.watertight ? "watertight" : "NOT watertight"}, volume ${metrics.volume == null ? "n/a" : round(metrics.volume)} mm³.`,
  ];
  const types = new Map<string, number>();
  for (const f of metrics.faces) types.set(f.type, (types.get(f.type) ?? 0) + 1);
  lines.push(`${metrics.face_count} faces: ${[...types].map(([t, n]) => `${n} ${t}`).join(", ")}.`);
  for (const [direction, vector] of Object.entries(DIRECTIONS)) {
    const outermost = metrics.faces
      .filter((f) => f.normal && dot(f.normal, vector) > PARALLEL)
      .sort((a, b) => dot(b.center, vector) - dot(a.center, vector) || b.area - a.area)[0];
    if (outermost) {
      lines.push(
        `${VIEW_NAMES[direction]} (${direction}): face ${outermost.index}, flat, ${roundVec(outermost.bbox_size).join(" × ")} mm at ${roundVec(outermost.center).join(", ")}.`,
      );
    }
  }
  for (const c of metrics.cylinders) lines.push(`${c.count} ${c.kind}(s) of ${round(c.diameter)} mm diameter.`);
  return lines.join("\n");
}
