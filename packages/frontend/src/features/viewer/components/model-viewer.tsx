import type { FaceReference } from "@chat3d/shared";
import { Canvas } from "@react-three/fiber";
import {
  BoxIcon,
  CameraIcon,
  CrosshairIcon,
  FlipHorizontal2Icon,
  Grid3x3Icon,
  ImageOffIcon,
  MaximizeIcon,
  MinimizeIcon,
  MousePointerClickIcon,
  RulerIcon,
  ScanIcon,
  ScissorsLineDashedIcon,
  SquareDashedIcon,
} from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import type * as React from "react";
import type { Vector3 } from "three";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { Skeleton } from "@/components/ui/skeleton";
import { useTheme } from "@/lib/theme";
import { cn } from "@/lib/utils";
import { modelFileOf, useModelMesh, type LoadFile } from "../api/get-model";
import { describeFace, mm } from "../utils/face-label";
import type { Snap } from "../utils/snap";
import { ModelScene } from "./model-scene";
import type { SectionAxis, ViewerApi, ViewerColors, ViewerSettings, ViewerVersion, ViewName } from "./viewer-types";

export type ModelViewerProps = {
  version: ViewerVersion;
  /** Where the browser fetches a file of the signed-in person. */
  fileUrl?: (fileId: string) => string;
  /** How to fetch a file instead (a shared link sends its secret in a header). */
  loadFile?: LoadFile;
  /** Another version drawn as a translucent ghost over this one. */
  ghost?: ViewerVersion | null;
  /** The faces picked (click, Shift+click for several), for the next message; given, the pick is controlled. */
  faces?: FaceReference[];
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
  },
  dark: {
    model: "#aab2bd",
    edges: "#0b0f14",
    cap: "#f0b04e",
    hover: "#60a5fa",
    selection: "#3b82f6",
    ghost: "#a78bfa",
    measure: "#f87171",
  },
};

const VIEW_LABELS: Record<ViewName, string> = { front: "Front", top: "Top", right: "Right", iso: "Isometric" };

function ToolButton({
  label,
  pressed,
  onClick,
  children,
  disabled,
}: {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  children: React.ReactNode;
  disabled?: boolean;
}) {
  return (
    <Button
      size="icon-sm"
      variant={pressed ? "secondary" : "ghost"}
      aria-label={label}
      aria-pressed={pressed}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={cn(pressed && "ring-1 ring-primary/40")}
    >
      {children}
    </Button>
  );
}

const defaultLoad =
  (fileUrl: ((id: string) => string) | undefined): LoadFile =>
  async (fileId) => {
    if (!fileUrl) throw new Error("No way to fetch this file.");
    const res = await fetch(fileUrl(fileId), { credentials: "include" });
    if (!res.ok) throw new Error(`The model file answered ${res.status}.`);
    return res.arrayBuffer();
  };

/** A file as an object URL, for an <img> of a file that needs a header to be fetched. */
function useObjectUrl(fileId: string | undefined, load: LoadFile) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!fileId) return;
    let revoked = false;
    let made: string | null = null;
    void load(fileId).then(
      (data) => {
        if (revoked) return;
        made = URL.createObjectURL(new Blob([data]));
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [fileId, load]);
  return url;
}

function PreviewFallback({
  version,
  load,
  fileUrl,
  message,
}: {
  version: ViewerVersion;
  load: LoadFile;
  fileUrl?: (fileId: string) => string;
  message: string;
}) {
  const preview =
    version.files.find((f) => f.role === "model" && f.format === "svg") ??
    version.files.find((f) => f.role === "preview" && f.view === "iso");
  // A file of one's own has an address; a shared link's needs its header, so it comes as an object URL.
  const objectUrl = useObjectUrl(fileUrl ? undefined : preview?.file_id, load);
  const url = preview && fileUrl ? fileUrl(preview.file_id) : objectUrl;
  return (
    <div className="flex size-full flex-col items-center justify-center gap-2 p-4 text-center text-sm text-muted-foreground">
      {url ? (
        <img
          src={url}
          alt={`Version ${version.number}, isometric view`}
          className="max-h-[85%] max-w-full object-contain"
        />
      ) : (
        <ImageOffIcon aria-hidden="true" className="size-6" />
      )}
      <p>{message}</p>
    </div>
  );
}

