import type { ModelMetrics } from "@chat3d/shared";
import { GizmoHelper, GizmoViewport, OrbitControls } from "@react-three/drei";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import type * as React from "react";
import { DoubleSide, FrontSide, Vector3, type Box3, type DirectionalLight, type Mesh } from "three";
import { useCamera, type Controls } from "../hooks/use-camera";
import { usePointer } from "../hooks/use-pointer";
import type { ModelMesh } from "../utils/model-mesh";
import type { Snap } from "../utils/snap";
import { BoxDimensions, EdgeLines, FaceOverlay, MeasureMarks, ScaleGrid } from "./scene-marks";
import { SectionCut, sectionPlane } from "./section-cut";
import type { ViewerApi, ViewerColors, ViewerMode, ViewerSettings } from "./viewer-types";

export type ModelSceneProps = {
  mesh: ModelMesh;
  ghost: ModelMesh | null;
  metrics: ModelMetrics;
  /** What the camera frames: the model, with its ghost or the partner it is compared with. */
  frame: Box3;
  /** Viewers with one key share a camera (a chat's versions, two models side by side). */
  cameraKey: string | null;
  settings: ViewerSettings;
  colors: ViewerColors;
  mode: ViewerMode;
  selected: number[];
  measured: Vector3[];
  onHoverFace: (face: number | null) => void;
  onPickFace: (face: number, additive: boolean) => void;
  onMeasure: (snap: Snap) => void;
  onGrid: (step: number) => void;
  apiRef: React.RefObject<ViewerApi | null>;
};

/** Everything inside the canvas: the model, its edges, section, overlays, grid, camera, controls and the gizmo. */
export function ModelScene(props: ModelSceneProps) {
  const { mesh, ghost, metrics, settings, colors, mode, selected, measured, apiRef } = props;
  const get = useThree((state) => state.get);
  const light = useRef<DirectionalLight | null>(null);
  const frames = useRef({ count: 0, first: null as number | null });
  const plane = useMemo(() => sectionPlane(settings.section), [settings.section]);
  const planes = useMemo(() => (plane ? [plane] : []), [plane]);
  const controls = useRef<Controls | null>(null);
  const model = useRef<Mesh | null>(null);
  const snapMarker = useRef<Mesh | null>(null);
  const camera = useCamera(props.frame, props.cameraKey, controls);
  const showSnap = (snap: Snap | null) => {
    const marker = snapMarker.current;
    if (!marker) return;
    marker.visible = Boolean(snap);
    if (snap) marker.position.copy(snap.point);
  };
  const pointer = usePointer(mesh, metrics, plane, { ...props, onSnap: showSnap }, model);
  const { grid, moved } = camera;
  const box = mesh.geometry.boundingBox!;
  const { onGrid } = props;
  useEffect(() => onGrid(grid), [onGrid, grid]);

  useEffect(() => {
    apiRef.current = {
      fit: camera.fit,
      view: camera.view,
      orbit: camera.orbit,
      camera: camera.state,
      screenshot: () => {
        const { gl, scene, camera } = get();
        gl.render(scene, camera);
        return gl.domElement.toDataURL("image/png");
      },
      project: (point) => {
        const s = pointer.project(new Vector3(...point));
        if (!s) return null;
        const rect = get().gl.domElement.getBoundingClientRect();
        return { x: rect.left + s.x, y: rect.top + s.y };
      },
      frames: () => frames.current.count,
      firstFrameAt: () => frames.current.first,
      triangles: mesh.triangles,
    };
  });

  useFrame(({ camera }) => light.current?.position.copy(camera.position));
  // Counted after every other frame callback: what the bench and tests read.
  useFrame(() => {
    frames.current.count += 1;
    frames.current.first ??= performance.now();
  }, -1);

  const sectioned = Boolean(plane);
  const wireframe = settings.wireframe;
  const marker = box.min.distanceTo(box.max) * 0.008 || 0.1;

  return (
    <>
      <ambientLight intensity={0.55} />
      <hemisphereLight args={[0xffffff, 0x8a8f98, 0.5]} position={[0, 0, 1]} />
      <directionalLight ref={light} intensity={1.6} />
      <OrbitControls ref={controls} makeDefault enableDamping dampingFactor={0.12} onChange={moved} />

      {settings.grid && <ScaleGrid box={props.frame} step={grid} color={colors.grid} />}
      {plane && !wireframe && <SectionCut geometry={mesh.geometry} plane={plane} color={colors.cap} />}
      {/* A wireframe is the B-rep edges over a faint body: still there for picking and for depth. */}
      <mesh ref={model} geometry={mesh.geometry} renderOrder={2}>
        <meshStandardMaterial
          color={colors.model}
          metalness={0.1}
          roughness={0.65}
          side={sectioned ? FrontSide : DoubleSide}
          clippingPlanes={planes}
          transparent={wireframe}
          opacity={wireframe ? 0.08 : 1}
          depthWrite={!wireframe}
          polygonOffset
          polygonOffsetFactor={1}
          polygonOffsetUnits={1}
        />
      </mesh>
      {(settings.edges || wireframe) && (
        <EdgeLines mesh={mesh} color={wireframe ? colors.wire : colors.edges} planes={planes} xray={wireframe} />
      )}
      <FaceOverlay mesh={mesh} faces={selected} color={colors.selection} opacity={0.6} order={3} planes={planes} />
      {mode === "select" && pointer.hoveredFace !== null && (
        <FaceOverlay
          mesh={mesh}
          faces={[pointer.hoveredFace]}
          color={colors.hover}
          opacity={0.4}
          order={4}
          planes={planes}
        />
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
        <mesh ref={snapMarker} visible={false} renderOrder={7}>
          <sphereGeometry args={[marker, 16, 12]} />
          <meshBasicMaterial color={colors.measure} depthTest={false} transparent />
        </mesh>
      )}
      <MeasureMarks points={measured} size={marker} color={colors.measure} />
      {settings.dimensions && <BoxDimensions box={box} size={metrics.bounding_box.size} color={colors.measure} />}

      <GizmoHelper alignment="bottom-right" margin={[56, 56]}>
        <GizmoViewport axisColors={["#e5484d", "#30a46c", "#3e63dd"]} labelColor="#ffffff" axisHeadScale={0.9} />
      </GizmoHelper>
    </>
  );
}
