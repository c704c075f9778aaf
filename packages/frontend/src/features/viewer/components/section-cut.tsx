import { useMemo } from "react";
import {
  AlwaysStencilFunc,
  BackSide,
  DecrementWrapStencilOp,
  DoubleSide,
  FrontSide,
  IncrementWrapStencilOp,
  NotEqualStencilFunc,
  Plane,
  Quaternion,
  ReplaceStencilOp,
  Vector3,
  type BufferGeometry,
  type WebGLRenderer,
} from "three";
import type { SectionAxis, ViewerSettings } from "./viewer-types";

const AXES: Record<SectionAxis, Vector3> = {
  x: new Vector3(1, 0, 0),
  y: new Vector3(0, 1, 0),
  z: new Vector3(0, 0, 1),
};

/** The section as a clipping plane: the part on the kept side stays, the other is cut away. */
export function sectionPlane(section: ViewerSettings["section"]): Plane | null {
  if (!section.axis) return null;
  const normal = AXES[section.axis].clone().multiplyScalar(section.flip ? 1 : -1);
  return new Plane(normal, section.flip ? -section.offset : section.offset);
}

/**
 * The cut face of a section: the model's back faces add to the stencil and its front faces subtract, so what
 * stays counts where the plane is inside the solid; a square on the plane is drawn only there.
 */
export function SectionCut({ geometry, plane, color }: { geometry: BufferGeometry; plane: Plane; color: string }) {
  const planes = useMemo(() => [plane], [plane]);
  const cap = useMemo(() => {
    geometry.computeBoundingSphere();
    const sphere = geometry.boundingSphere!;
    const position = plane.projectPoint(sphere.center, new Vector3());
    const quaternion = new Quaternion().setFromUnitVectors(new Vector3(0, 0, 1), plane.normal);
    return { position, quaternion, size: sphere.radius * 8 };
  }, [geometry, plane]);
  return (
    <>
      {(
        [
          [BackSide, IncrementWrapStencilOp],
          [FrontSide, DecrementWrapStencilOp],
        ] as const
      ).map(([side, op]) => (
        <mesh key={side} geometry={geometry} renderOrder={1}>
          <meshBasicMaterial
            side={side}
            clippingPlanes={planes}
            depthWrite={false}
            depthTest={false}
            colorWrite={false}
            stencilWrite
            stencilFunc={AlwaysStencilFunc}
            stencilFail={op}
            stencilZFail={op}
            stencilZPass={op}
          />
        </mesh>
      ))}
      <mesh
        position={cap.position}
        quaternion={cap.quaternion}
        renderOrder={1.1}
        onAfterRender={(renderer: WebGLRenderer) => renderer.clearStencil()}
      >
        <planeGeometry args={[cap.size, cap.size]} />
        <meshStandardMaterial
          color={color}
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
    </>
  );
}
