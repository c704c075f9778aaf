import type { ModelMetrics } from "@chat3d/shared";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type * as React from "react";
import { Raycaster, Vector2, type Intersection, type Mesh, type Plane, type Vector3 } from "three";
import type { ViewerMode } from "../components/viewer-types";
import type { ModelMesh } from "../utils/model-mesh";
import { brepVertices, findSnap, type Snap } from "../utils/snap";

type Handlers = {
  mode: ViewerMode;
  onHoverFace: (face: number | null) => void;
  onPickFace: (face: number, additive: boolean) => void;
  onMeasure: (snap: Snap) => void;
  /** Each frame: where a measuring click would snap now (null: nowhere), for the marker. */
  onSnap: (snap: Snap | null) => void;
};

/**
 * What is under the pointer: the face to highlight and pick, or the corner, edge or surface point a measuring
 * click snaps to. Read once per frame from the latest pointer position, against the part the section keeps.
 */
export function usePointer(
  mesh: ModelMesh,
  metrics: ModelMetrics,
  plane: Plane | null,
  handlers: Handlers,
  /** The drawn model: what rays hit. */
  model: React.RefObject<Mesh | null>,
) {
  const get = useThree((state) => state.get);
  const snapRef = useRef<Snap | null>(null);
  const hoverRef = useRef<number | null>(null);
  const pointer = useRef({ x: 0, y: 0, down: null as { x: number; y: number } | null, pending: false });
  const [hoveredFace, setHoveredFace] = useState<number | null>(null);
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const raycaster = useRef(new Raycaster());
  const vertices = useMemo(() => brepVertices(metrics), [metrics]);
  const box = mesh.geometry.boundingBox!;
  const diagonal = box.min.distanceTo(box.max) || 1;

  /** The first point of the model under a canvas pixel that the section has not cut away. */
  const hitAt = (x: number, y: number): Intersection | null => {
    if (!model.current) return null;
    const { camera, size } = get();
    const ray = raycaster.current as Raycaster & { firstHitOnly?: boolean };
    ray.setFromCamera(new Vector2((x / size.width) * 2 - 1, -(y / size.height) * 2 + 1), camera);
    ray.firstHitOnly = !plane;
    const hits = ray.intersectObject(model.current, false);
    return hits.find((h) => !plane || plane.distanceToPoint(h.point) >= -1e-6) ?? null;
  };

  const project = (point: Vector3) => {
    const { camera, size } = get();
    const ndc = point.clone().project(camera);
    if (ndc.z > 1 || ndc.z < -1) return null;
    return { x: ((ndc.x + 1) / 2) * size.width, y: ((1 - ndc.y) / 2) * size.height };
  };

  const visible = (point: Vector3) => {
    if (plane && plane.distanceToPoint(point) < -diagonal * 1e-4) return false;
    const s = project(point);
    if (!s) return false;
    const hit = hitAt(s.x, s.y);
    return !hit || hit.distance >= get().camera.position.distanceTo(point) - diagonal * 2e-3;
  };

  const snapAt = (x: number, y: number) =>
    findSnap({
      pointer: { x, y },
      project,
      visible,
      vertices,
      segments: mesh.edges,
      edges: metrics.edges,
      surface: hitAt(x, y)?.point ?? null,
      tolerance: Math.max(diagonal * 4e-3, 0.02),
    });

  const faceAt = (x: number, y: number) => {
    const hit = hitAt(x, y);
    return hit?.faceIndex != null ? (mesh.faceOfTriangle?.[hit.faceIndex] ?? null) : null;
  };

  const hover = (face: number | null) => {
    if (face === hoverRef.current) return;
    hoverRef.current = face;
    setHoveredFace(face);
    latest.current.onHoverFace(face);
  };

  useEffect(() => {
    const { gl, invalidate } = get();
    const canvas = gl.domElement;
    const local = (event: PointerEvent) => {
      const rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    const onMove = (event: PointerEvent) => {
      Object.assign(pointer.current, local(event), { pending: true });
      invalidate();
    };
    const onLeave = () => {
      pointer.current.pending = false;
      snapRef.current = null;
      hover(null);
      invalidate();
    };
    const onDown = (event: PointerEvent) => {
      if (event.button === 0) pointer.current.down = local(event);
    };
    const onUp = (event: PointerEvent) => {
      const down = pointer.current.down;
      pointer.current.down = null;
      const at = local(event);
      // A drag turns the camera; only a click (a few pixels at most) picks or measures.
      if (!down || Math.hypot(at.x - down.x, at.y - down.y) > 4) return;
      const { mode, onMeasure, onPickFace } = latest.current;
      if (mode === "measure") {
        const snap = snapAt(at.x, at.y);
        if (snap) onMeasure(snap);
      } else if (mode === "select") {
        const face = faceAt(at.x, at.y);
        if (face !== null) onPickFace(face, event.shiftKey);
      }
    };
    canvas.addEventListener("pointermove", onMove);
    canvas.addEventListener("pointerleave", onLeave);
    canvas.addEventListener("pointerdown", onDown);
    canvas.addEventListener("pointerup", onUp);
    return () => {
      canvas.removeEventListener("pointermove", onMove);
      canvas.removeEventListener("pointerleave", onLeave);
      canvas.removeEventListener("pointerdown", onDown);
      canvas.removeEventListener("pointerup", onUp);
    };
  });

  useFrame(() => {
    const p = pointer.current;
    if (p.pending && !p.down) {
      p.pending = false;
      const { mode } = latest.current;
      snapRef.current = mode === "measure" ? snapAt(p.x, p.y) : null;
      hover(mode === "select" ? faceAt(p.x, p.y) : null);
    }
    latest.current.onSnap(snapRef.current);
  });

  return { hoveredFace, project };
}
