import type { OrbitControls } from "@react-three/drei";
import { useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type * as React from "react";
import { Vector3, type Box3, type PerspectiveCamera } from "three";
import type { ViewName } from "../components/viewer-types";
import { fittedState, keepsView, VIEWS, type CameraState } from "../utils/camera-fit";
import { cameraStore } from "../utils/camera-store";

export type Controls = React.ComponentRef<typeof OrbitControls>;

/**
 * The camera of one viewer: it frames `frame` when it has no view yet, keeps its view when the model changes
 * (a re-render of the same chat) unless the model left it, re-fits on request, remembers its view under `key`
 * and follows other viewers with the same key.
 */
export function useCamera(frame: Box3, key: string | null, controls: React.RefObject<Controls | null>) {
  const get = useThree((state) => state.get);
  const self = useMemo(() => Symbol("viewer"), []);
  const local = useRef<CameraState | null>(null);
  // Set while the camera is being placed, so the controls' own change event is not taken for the person's.
  const placing = useRef(false);
  const [grid, setGrid] = useState(1);

  const camera = () => get().camera as PerspectiveCamera;
  const current = (): CameraState => ({
    position: camera().position.toArray(),
    target: (controls.current?.target ?? new Vector3()).toArray(),
    grid: local.current?.grid ?? grid,
  });

  const apply = (state: CameraState) => {
    const cam = camera();
    cam.position.set(...state.position);
    const distance = cam.position.distanceTo(new Vector3(...state.target));
    cam.near = distance / 100;
    cam.far = distance * 100;
    cam.lookAt(...state.target);
    cam.updateProjectionMatrix();
    placing.current = true;
    controls.current?.target.set(...state.target);
    controls.current?.update();
    placing.current = false;
    local.current = state;
    setGrid(state.grid);
    get().invalidate();
  };

  const remember = (state: CameraState) => {
    local.current = state;
    if (key) cameraStore.set(key, state, self);
  };

  const fitFrom = (direction: Vector3) => {
    const cam = camera();
    const state = fittedState(frame, direction, cam.fov, cam.aspect);
    apply(state);
    remember(state);
  };

  const fit = () => {
    const { position, target } = current();
    fitFrom(new Vector3(...position).sub(new Vector3(...target)));
  };

  // A new model (or frame): keep the view it had when it still shows the model, else fit from the iso corner.
  const frameKey = [...frame.min.toArray(), ...frame.max.toArray()].join(",");
  useLayoutEffect(() => {
    const cam = camera();
    const kept = local.current ?? (key ? cameraStore.get(key) : undefined);
    if (kept && keepsView(kept, frame, cam.fov, cam.aspect)) apply(kept);
    else fitFrom(VIEWS.iso);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the frame
  }, [frameKey]);

  // Viewers sharing the key (side by side) move together.
  useEffect(() => {
    if (!key) return;
    return cameraStore.subscribe(key, (state, from) => {
      if (from !== self) apply(state);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- apply reads refs only
  }, [key, self]);

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

  return {
    grid,
    fit,
    view: (name: ViewName) => fitFrom(VIEWS[name]),
    /** Called when the person moved the camera (OrbitControls' change). */
    moved: () => {
      if (!placing.current) remember(current());
    },
    orbit: (radians: number) => {
      const cam = camera();
      const target = controls.current?.target ?? new Vector3();
      cam.position.sub(target).applyAxisAngle(cam.up, radians).add(target);
      cam.lookAt(target);
      controls.current?.update();
      remember(current());
      get().invalidate();
    },
    state: current,
  };
}
