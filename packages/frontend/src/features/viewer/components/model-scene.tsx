import type { ModelMetrics } from "@chat3d/shared";
import { GizmoHelper, GizmoViewport, Html, OrbitControls } from "@react-three/drei";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type * as React from "react";
import {
  AlwaysStencilFunc,
  BackSide,
  BufferAttribute,
  BufferGeometry,
  DecrementWrapStencilOp,
  DoubleSide,
  Float32BufferAttribute,
  FrontSide,
  IncrementWrapStencilOp,
  NotEqualStencilFunc,
  Plane,
  Quaternion,
  Raycaster,
  ReplaceStencilOp,
  Vector2,
  Vector3,
  type DirectionalLight,
  type Intersection,
  type Mesh,
  type PerspectiveCamera,
  type WebGLRenderer,
} from "three";
import { mm } from "../utils/face-label";
import type { ModelMesh } from "../utils/model-mesh";
import { brepVertices, findSnap, type Snap } from "../utils/snap";
import type { SectionAxis, ViewerApi, ViewerColors, ViewerSettings, ViewName } from "./viewer-types";

const AXES: Record<SectionAxis, Vector3> = {
  x: new Vector3(1, 0, 0),
  y: new Vector3(0, 1, 0),
  z: new Vector3(0, 0, 1),
};

/** Where the camera looks from, per standard view (as the render service's previews do). */
const VIEWS: Record<ViewName, Vector3> = {
  front: new Vector3(0, -1, 0),
  right: new Vector3(1, 0, 0),
  // A hair towards −Y, so +Y is up on the screen and the orbit has a defined azimuth.
  top: new Vector3(0, -1e-4, 1).normalize(),
  iso: new Vector3(1, -1, 1).normalize(),
};

export type ModelSceneProps = {
  mesh: ModelMesh;
  ghost: ModelMesh | null;
  metrics: ModelMetrics;
  settings: ViewerSettings;
  colors: ViewerColors;
  mode: "select" | "measure";
  selected: number[];
  measured: Vector3[];
  onHoverFace: (face: number | null) => void;
  onPickFace: (face: number, additive: boolean) => void;
  onMeasure: (snap: Snap) => void;
  apiRef: React.RefObject<ViewerApi | null>;
};

/** The section as a clipping plane: the part on the kept side stays, the other is cut away. */
export function sectionPlane(settings: ViewerSettings): Plane | null {
  const { section } = settings;
  if (!section.axis) return null;
  const normal = AXES[section.axis].clone().multiplyScalar(section.flip ? 1 : -1);
  return new Plane(normal, section.flip ? -section.offset : section.offset);
}

/** The triangles of some faces, as an index into the model's own vertices. */
function facesIndex(mesh: ModelMesh, faces: number[]): BufferGeometry | null {
  const { faceStart, geometry } = mesh;
  if (!faceStart || faces.length === 0) return null;
  const index = geometry.index!.array as Uint32Array;
  const parts = faces
    .filter((f) => f + 1 < faceStart.length)
    .map((f) => index.subarray(faceStart[f]! * 3, faceStart[f + 1]! * 3));
  const joined = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  const overlay = new BufferGeometry();
  overlay.setAttribute("position", geometry.getAttribute("position"));
  overlay.setAttribute("normal", geometry.getAttribute("normal"));
  overlay.setIndex(new BufferAttribute(joined, 1));
  return overlay;
}

function useOverlay(mesh: ModelMesh, faces: number[]) {
  const key = faces.join(",");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the faces
  const overlay = useMemo(() => facesIndex(mesh, faces), [mesh, key]);
  useEffect(() => () => overlay?.dispose(), [overlay]);
  return overlay;
}

function fitDistance(camera: PerspectiveCamera, radius: number) {
  const vertical = (camera.fov * Math.PI) / 180;
  const horizontal = 2 * Math.atan(Math.tan(vertical / 2) * camera.aspect);
  return (radius / Math.sin(Math.min(vertical, horizontal) / 2)) * 1.05;
}

