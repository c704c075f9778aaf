import type { ModelMetrics, VersionFile } from "@chat3d/shared";

export type ViewName = "front" | "top" | "right" | "iso";
export type SectionAxis = "x" | "y" | "z";
/** What a click on the model does: nothing (turn the camera only), pick a face, or measure. */
export type ViewerMode = "none" | "select" | "measure";

export type ViewerSettings = {
  edges: boolean;
  wireframe: boolean;
  dimensions: boolean;
  /** The millimetre grid under the model. */
  grid: boolean;
  /** A cut along one axis at `offset` mm; `flip` keeps the other side. */
  section: { axis: SectionAxis | null; offset: number; flip: boolean };
};

export type ViewerColors = {
  model: string;
  edges: string;
  cap: string;
  hover: string;
  selection: string;
  ghost: string;
  measure: string;
  grid: string;
  /** Edges of a wireframe, seen against the stage rather than against the model. */
  wire: string;
};

/** What the viewer needs of a version: its files and metrics (a shared link's version has no id). */
export type ViewerVersion = {
  id?: string;
  /** The chat it belongs to: versions of one chat share a camera, so a change of size shows. */
  chat_context_id?: string;
  number: number;
  files: VersionFile[];
  metrics: ModelMetrics;
};

/** How the toolbar, tests and the bench drive a viewer (also on its root element as `chat3dViewer`). */
export type ViewerApi = {
  fit(): void;
  view(name: ViewName): void;
  /** A PNG data URL of what the canvas shows. */
  screenshot(): string;
  /** A model point (mm) in client pixels; null when it is behind the camera. */
  project(point: [number, number, number]): { x: number; y: number } | null;
  /** Turns the camera around the target about the up axis. */
  orbit(radians: number): void;
  /** Where the camera is and looks at (mm), and the grid step (mm). */
  camera(): { position: [number, number, number]; target: [number, number, number]; grid: number };
  /** Frames rendered so far, and when the first was (performance.now()). */
  frames(): number;
  firstFrameAt(): number | null;
  triangles: number;
};