function SectionControls({
  settings,
  onChange,
  range,
}: {
  settings: ViewerSettings;
  onChange: (section: ViewerSettings["section"]) => void;
  range: Record<SectionAxis, [number, number]>;
}) {
  const { section } = settings;
  const axis = section.axis ?? "x";
  const [low, high] = range[axis];
  return (
    <div className="flex flex-wrap items-center gap-2 border-t px-2 py-1.5 text-xs">
      <div role="radiogroup" aria-label="Section axis" className="flex gap-1">
        {(["x", "y", "z"] as const).map((a) => (
          <Button
            key={a}
            size="sm"
            role="radio"
            aria-checked={section.axis === a}
            variant={section.axis === a ? "secondary" : "ghost"}
            className="h-7 px-2 font-mono"
            onClick={() => onChange({ axis: a, offset: (range[a][0] + range[a][1]) / 2, flip: section.flip })}
          >
            {a.toUpperCase()}
          </Button>
        ))}
      </div>
      <label className="flex min-w-40 flex-1 items-center gap-2">
        <span className="text-muted-foreground">Offset</span>
        <input
          type="range"
          aria-label="Section offset (mm)"
          min={low}
          max={high}
          step={(high - low) / 200 || 0.01}
          value={section.offset}
          onChange={(event) => onChange({ ...section, axis, offset: Number(event.target.value) })}
          className="min-w-0 flex-1 accent-primary"
        />
        <span className="w-20 text-right tabular-nums">
          {axis.toUpperCase()} = {mm(section.offset)} mm
        </span>
      </label>
      <Button
        size="sm"
        variant="ghost"
        className="h-7 px-2"
        aria-pressed={section.flip}
        onClick={() => onChange({ ...section, axis, flip: !section.flip })}
      >
        <FlipHorizontal2Icon aria-hidden="true" /> Flip
      </Button>
    </div>
  );
}

/**
 * The 3D viewer: orbit, standard views, edges, a capped section, bounding-box dimensions, point-to-point and
 * radius measurement, faces to point at, a ghost of another version, screenshot and fullscreen.
 */
