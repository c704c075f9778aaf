import type { ModelEdge } from "@chat3d/shared";
import { Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { brepVertices, findSnap } from "./snap";

// A flat projection: 10 px per mm, x right, y up.
const project = (p: Vector3) => ({ x: p.x * 10, y: -p.y * 10 });
const edge = (start: number[], end: number[], extra: Partial<ModelEdge> = {}): ModelEdge => ({
  index: 0,
  type: "line",
  length: new Vector3(...start).distanceTo(new Vector3(...end)),
  start,
  end,
  ...extra,
});
const edges = [edge([0, 0, 0], [10, 0, 0]), edge([10, 0, 0], [10, 10, 0])];
const input = {
  project,
  visible: () => true,
  vertices: brepVertices({ edges }),
  segments: new Float32Array([0, 0, 0, 10, 0, 0, 10, 0, 0, 10, 10, 0]),
  edges,
  surface: new Vector3(3, 3, 0),
  tolerance: 0.05,
};

describe("measure snapping", () => {
  it("when the pointer is a few pixels from a corner, then it snaps to the corner", () => {
    expect(findSnap({ ...input, pointer: { x: 103, y: -2 } })).toMatchObject({
      kind: "vertex",
      point: { x: 10, y: 0 },
    });
  });

  it("when the pointer is near an edge but far from its ends, then it snaps onto the edge", () => {
    const snap = findSnap({ ...input, pointer: { x: 50, y: 4 } });
    expect(snap?.kind).toBe("edge");
    expect(snap?.point.x).toBeCloseTo(5);
    expect(snap?.point.y).toBeCloseTo(0);
  });

  it("when a corner is hidden behind the model, then it is not snapped to", () => {
    const snap = findSnap({ ...input, visible: (p) => p.x !== 10, pointer: { x: 101, y: 0 } });
    expect(snap?.kind).not.toBe("vertex");
  });

  it("when nothing is near, then the surface point under the pointer is used", () => {
    expect(findSnap({ ...input, pointer: { x: 30, y: -30 } })).toMatchObject({
      kind: "surface",
      point: { x: 3, y: 3 },
    });
  });

  it("when the edge is a circle, then the snap names it, for its radius", () => {
    const circle = edge([5, 0, 0], [5, 0, 0], { type: "circle", center: [0, 0, 0], radius: 5, normal: [0, 0, 1] });
    const snap = findSnap({
      ...input,
      vertices: new Float32Array(),
      edges: [circle],
      segments: new Float32Array([5, 0, 0, 0, 5, 0]),
      tolerance: 0.2,
      pointer: { x: 50, y: -1 },
    });
    expect(snap).toMatchObject({ kind: "edge", circle: { radius: 5 } });
  });
});
