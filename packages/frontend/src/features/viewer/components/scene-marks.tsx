import { Html } from "@react-three/drei";
import { useEffect, useMemo } from "react";
import type * as React from "react";
import {
  BufferAttribute,
  BufferGeometry,
  DoubleSide,
  Float32BufferAttribute,
  type Box3,
  type Plane,
  type Vector3,
} from "three";
import { gridLines } from "../utils/camera-fit";
import { mm } from "../utils/face-label";
import type { ModelMesh } from "../utils/model-mesh";

/** A geometry of line segments, disposed with the component that made it. */
function useSegments(points: ArrayLike<number> | null) {
  const geometry = useMemo(() => {
    if (!points) return null;
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute(points, 3));
    return g;
  }, [points]);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  return geometry;
}

/** A label pinned to a model point, under the toolbar's menus. */
export function ModelLabel({ at, children }: { at: Vector3 | [number, number, number]; children: React.ReactNode }) {
  return (
    <Html position={at} center zIndexRange={[20, 10]}>
      <span className="rounded bg-background/90 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap tabular-nums shadow-sm">
        {children}
      </span>
    </Html>
  );
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

/** Some faces of the model in a translucent colour (the hovered one, the picked ones). */
export function FaceOverlay(props: {
  mesh: ModelMesh;
  faces: number[];
  color: string;
  opacity: number;
  order: number;
  planes: Plane[];
}) {
  const { mesh, faces, color, opacity, order, planes } = props;
  const key = faces.join(",");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the faces
  const overlay = useMemo(() => facesIndex(mesh, faces), [mesh, key]);
  useEffect(() => () => overlay?.dispose(), [overlay]);
  if (!overlay) return null;
  return (
    <mesh geometry={overlay} renderOrder={order}>
      <meshBasicMaterial
        color={color}
        transparent
        opacity={opacity}
        clippingPlanes={planes}
        side={DoubleSide}
        depthWrite={false}
        polygonOffset
        polygonOffsetFactor={-order}
        polygonOffsetUnits={-order}
      />
    </mesh>
  );
}

/** The B-rep edges; through the model too when it is drawn as a wireframe. */
export function EdgeLines({
  mesh,
  color,
  planes,
  xray,
}: {
  mesh: ModelMesh;
  color: string;
  planes: Plane[];
  xray: boolean;
}) {
  const geometry = useSegments(mesh.edges);
  return (
    <lineSegments geometry={geometry!} renderOrder={xray ? 6 : 2}>
      <lineBasicMaterial color={color} clippingPlanes={planes} depthTest={!xray} transparent={xray} />
    </lineSegments>
  );
}

/** The measured points, the line between them and its length written on the model. */
export function MeasureMarks({ points, size, color }: { points: Vector3[]; size: number; color: string }) {
  const line = useSegments(
    useMemo(() => (points.length === 2 ? [...points[0]!.toArray(), ...points[1]!.toArray()] : null), [points]),
  );
  return (
    <>
      {points.map((point, i) => (
        <mesh key={i} position={point} renderOrder={7}>
          <sphereGeometry args={[size, 16, 12]} />
          <meshBasicMaterial color={color} depthTest={false} transparent />
        </mesh>
      ))}
      {line && (
        <>
          <lineSegments geometry={line} renderOrder={7}>
            <lineBasicMaterial color={color} depthTest={false} transparent />
          </lineSegments>
          <ModelLabel at={points[0]!.clone().lerp(points[1]!, 0.5)}>
            <span data-slot="measure-label">{points[0]!.distanceTo(points[1]!).toFixed(2)} mm</span>
          </ModelLabel>
        </>
      )}
    </>
  );
}

const EDGE_PAIRS = [
  [0, 1],
  [2, 3],
  [4, 5],
  [6, 7],
  [0, 2],
  [1, 3],
  [4, 6],
  [5, 7],
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 7],
] as const;

/** The bounding box and its three sizes. */
export function BoxDimensions({ box, size, color }: { box: Box3; size: readonly number[]; color: string }) {
  const points = useMemo(() => {
    const corner = (i: number) => [
      i & 1 ? box.max.x : box.min.x,
      i & 2 ? box.max.y : box.min.y,
      i & 4 ? box.max.z : box.min.z,
    ];
    return EDGE_PAIRS.flatMap(([a, b]) => [...corner(a), ...corner(b)]);
  }, [box]);
  const lines = useSegments(points);
  const { min, max } = box;
  const labels: [[number, number, number], number | undefined][] = [
    [[(min.x + max.x) / 2, min.y, min.z], size[0]],
    [[max.x, (min.y + max.y) / 2, min.z], size[1]],
    [[max.x, min.y, (min.z + max.z) / 2], size[2]],
  ];
  return (
    <>
      <lineSegments geometry={lines!}>
        <lineBasicMaterial color={color} transparent opacity={0.7} />
      </lineSegments>
      {labels.map(([at, value], i) => (
        <ModelLabel key={i} at={at}>
          {mm(value ?? 0)} mm
        </ModelLabel>
      ))}
    </>
  );
}

/** A millimetre grid under the model, its step kept with the camera so a bigger part covers more cells. */
export function ScaleGrid({ box, step, color }: { box: Box3; step: number; color: string }) {
  const { minor, major } = useMemo(() => gridLines(box, step, box.min.z), [box, step]);
  const minorLines = useSegments(minor);
  const majorLines = useSegments(major);
  return (
    <group renderOrder={0}>
      <lineSegments geometry={minorLines!}>
        <lineBasicMaterial color={color} transparent opacity={0.18} depthWrite={false} />
      </lineSegments>
      <lineSegments geometry={majorLines!}>
        <lineBasicMaterial color={color} transparent opacity={0.4} depthWrite={false} />
      </lineSegments>
    </group>
  );
}