function ModelViewer({
  version,
  fileUrl,
  loadFile,
  ghost = null,
  faces: picked,
  onFacesChange,
  className,
}: ModelViewerProps) {
  const load = useMemo(() => loadFile ?? defaultLoad(fileUrl), [loadFile, fileUrl]);
  const { resolvedTheme } = useTheme();
  const colors = COLORS[resolvedTheme];
  const root = useRef<HTMLDivElement | null>(null);
  const api = useRef<ViewerApi | null>(null);
  const model = useModelMesh(version.files, load);
  const ghostModel = useModelMesh(ghost?.files ?? [], load, Boolean(ghost));
  const box = version.metrics.bounding_box;
  const [settings, setSettings] = useState<ViewerSettings>({
    edges: true,
    wireframe: false,
    dimensions: false,
    section: { axis: null, offset: 0, flip: false },
  });
  const [mode, setMode] = useState<"select" | "measure">("select");
  const [hovered, setHovered] = useState<number | null>(null);
  const [own, setOwn] = useState<number[]>([]);
  const [measured, setMeasured] = useState<Vector3[]>([]);
  const [circle, setCircle] = useState<Snap | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [shown, setShown] = useState(version);
  if (shown !== version) {
    setShown(version);
    setOwn([]);
    setMeasured([]);
    setCircle(null);
  }

  const faces = version.metrics.faces;
  const selected = picked ? picked.filter((f) => f.version_id === version.id).map((f) => f.index) : own;
  const referencesOf = (indices: number[]) =>
    indices.flatMap((index) => {
      const face = faces.find((f) => f.index === index);
      return face && version.id ? [{ ...describeFace(face, version.metrics), version_id: version.id }] : [];
    });
  const references = referencesOf(selected);
  const setSelected = (update: (current: number[]) => number[]) => {
    const next = update(selected);
    if (!picked) setOwn(next);
    onFacesChange?.(referencesOf(next));
  };

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === root.current);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  // The bench and browser tests drive the viewer through its root element.
  useEffect(() => {
    const element = root.current as (HTMLDivElement & { chat3dViewer?: () => ViewerApi | null }) | null;
    if (element) element.chat3dViewer = () => api.current;
  }, []);

  const range = {
    x: [box.min[0] ?? 0, box.max[0] ?? 0],
    y: [box.min[1] ?? 0, box.max[1] ?? 0],
    z: [box.min[2] ?? 0, box.max[2] ?? 0],
  } as Record<SectionAxis, [number, number]>;

  const toggleSection = () =>
    setSettings((s) => ({
      ...s,
      section: s.section.axis
        ? { ...s.section, axis: null }
        : { axis: "z", offset: (range.z[0] + range.z[1]) / 2, flip: false },
    }));

  const onMeasure = (snap: Snap) => {
    if (snap.kind === "edge" && snap.circle) setCircle(snap);
    else setCircle(null);
    setMeasured((points) => (points.length >= 2 ? [snap.point] : [...points, snap.point]));
  };

  const screenshot = () => {
    const url = api.current?.screenshot();
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `version-${version.number}.png`;
    a.click();
  };

  const hoveredFace = hovered === null ? undefined : faces.find((f) => f.index === hovered);
  const distance = measured.length === 2 ? measured[0]!.distanceTo(measured[1]!) : null;
  const delta = measured.length === 2 ? measured[1]!.clone().sub(measured[0]!) : null;
  const status =
    mode === "measure"
      ? distance !== null
        ? `Distance ${distance.toFixed(2)} mm`
        : measured.length === 1
          ? "Pick a second point."
          : "Pick a point: corners and edges snap."
      : hoveredFace
        ? `#${hoveredFace.index} ${describeFace(hoveredFace, version.metrics).label}`
        : "";
  const radius = circle?.kind === "edge" && circle.circle?.radius ? circle.circle.radius : null;
  const canPick = Boolean(model.data?.faceStart);
  const file = modelFileOf(version.files);

  let stage: React.ReactNode;
  if (!file) {
    stage = (
      <PreviewFallback
        version={version}
        load={load}
        fileUrl={fileUrl}
        message="This version has no 3D model to show."
      />
    );
  } else if (model.error) {
    stage = (
      <PreviewFallback
        version={version}
        load={load}
        fileUrl={fileUrl}
        message={`Couldn't load the 3D model: ${model.error.message}`}
      />
    );
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
        gl={{ stencil: true, antialias: true, alpha: true }}
        camera={{ fov: 35, up: [0, 0, 1], near: 0.1, far: 1e6 }}
        onCreated={({ gl }) => {
          gl.localClippingEnabled = true;
        }}
        aria-label={`3D view of version ${version.number}`}
        className="touch-none"
      >
        <ModelScene
          mesh={model.data}
          ghost={ghost ? (ghostModel.data ?? null) : null}
          metrics={version.metrics}
          settings={settings}
          colors={colors}
          mode={mode}
          selected={selected}
          measured={measured}
          onHoverFace={setHovered}
          onPickFace={(face, additive) =>
            setSelected((current) =>
              additive
                ? current.includes(face)
                  ? current.filter((f) => f !== face)
                  : [...current, face]
                : current.length === 1 && current[0] === face
                  ? []
                  : [face],
            )
          }
          onMeasure={onMeasure}
          apiRef={api}
        />
      </Canvas>
    );
  }

  const ready = Boolean(model.data);
  return (
    <div
      ref={root}
      role="region"
      aria-label={`Version ${version.number}, 3D view`}
      data-slot="model-viewer"
      data-ready={ready || undefined}
      className={cn(
        "flex flex-col overflow-hidden rounded-lg border bg-card",
        fullscreen && "h-dvh rounded-none border-none",
        className,
      )}
    >
      <div role="toolbar" aria-label="Viewer" className="flex flex-wrap items-center gap-0.5 border-b px-1.5 py-1">
        <ToolButton label="Fit to view" onClick={() => api.current?.fit()} disabled={!ready}>
          <ScanIcon aria-hidden="true" />
        </ToolButton>
        <div role="group" aria-label="Standard views" className="flex">
          {(["front", "top", "right", "iso"] as const).map((view) => (
            <Button
              key={view}
              size="sm"
              variant="ghost"
              disabled={!ready}
              className="h-8 px-2 text-xs"
              aria-label={`${VIEW_LABELS[view]} view`}
              onClick={() => api.current?.view(view)}
            >
              {view === "iso" ? "Iso" : VIEW_LABELS[view]}
            </Button>
          ))}
        </div>
        <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-border" />
        <ToolButton
          label="Edges"
          pressed={settings.edges}
          onClick={() => setSettings((s) => ({ ...s, edges: !s.edges }))}
        >
          <BoxIcon aria-hidden="true" />
        </ToolButton>
        <ToolButton
          label="Wireframe"
          pressed={settings.wireframe}
          onClick={() => setSettings((s) => ({ ...s, wireframe: !s.wireframe }))}
        >
          <Grid3x3Icon aria-hidden="true" />
        </ToolButton>
        <ToolButton label="Section plane" pressed={Boolean(settings.section.axis)} onClick={toggleSection}>
          <ScissorsLineDashedIcon aria-hidden="true" />
        </ToolButton>
        <ToolButton
          label="Bounding box dimensions"
          pressed={settings.dimensions}
          onClick={() => setSettings((s) => ({ ...s, dimensions: !s.dimensions }))}
        >
          <SquareDashedIcon aria-hidden="true" />
        </ToolButton>
        <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-border" />
        <ToolButton
          label="Pick faces"
          pressed={mode === "select"}
          disabled={!canPick}
          onClick={() => {
            setMode("select");
            setMeasured([]);
            setCircle(null);
          }}
        >
          <MousePointerClickIcon aria-hidden="true" />
        </ToolButton>
        <ToolButton
          label="Measure"
          pressed={mode === "measure"}
          onClick={() => {
            setMode((m) => (m === "measure" ? "select" : "measure"));
            setMeasured([]);
            setCircle(null);
          }}
        >
          <RulerIcon aria-hidden="true" />
        </ToolButton>
        <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-border" />
        <ToolButton label="Save a screenshot (PNG)" onClick={screenshot} disabled={!ready}>
          <CameraIcon aria-hidden="true" />
        </ToolButton>
        <ToolButton
          label={fullscreen ? "Leave fullscreen" : "Fullscreen"}
          pressed={fullscreen}
          onClick={() =>
            void (fullscreen ? document.exitFullscreen() : root.current?.requestFullscreen())?.catch(() => undefined)
          }
        >
          {fullscreen ? <MinimizeIcon aria-hidden="true" /> : <MaximizeIcon aria-hidden="true" />}
        </ToolButton>
      </div>
      {settings.section.axis && (
        <SectionControls
          settings={settings}
          range={range}
          onChange={(section) => setSettings((s) => ({ ...s, section }))}
        />
      )}
      <div
        data-slot="viewer-stage"
        className={cn(
          "relative bg-[oklch(0.95_0.005_250)] dark:bg-[oklch(0.24_0.01_250)]",
          fullscreen ? "min-h-0 flex-1" : "aspect-[4/3]",
          mode === "measure" && "cursor-crosshair",
        )}
      >
        {/* Absolute, so the canvas never props the stage open: the stage's own box decides the size. */}
        <div className="absolute inset-0">{stage}</div>
        {ready && (
          <div className="pointer-events-none absolute top-2 left-2 flex max-w-[70%] flex-col items-start gap-1 text-xs">
            <span className="rounded bg-background/85 px-1.5 py-0.5 font-medium tabular-nums shadow-xs">
              {box.size.map((v) => mm(v)).join(" × ")} mm
            </span>
            {(distance !== null || radius !== null) && (
              <span className="rounded bg-background/85 px-1.5 py-0.5 tabular-nums shadow-xs">
                {distance !== null && delta && (
                  <>
                    <strong>{distance.toFixed(2)} mm</strong>{" "}
                    <span className="text-muted-foreground">
                      ΔX {delta.x.toFixed(2)} · ΔY {delta.y.toFixed(2)} · ΔZ {delta.z.toFixed(2)}
                    </span>
                  </>
                )}
                {radius !== null && (
                  <span className="block">
                    <CrosshairIcon aria-hidden="true" className="mr-1 inline size-3" />
                    Circle R {radius.toFixed(2)} mm · Ø {(radius * 2).toFixed(2)} mm
                  </span>
                )}
              </span>
            )}
          </div>
        )}
        <p role="status" aria-live="polite" className="sr-only" data-slot="viewer-status">
          {status}
          {radius !== null ? ` Radius ${radius.toFixed(2)} mm.` : ""}
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
      {references.length > 0 && (
        <div className="flex items-start gap-1.5 border-t px-2 py-1.5">
          <div role="list" aria-label="Picked faces" className="flex min-w-0 flex-1 flex-wrap gap-1.5">
            {references.map((face) => (
              <Chip
                key={face.index}
                data-slot="face-chip"
                removeLabel={`Unpick face ${face.index}`}
                onRemove={() => setSelected((s) => s.filter((f) => f !== face.index))}
              >
                <span className="text-muted-foreground">#{face.index}</span> {face.label}
              </Chip>
            ))}
          </div>
          <Button size="sm" variant="ghost" className="h-6 px-2 text-xs" onClick={() => setSelected(() => [])}>
            Clear
          </Button>
        </div>
      )}
    </div>
  );
}

export { ModelViewer };
export default ModelViewer;
