import type { FaceReference } from "@chat3d/shared";
import { Canvas } from "@react-three/fiber";
import { useCallback, useEffect, useRef, useState } from "react";
import type * as React from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { useTheme } from "@/lib/theme";
import { cn } from "@/lib/utils";
import { modelFileOf, useFileLoader, useModelMesh, type LoadFile } from "../api/get-model";
import { useCompare } from "../hooks/use-compare";
import { useFacePick } from "../hooks/use-face-pick";
import { useMeasure } from "../hooks/use-measure";
import { useSection } from "../hooks/use-section";
import { describeFace } from "../utils/face-label";
import { ModelScene } from "./model-scene";
import { PreviewFallback } from "./preview-fallback";
import { SectionControls } from "./section-controls";
import type { ViewerApi, ViewerColors, ViewerMode, ViewerSettings, ViewerVersion } from "./viewer-types";
import { FaceChips, StageReadouts } from "./viewer-readouts";
import { ViewerToolbar } from "./viewer-toolbar";

export type ModelViewerProps = {
  version: ViewerVersion;
  /** How to fetch a file instead of the API client (a shared link sends its secret in a header). */
  loadFile?: LoadFile;
  /** Another version drawn as a translucent ghost over this one; the camera frames both. */
  ghost?: ViewerVersion | null;
  /** The version shown beside this one: the camera frames both, and moves with the partner's (same key). */
  partner?: ViewerVersion | null;
  /** Viewers with one key share one camera; by default a chat's versions do. */
  cameraKey?: string;
  /** The faces picked (click, Shift+click for several), for the next message; given, the pick is controlled. */
  faces?: FaceReference[];
  /** Someone listens to picks: picking is on from the start (off where nothing is sent, as a shared page). */
  onFacesChange?: (faces: FaceReference[]) => void;
  className?: string;
};

const COLORS: Record<"light" | "dark", ViewerColors> = {
  light: {
    model: "#c9ced6",
    edges: "#1f2937",
    cap: "#e8a23a",
    hover: "#3b82f6",
    selection: "#2563eb",
    ghost: "#8b5cf6",
    measure: "#dc2626",
    grid: "#64748b",
    wire: "#1f2937",
  },
  dark: {
    model: "#aab2bd",
    edges: "#0b0f14",
    cap: "#f0b04e",
    hover: "#60a5fa",
    selection: "#3b82f6",
    ghost: "#a78bfa",
    measure: "#f87171",
    grid: "#94a3b8",
    wire: "#e2e8f0",
  },
};

