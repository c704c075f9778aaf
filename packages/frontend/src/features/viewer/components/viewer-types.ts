import type { ModelMetrics, VersionFile } from "@chat3d/shared";

export type ViewName = "front" | "top" | "right" | "iso";
export type SectionAxis = "x" | "y" | "z";

export type ViewerSettings = {
  edges: boolean;
  wireframe: boolean;
  dimensions: boolean;
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
};

/** What the viewer needs of a version: its files and metrics (a shared link's version has no id). */
export type ViewerVersion = {
  id?: string;
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
  /** Frames rendered so far, and when the first was (performance.now()). */
  frames(): number;
  firstFrameAt(): number | null;
  triangles: number;
};
