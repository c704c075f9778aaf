import { Box3, Frustum, Matrix4, PerspectiveCamera, Sphere, Vector3 } from "three";
import type { ViewName } from "../components/viewer-types";

/** An axis-aligned box in model millimetres, as the render service's metrics give it. */
export type BoxLike = { min: readonly number[]; max: readonly number[] };

/** Where a viewer's camera is, what it looks at, and the grid step it chose when it last fitted. */
export type CameraState = {
  position: [number, number, number];
  target: [number, number, number];
  /** Millimetres per grid cell: chosen at a fit and kept while the camera is, so sizes can be compared. */
  grid: number;
};

/** Where the camera looks from, per standard view (as the render service's previews do). */
export const VIEWS: Record<ViewName, Vector3> = {
  front: new Vector3(0, -1, 0),
  right: new Vector3(1, 0, 0),
  // A hair towards −Y, so +Y is up on the screen and the orbit has a defined azimuth.
  top: new Vector3(0, -1e-4, 1).normalize(),
  iso: new Vector3(1, -1, 1).normalize(),
};

/** The smallest box around all the given ones (a version and its ghost or partner). */
export function unionBox(boxes: BoxLike[]): Box3 {
  const box = new Box3();
  for (const b of boxes) {
    box.expandByPoint(new Vector3(b.min[0] ?? 0, b.min[1] ?? 0, b.min[2] ?? 0));
    box.expandByPoint(new Vector3(b.max[0] ?? 0, b.max[1] ?? 0, b.max[2] ?? 0));
  }
  return box;
}

export function sphereOf(box: Box3): Sphere {
  const sphere = box.getBoundingSphere(new Sphere());
  if (!(sphere.radius > 0)) sphere.radius = 1;
  return sphere;
}

/** How far away a camera must stand for a sphere to fill its view with a little margin. */
export function fitDistance(fov: number, aspect: number, radius: number): number {
  const vertical = (fov * Math.PI) / 180;
  const horizontal = 2 * Math.atan(Math.tan(vertical / 2) * aspect);
  return (radius / Math.sin(Math.min(vertical, horizontal) / 2)) * 1.05;
}

/** A round step (1, 2 or 5 × 10ⁿ mm) that puts about ten cells across a model of this radius. */
export function gridStep(radius: number): number {
  const raw = Math.max((radius * 2) / 10, 1e-3);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw)! * power;
  return Number(step.toPrecision(3));
}

/** The camera that frames a box from a direction, with the grid step for its size. */
export function fittedState(box: Box3, direction: Vector3, fov: number, aspect: number): CameraState {
  const sphere = sphereOf(box);
  const distance = fitDistance(fov, aspect, sphere.radius);
  const position = sphere.center.clone().addScaledVector(direction.clone().normalize(), distance);
  return { position: position.toArray(), target: sphere.center.toArray(), grid: gridStep(sphere.radius) };
}

/**
 * Whether a kept camera still shows a (new) model: not when the model has left the view entirely, nor when
 * the camera now stands inside it. Anything else keeps the camera, so a size change is seen as one.
 */
export function keepsView(state: CameraState, box: Box3, fov: number, aspect: number): boolean {
  const position = new Vector3(...state.position);
  const margin = box.getSize(new Vector3()).length() * 0.01;
  if (box.clone().expandByScalar(margin).containsPoint(position)) return false;
  const camera = new PerspectiveCamera(fov, aspect, 1e-3, 1e9);
  camera.up.set(0, 0, 1);
  camera.position.copy(position);
  camera.lookAt(new Vector3(...state.target));
  camera.updateMatrixWorld();
  const frustum = new Frustum().setFromProjectionMatrix(
    new Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse),
  );
  return frustum.intersectsBox(box);
}

/** Grid lines on the plane z = `z`, `step` apart, covering the box's footprint with a margin; every fifth is major. */
export function gridLines(box: Box3, step: number, z: number): { minor: Float32Array; major: Float32Array } {
  const margin = Math.max(step * 2, box.getSize(new Vector3()).length() * 0.25);
  const lo = (v: number) => Math.floor((v - margin) / step);
  const hi = (v: number) => Math.ceil((v + margin) / step);
  const [x0, x1, y0, y1] = [lo(box.min.x), hi(box.max.x), lo(box.min.y), hi(box.max.y)];
  const minor: number[] = [];
  const major: number[] = [];
  for (let i = x0; i <= x1; i++) (i % 5 === 0 ? major : minor).push(i * step, y0 * step, z, i * step, y1 * step, z);
  for (let j = y0; j <= y1; j++) (j % 5 === 0 ? major : minor).push(x0 * step, j * step, z, x1 * step, j * step, z);
  return { minor: new Float32Array(minor), major: new Float32Array(major) };
}
