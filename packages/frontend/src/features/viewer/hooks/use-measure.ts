import { useState } from "react";
import type { Vector3 } from "three";
import type { ViewerVersion } from "../components/viewer-types";
import type { Snap } from "../utils/snap";

/** Point-to-point measuring: two snapped points give a distance and its components; a circle gives its radius. */
export function useMeasure(version: ViewerVersion) {
  const [points, setPoints] = useState<Vector3[]>([]);
  const [circle, setCircle] = useState<Snap | null>(null);
  const [shown, setShown] = useState(version);
  if (shown !== version) {
    setShown(version);
    setPoints([]);
    setCircle(null);
  }
  const distance = points.length === 2 ? points[0]!.distanceTo(points[1]!) : null;
  return {
    points,
    distance,
    delta: points.length === 2 ? points[1]!.clone().sub(points[0]!) : null,
    radius: circle?.kind === "edge" && circle.circle?.radius ? circle.circle.radius : null,
    status:
      distance !== null
        ? `Distance ${distance.toFixed(2)} mm`
        : points.length === 1
          ? "Pick a second point."
          : "Pick a point: corners and edges snap.",
    add(snap: Snap) {
      setCircle(snap.kind === "edge" && snap.circle ? snap : null);
      setPoints((current) => (current.length >= 2 ? [snap.point] : [...current, snap.point]));
    },
    reset() {
      setPoints([]);
      setCircle(null);
    },
  };
}
