import type { ModelFormat, PreviewView } from "./chat.js";

/** What a sketch or photo attached to a question may be: the types every vision model here reads. */
export const ATTACHMENT_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];
export const MAX_ATTACHMENTS = 8;
/** The smallest of the hosted providers' per-image limits (Anthropic's 5 MB). */
export const MAX_ATTACHMENT_BYTES = 5 * 2 ** 20;

export const isAttachmentMediaType = (type: string): type is AttachmentMediaType =>
  (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(type);

/** The media type each file of a version is stored and served as. */
export const VERSION_FILE_MEDIA_TYPES: Record<ModelFormat | "b123d" | "png", string> = {
  step: "model/step",
  stl: "model/stl",
  "3mf": "model/3mf",
  glb: "model/gltf-binary",
  svg: "image/svg+xml",
  dxf: "image/vnd.dxf",
  b123d: "text/x-python",
  png: "image/png",
};

/** How a format is named to people (buttons, share dialogs, lists). */
export const FORMAT_LABELS: Record<ModelFormat, string> = {
  step: "STEP",
  stl: "STL",
  "3mf": "3MF",
  glb: "GLB",
  svg: "SVG",
  dxf: "DXF",
};

/** The formats a result of each kind is exported in, in the order they are offered. */
export const FORMATS_BY_KIND: Record<"solid" | "2d", ModelFormat[]> = {
  solid: ["step", "stl", "3mf", "glb"],
  "2d": ["svg", "dxf"],
};

export const VIEW_LABELS: Record<PreviewView, string> = {
  iso: "Isometric",
  front: "Front",
  top: "Top",
  right: "Right",
};
