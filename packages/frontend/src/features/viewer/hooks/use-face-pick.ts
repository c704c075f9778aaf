import type { FaceReference } from "@chat3d/shared";
import { useState } from "react";
import type { ViewerVersion } from "../components/viewer-types";
import { describeFace } from "../utils/face-label";

/** The faces picked on a version: controlled by `picked` when given, else kept here; Shift adds and removes. */
export function useFacePick(
  version: ViewerVersion,
  picked: FaceReference[] | undefined,
  onChange: ((faces: FaceReference[]) => void) | undefined,
) {
  const [own, setOwn] = useState<number[]>([]);
  const [shown, setShown] = useState(version);
  if (shown !== version) {
    setShown(version);
    setOwn([]);
  }
  const faces = version.metrics.faces;
  const selected = picked ? picked.filter((f) => f.version_id === version.id).map((f) => f.index) : own;
  const referencesOf = (indices: number[]) =>
    indices.flatMap((index) => {
      const face = faces.find((f) => f.index === index);
      return face && version.id ? [{ ...describeFace(face, version.metrics), version_id: version.id }] : [];
    });
  const set = (next: number[]) => {
    if (!picked) setOwn(next);
    onChange?.(referencesOf(next));
  };
  return {
    selected,
    references: referencesOf(selected),
    pick(face: number, additive: boolean) {
      if (additive) set(selected.includes(face) ? selected.filter((f) => f !== face) : [...selected, face]);
      else set(selected.length === 1 && selected[0] === face ? [] : [face]);
    },
    unpick: (face: number) => set(selected.filter((f) => f !== face)),
    clear: () => set([]),
  };
}
