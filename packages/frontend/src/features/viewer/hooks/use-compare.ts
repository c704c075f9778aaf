import { useMemo } from "react";
import type { LoadFile } from "../api/get-model";
import { useModelMesh } from "../api/get-model";
import type { ViewerVersion } from "../components/viewer-types";
import { unionBox } from "../utils/camera-fit";

/**
 * A version seen with another: the ghost drawn over it (overlay) and what the camera frames, the union of
 * both boxes, so neither is cut off; a partner shown beside it is framed alike, so the two views match.
 */
export function useCompare(
  version: ViewerVersion,
  ghost: ViewerVersion | null,
  partner: ViewerVersion | null,
  load: LoadFile,
) {
  const ghostModel = useModelMesh(ghost?.files ?? [], load, Boolean(ghost));
  const boxes = [version, ghost, partner].flatMap((v) => (v ? [v.metrics.bounding_box] : []));
  const key = JSON.stringify(boxes.map((b) => [b.min, b.max]));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the boxes
  const frame = useMemo(() => unionBox(boxes), [key]);
  return { ghost: ghost ? (ghostModel.data ?? null) : null, frame };
}
