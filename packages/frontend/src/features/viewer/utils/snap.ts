import type { ModelEdge, ModelMetrics } from "@chat3d/shared";
import { Vector3 } from "three";

export type Snap =
  | { kind: "vertex"; point: Vector3 }
  | { kind: "edge"; point: Vector3; circle: ModelEdge | null }
  | { kind: "surface"; point: Vector3 };

type ScreenPoint = { x: number; y: number };

export type SnapInput = {
  pointer: ScreenPoint;
  /** Model point (mm) to the canvas's pixels; null when it is behind the camera. */
  project: (point: Vector3) => ScreenPoint | null;
  /** Whether nothing of the model stands between the camera and this point. */
  visible: (point: Vector3) => boolean;
  vertices: Float32Array;
  segments: Float32Array;
  edges: ModelEdge[];
  surface: Vector3 | null;
  /** Tolerance for "on this circle", in millimetres. */
  tolerance: number;
  radiusPx?: number;
};

/** The corners of the B-rep: every edge's ends, once each. */
export function brepVertices(metrics: Pick<ModelMetrics, "edges">): Float32Array {
  const seen = new Map<string, [number, number, number]>();
  for (const edge of metrics.edges) {
    for (const p of [edge.start, edge.end]) {
      if (p.length !== 3) continue;
      seen.set(p.map((v) => v.toFixed(4)).join(","), p as [number, number, number]);
    }
  }
  return new Float32Array([...seen.values()].flat());
}

/** The circle or arc edge this point lies on, if any. */
export function circleThrough(point: Vector3, edges: ModelEdge[], tolerance: number): ModelEdge | null {
  let best: { edge: ModelEdge; off: number } | null = null;
  for (const edge of edges) {
    if (edge.type !== "circle" || !edge.center || !edge.radius || !edge.normal) continue;
    const normal = new Vector3().fromArray(edge.normal).normalize();
    const rel = point.clone().sub(new Vector3().fromArray(edge.center));
    const along = rel.dot(normal);
    const inPlane = rel.sub(normal.multiplyScalar(along)).length();
    const off = Math.hypot(along, inPlane - edge.radius);
    if (off <= tolerance && (!best || off < best.off)) best = { edge, off };
  }
  return best?.edge ?? null;
}

/**
 * Where a measuring click lands: the nearest visible B-rep corner within reach of the pointer, else the
 * nearest point on a drawn edge, else the surface under the pointer.
 */
export function findSnap(input: SnapInput): Snap | null {
  const { pointer, project, visible, vertices, segments, radiusPx = 12 } = input;
  const near: { d: number; point: Vector3 }[] = [];
  const p = new Vector3();
  for (let i = 0; i < vertices.length; i += 3) {
    p.fromArray(vertices, i);
    const s = project(p);
    if (!s) continue;
    const d = Math.hypot(s.x - pointer.x, s.y - pointer.y);
    if (d <= radiusPx) near.push({ d, point: p.clone() });
  }
  near.sort((a, b) => a.d - b.d);
  for (const { point } of near) if (visible(point)) return { kind: "vertex", point };

  const onEdges: { d: number; point: Vector3 }[] = [];
  const a = new Vector3();
  const b = new Vector3();
  for (let i = 0; i < segments.length; i += 6) {
    a.fromArray(segments, i);
    b.fromArray(segments, i + 3);
    const sa = project(a);
    const sb = project(b);
    if (!sa || !sb) continue;
    const dx = sb.x - sa.x;
    const dy = sb.y - sa.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.min(1, Math.max(0, ((pointer.x - sa.x) * dx + (pointer.y - sa.y) * dy) / len2)) : 0;
    const d = Math.hypot(sa.x + dx * t - pointer.x, sa.y + dy * t - pointer.y);
    if (d <= radiusPx * 0.75) onEdges.push({ d, point: a.clone().lerp(b, t) });
  }
  onEdges.sort((x, y) => x.d - y.d);
  for (const { point } of onEdges.slice(0, 8)) {
    if (visible(point)) return { kind: "edge", point, circle: circleThrough(point, input.edges, input.tolerance) };
  }
  return input.surface ? { kind: "surface", point: input.surface.clone() } : null;
}
