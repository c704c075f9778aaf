import type { ModelFormat } from "@chat3d/shared";

export const FORMAT_LABELS: Record<ModelFormat, string> = {
  step: "STEP",
  stl: "STL",
  "3mf": "3MF",
  glb: "GLB",
  svg: "SVG",
  dxf: "DXF",
};