/** Everything inside the canvas: the model, its edges, section, overlays, camera, controls and the gizmo. */
export function ModelScene(props: ModelSceneProps) {
  const { mesh, ghost, metrics, settings, colors, mode, selected, measured, apiRef } = props;
  // Read inside callbacks: the camera and renderer are three.js objects the viewer moves, not React state.
  const get = useThree((state) => state.get);
  const controls = useRef<React.ComponentRef<typeof OrbitControls> | null>(null);
  const light = useRef<DirectionalLight | null>(null);
  const model = useRef<Mesh | null>(null);
  const frames = useRef({ count: 0, first: null as number | null });
  const pointer = useRef<{ x: number; y: number; down: { x: number; y: number } | null; pending: boolean }>({
    x: 0,
    y: 0,
    down: null,
    pending: false,
  });
  const [snapRef, hoverRef] = [useRef<Snap | null>(null), useRef<number | null>(null)];
  const snapMarker = useRef<Mesh | null>(null);
  const callbacks = useRef(props);
  useLayoutEffect(() => {
    callbacks.current = props;
  });

  const sphere = mesh.geometry.boundingSphere!;
  const box = mesh.geometry.boundingBox!;
  const diagonal = box.min.distanceTo(box.max) || 1;
  const plane = useMemo(() => sectionPlane(settings), [settings]);
  const planes = useMemo(() => (plane ? [plane] : []), [plane]);
  const vertices = useMemo(() => brepVertices(metrics), [metrics]);
  const edgesGeometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute(mesh.edges, 3));
    return g;
  }, [mesh]);
  useEffect(() => () => edgesGeometry.dispose(), [edgesGeometry]);
  const [hoveredFace, setHoveredFace] = useState<number | null>(null);
  const hoverOverlay = useOverlay(mesh, hoveredFace === null ? [] : [hoveredFace]);
  const selectedOverlay = useOverlay(mesh, selected);

  // The cap of the section: a square on the plane, drawn only where the stencil says the inside shows.
  const cap = useMemo(() => {
    if (!plane) return null;
    const position = plane.projectPoint(sphere.center, new Vector3());
    const quaternion = new Quaternion().setFromUnitVectors(new Vector3(0, 0, 1), plane.normal);
    return { position, quaternion, size: diagonal * 4 };
  }, [plane, sphere, diagonal]);

  const raycaster = useRef(new Raycaster());

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

  const setView = (name: ViewName) => {
    const { camera, invalidate } = get();
    const distance = fitDistance(camera as PerspectiveCamera, sphere.radius);
    camera.position.copy(sphere.center).addScaledVector(VIEWS[name], distance);
    camera.near = distance / 100;
    camera.far = distance * 100;
    camera.lookAt(sphere.center);
    camera.updateProjectionMatrix();
    controls.current?.target.copy(sphere.center);
    controls.current?.update();
    invalidate();
  };

  /** The whole model in view, from where the camera looks now. */
  const fit = () => {
    const { camera, invalidate } = get();
    const direction = camera.position
      .clone()
      .sub(controls.current?.target ?? sphere.center)
      .normalize();
    const distance = fitDistance(camera as PerspectiveCamera, sphere.radius);
    camera.position.copy(sphere.center).addScaledVector(direction, distance);
    controls.current?.target.copy(sphere.center);
    controls.current?.update();
    invalidate();
  };

  // A narrower stage (a phone turned, fullscreen left) would cut the model off: fit it again.
  const { width, height } = useThree((state) => state.size);
  const fittedSize = useRef({ width, height });
  useEffect(() => {
    const last = fittedSize.current;
    if (last.width === width && last.height === height) return;
    fittedSize.current = { width, height };
    fit();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new size only
  }, [width, height]);

  // The first view of a model: fitted, from the iso corner.
  useLayoutEffect(() => {
    setView("iso");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per model
  }, [mesh]);

  useEffect(() => {
    const api: ViewerApi = {
      fit,
      view: setView,
      screenshot: () => {
        const { gl, scene, camera } = get();
        gl.render(scene, camera);
        return gl.domElement.toDataURL("image/png");
      },
      project: (point) => {
        const s = project(new Vector3(...point));
        if (!s) return null;
        const rect = get().gl.domElement.getBoundingClientRect();
        return { x: rect.left + s.x, y: rect.top + s.y };
      },
      orbit: (radians) => {
        const { camera, invalidate } = get();
        const target = controls.current?.target ?? sphere.center;
        camera.position.sub(target).applyAxisAngle(camera.up, radians).add(target);
        camera.lookAt(target);
        controls.current?.update();
        invalidate();
      },
      frames: () => frames.current.count,
      firstFrameAt: () => frames.current.first,
      triangles: mesh.triangles,
    };
    apiRef.current = api;
  });

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

  // Hover and clicks, read once per frame from the latest pointer position.
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
      hoverRef.current = null;
      snapRef.current = null;
      setHoveredFace(null);
      callbacks.current.onHoverFace(null);
      invalidate();
    };
    const onDown = (event: PointerEvent) => {
      if (event.button === 0) pointer.current.down = local(event);
    };
    const onUp = (event: PointerEvent) => {
      const down = pointer.current.down;
      pointer.current.down = null;
      const at = local(event);
      if (!down || Math.hypot(at.x - down.x, at.y - down.y) > 4) return;
      const { mode, onMeasure, onPickFace } = callbacks.current;
      if (mode === "measure") {
        const snap = snapAt(at.x, at.y);
        if (snap) onMeasure(snap);
        return;
      }
      const hit = hitAt(at.x, at.y);
      const face = hit?.faceIndex != null ? mesh.faceOfTriangle?.[hit.faceIndex] : undefined;
      if (face !== undefined) onPickFace(face, event.shiftKey);
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

  useFrame(({ camera }) => {
    light.current?.position.copy(camera.position);
    const p = pointer.current;
    if (p.pending && !p.down) {
      p.pending = false;
      if (mode === "measure") {
        snapRef.current = snapAt(p.x, p.y);
        if (hoverRef.current !== null) {
          hoverRef.current = null;
          callbacks.current.onHoverFace(null);
        }
      } else {
        snapRef.current = null;
        const hit = hitAt(p.x, p.y);
        const face = hit?.faceIndex != null ? (mesh.faceOfTriangle?.[hit.faceIndex] ?? null) : null;
        if (face !== hoverRef.current) {
          hoverRef.current = face;
          setHoveredFace(face);
          callbacks.current.onHoverFace(face);
        }
      }
    }
    if (snapMarker.current) {
      const snap = snapRef.current;
      snapMarker.current.visible = Boolean(snap);
      if (snap) snapMarker.current.position.copy(snap.point);
    }
  });
  // Counted after every other frame callback: what the bench and tests read.
  useFrame(() => {
    frames.current.count += 1;
    frames.current.first ??= performance.now();
  }, -1);

  const marker = diagonal * 0.008;
  const measureLine = useMemo(() => {
    if (measured.length < 2) return null;
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute([...measured[0]!.toArray(), ...measured[1]!.toArray()], 3));
    return g;
  }, [measured]);
  useEffect(() => () => measureLine?.dispose(), [measureLine]);

  const boxLines = useMemo(() => {
    const [a, b] = [box.min, box.max];
    const c = (x: number, y: number, z: number) => [x ? b.x : a.x, y ? b.y : a.y, z ? b.z : a.z];
    const pairs = [
      [c(0, 0, 0), c(1, 0, 0)],
      [c(0, 1, 0), c(1, 1, 0)],
      [c(0, 0, 1), c(1, 0, 1)],
      [c(0, 1, 1), c(1, 1, 1)],
      [c(0, 0, 0), c(0, 1, 0)],
      [c(1, 0, 0), c(1, 1, 0)],
      [c(0, 0, 1), c(0, 1, 1)],
      [c(1, 0, 1), c(1, 1, 1)],
      [c(0, 0, 0), c(0, 0, 1)],
      [c(1, 0, 0), c(1, 0, 1)],
      [c(0, 1, 0), c(0, 1, 1)],
      [c(1, 1, 0), c(1, 1, 1)],
    ];
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute(pairs.flat(2), 3));
    return g;
  }, [box]);
  useEffect(() => () => boxLines.dispose(), [boxLines]);

  const size3 = metrics.bounding_box.size;
  const sectioned = Boolean(plane);

  return (
    <>
      <ambientLight intensity={0.55} />
      <hemisphereLight args={[0xffffff, 0x8a8f98, 0.5]} position={[0, 0, 1]} />
      <directionalLight ref={light} intensity={1.6} />
      <OrbitControls ref={controls} makeDefault enableDamping dampingFactor={0.12} />

      {sectioned && (
        <>
          <mesh geometry={mesh.geometry} renderOrder={1}>
            <meshBasicMaterial
              side={BackSide}
              clippingPlanes={planes}
              depthWrite={false}
              depthTest={false}
              colorWrite={false}
              stencilWrite
              stencilFunc={AlwaysStencilFunc}
              stencilFail={IncrementWrapStencilOp}
              stencilZFail={IncrementWrapStencilOp}
              stencilZPass={IncrementWrapStencilOp}
            />
          </mesh>
          <mesh geometry={mesh.geometry} renderOrder={1}>
            <meshBasicMaterial
              side={FrontSide}
              clippingPlanes={planes}
              depthWrite={false}
              depthTest={false}
              colorWrite={false}
              stencilWrite
              stencilFunc={AlwaysStencilFunc}
              stencilFail={DecrementWrapStencilOp}
              stencilZFail={DecrementWrapStencilOp}
              stencilZPass={DecrementWrapStencilOp}
            />
          </mesh>
          {cap && (
            <mesh
              position={cap.position}
              quaternion={cap.quaternion}
              renderOrder={1.1}
              onAfterRender={(renderer: WebGLRenderer) => renderer.clearStencil()}
            >
              <planeGeometry args={[cap.size, cap.size]} />
              <meshStandardMaterial
                color={colors.cap}
                side={DoubleSide}
                metalness={0}
                roughness={0.9}
                stencilWrite
                stencilRef={0}
                stencilFunc={NotEqualStencilFunc}
                stencilFail={ReplaceStencilOp}
                stencilZFail={ReplaceStencilOp}
                stencilZPass={ReplaceStencilOp}
              />
            </mesh>
          )}
        </>
      )}

      <mesh ref={model} geometry={mesh.geometry} renderOrder={2}>
        <meshStandardMaterial
          color={colors.model}
          metalness={0.1}
          roughness={0.65}
          side={sectioned ? FrontSide : DoubleSide}
          clippingPlanes={planes}
          polygonOffset
          polygonOffsetFactor={1}
          polygonOffsetUnits={1}
        />
      </mesh>
      {settings.wireframe && (
        <mesh geometry={mesh.geometry} renderOrder={2}>
          <meshBasicMaterial color={colors.edges} wireframe transparent opacity={0.35} clippingPlanes={planes} />
        </mesh>
      )}
      {settings.edges && (
        <lineSegments geometry={edgesGeometry} renderOrder={2}>
          <lineBasicMaterial color={colors.edges} clippingPlanes={planes} />
        </lineSegments>
      )}
      {selectedOverlay && (
        <mesh geometry={selectedOverlay} renderOrder={3}>
          <meshBasicMaterial
            color={colors.selection}
            transparent
            opacity={0.6}
            clippingPlanes={planes}
            side={DoubleSide}
            polygonOffset
            polygonOffsetFactor={-1}
            polygonOffsetUnits={-1}
          />
        </mesh>
      )}
      {hoverOverlay && mode === "select" && (
        <mesh geometry={hoverOverlay} renderOrder={4}>
          <meshBasicMaterial
            color={colors.hover}
            transparent
            opacity={0.4}
            clippingPlanes={planes}
            side={DoubleSide}
            depthWrite={false}
            polygonOffset
            polygonOffsetFactor={-2}
            polygonOffsetUnits={-2}
          />
        </mesh>
      )}
      {ghost && (
        <mesh geometry={ghost.geometry} renderOrder={5}>
          <meshStandardMaterial
            color={colors.ghost}
            transparent
            opacity={0.28}
            depthWrite={false}
            side={DoubleSide}
            clippingPlanes={planes}
          />
        </mesh>
      )}

      {mode === "measure" && (
        <mesh ref={snapMarker} visible={false} renderOrder={6}>
          <sphereGeometry args={[marker, 16, 12]} />
          <meshBasicMaterial color={colors.measure} depthTest={false} transparent />
        </mesh>
      )}
      {measured.map((point, i) => (
        <mesh key={i} position={point} renderOrder={6}>
          <sphereGeometry args={[marker, 16, 12]} />
          <meshBasicMaterial color={colors.measure} depthTest={false} transparent />
        </mesh>
      ))}
      {measureLine && (
        <lineSegments geometry={measureLine} renderOrder={6}>
          <lineBasicMaterial color={colors.measure} depthTest={false} transparent />
        </lineSegments>
      )}

      {settings.dimensions && (
        <>
          <lineSegments geometry={boxLines}>
            <lineBasicMaterial color={colors.measure} transparent opacity={0.7} />
          </lineSegments>
          {(
            [
              [[(box.min.x + box.max.x) / 2, box.min.y, box.min.z], size3[0]],
              [[box.max.x, (box.min.y + box.max.y) / 2, box.min.z], size3[1]],
              [[box.max.x, box.min.y, (box.min.z + box.max.z) / 2], size3[2]],
            ] as const
          ).map(([position, value], i) => (
            <Html key={i} position={position as [number, number, number]} center zIndexRange={[20, 10]}>
              <span className="rounded bg-background/90 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap tabular-nums shadow-sm">
                {mm(value ?? 0)} mm
              </span>
            </Html>
          ))}
        </>
      )}

      <GizmoHelper alignment="bottom-right" margin={[56, 56]}>
        <GizmoViewport axisColors={["#e5484d", "#30a46c", "#3e63dd"]} labelColor="#ffffff" axisHeadScale={0.9} />
      </GizmoHelper>
    </>
  );
}