/** Fullscreen of one element, followed through the document's own events. */
function useFullscreen(root: React.RefObject<HTMLElement | null>) {
  // The element itself while it is fullscreen: menus open inside it.
  const [element, setElement] = useState<HTMLElement | null>(null);
  const on = element !== null;
  useEffect(() => {
    const onChange = () =>
      setElement(root.current && document.fullscreenElement === root.current ? root.current : null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, [root]);
  const toggle = () =>
    void (on ? document.exitFullscreen() : root.current?.requestFullscreen())?.catch(() => undefined);
  return { on, element, toggle };
}

/**
 * The 3D viewer: orbit, standard views, B-rep edges or wireframe, a capped section, a millimetre grid,
 * bounding-box dimensions, snapped measuring, faces to point at, a ghost or partner to compare with,
 * screenshot and fullscreen.
 */
function ModelViewer({
  version,
  loadFile,
  ghost = null,
  partner = null,
  faces,
  onFacesChange,
  ...props
}: ModelViewerProps) {
  const load = useFileLoader(loadFile);
  const colors = COLORS[useTheme().resolvedTheme];
  const root = useRef<HTMLDivElement | null>(null);
  const api = useRef<ViewerApi | null>(null);
  const model = useModelMesh(version.files, load);
  const compare = useCompare(version, ghost, partner, load);
  const [settings, setSettings] = useState<ViewerSettings>({
    edges: true,
    wireframe: false,
    dimensions: false,
    grid: true,
    section: { axis: null, offset: 0, flip: false },
  });
  const [mode, setMode] = useState<ViewerMode>(onFacesChange ? "select" : "none");
  const [hovered, setHovered] = useState<number | null>(null);
  const [grid, setGrid] = useState<number | null>(null);
  const pick = useFacePick(version, faces, onFacesChange);
  const measure = useMeasure(version);
  const section = useSection(version.metrics, settings.section, (next) =>
    setSettings((s) => ({ ...s, section: next })),
  );
  const fullscreen = useFullscreen(root);
  const onGrid = useCallback((step: number) => setGrid(step), []);
  const cameraKey = props.cameraKey ?? (version.chat_context_id ? `chat:${version.chat_context_id}` : null);

  // The bench and browser tests drive the viewer through its root element.
  useEffect(() => {
    const element = root.current as (HTMLDivElement & { chat3dViewer?: () => ViewerApi | null }) | null;
    if (element) element.chat3dViewer = () => api.current;
  }, []);

  const screenshot = () => {
    const url = api.current?.screenshot();
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `version-${version.number}.png`;
    a.click();
  };

  const box = version.metrics.bounding_box;
  const hoveredFace = hovered === null ? undefined : version.metrics.faces.find((f) => f.index === hovered);
  const status =
    mode === "measure"
      ? measure.status
      : hoveredFace
        ? `#${hoveredFace.index} ${describeFace(hoveredFace, version.metrics).label}`
        : "";
  const ready = Boolean(model.data);
  const file = modelFileOf(version.files);

  let stage: React.ReactNode;
  if (!file || model.error) {
    const message = file
      ? `Couldn't load the 3D model: ${model.error!.message}`
      : "This version has no 3D model to show.";
    stage = <PreviewFallback version={version} load={load} message={message} />;
  } else if (!model.data) {
    stage = (
      <div role="status" aria-label="Loading the 3D model…" className="size-full">
        <Skeleton className="size-full rounded-none" />
      </div>
    );
  } else {
    stage = (
      <Canvas
        frameloop="demand"
        flat
        dpr={[1, 2]}
        gl={{ stencil: true, antialias: true, alpha: true, preserveDrawingBuffer: false }}
        camera={{ fov: 35, up: [0, 0, 1], near: 0.1, far: 1e6 }}
        onCreated={({ gl }) => {
          gl.localClippingEnabled = true;
        }}
        aria-label={`3D view of version ${version.number}`}
        className="touch-none"
      >
        <ModelScene
          mesh={model.data}
          ghost={compare.ghost}
          metrics={version.metrics}
          frame={compare.frame}
          cameraKey={cameraKey}
          settings={settings}
          colors={colors}
          mode={mode}
          selected={pick.selected}
          measured={measure.points}
          onHoverFace={setHovered}
          onPickFace={pick.pick}
          onMeasure={measure.add}
          onGrid={onGrid}
          apiRef={api}
        />
      </Canvas>
    );
  }

  return (
    <div
      ref={root}
      role="region"
      aria-label={`Version ${version.number}, 3D view`}
      data-slot="model-viewer"
      data-ready={ready || undefined}
      className={cn(
        "@container/viewer flex flex-col overflow-hidden rounded-lg border bg-card",
        fullscreen.on && "h-dvh rounded-none border-none",
        props.className,
      )}
    >
      <ViewerToolbar
        ready={ready}
        canPick={Boolean(model.data?.faceStart)}
        settings={settings}
        mode={mode}
        fullscreen={fullscreen.on}
        container={fullscreen.element}
        onFit={() => api.current?.fit()}
        onView={(view) => api.current?.view(view)}
        onToggle={(key) => setSettings((s) => ({ ...s, [key]: !s[key] }))}
        onSection={section.toggle}
        onMode={(next) => {
          setMode(next);
          measure.reset();
        }}
        onScreenshot={screenshot}
        onFullscreen={fullscreen.toggle}
      />
      {settings.section.axis && <SectionControls section={settings.section} controls={section} />}
      <div
        data-slot="viewer-stage"
        className={cn(
          "relative bg-[oklch(0.95_0.005_250)] dark:bg-[oklch(0.24_0.01_250)]",
          fullscreen.on ? "min-h-0 flex-1" : "aspect-[4/3]",
          mode === "measure" && "cursor-crosshair",
        )}
      >
        {/* Absolute, so the canvas never props the stage open: the stage's own box decides the size. */}
        <div className="absolute inset-0">{stage}</div>
        {ready && <StageReadouts size={box.size} grid={settings.grid ? grid : null} measure={measure} />}
        <p role="status" aria-live="polite" className="sr-only" data-slot="viewer-status">
          {status}
          {measure.radius !== null ? ` Radius ${measure.radius.toFixed(2)} mm.` : ""}
        </p>
        {ready && status && (
          <p
            aria-hidden="true"
            className="pointer-events-none absolute bottom-2 left-2 max-w-[70%] truncate rounded bg-background/85 px-1.5 py-0.5 text-xs shadow-xs"
          >
            {status}
          </p>
        )}
      </div>
      <FaceChips pick={pick} />
    </div>
  );
}

export { ModelViewer };
export default ModelViewer;
