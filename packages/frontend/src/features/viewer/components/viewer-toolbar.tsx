import {
  CameraIcon,
  ChevronDownIcon,
  EllipsisIcon,
  MaximizeIcon,
  MinimizeIcon,
  MousePointerClickIcon,
  RulerIcon,
  ScanIcon,
  ScissorsLineDashedIcon,
} from "lucide-react";
import { useEffect, useState } from "react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import type { ViewerMode, ViewerSettings, ViewName } from "./viewer-types";

const VIEWS: { name: ViewName; label: string; short: string }[] = [
  { name: "front", label: "Front view", short: "Front" },
  { name: "top", label: "Top view", short: "Top" },
  { name: "right", label: "Right view", short: "Right" },
  { name: "iso", label: "Isometric view", short: "Iso" },
];

type Toggle = "edges" | "wireframe" | "dimensions" | "grid";
const DISPLAY: { key: Toggle; label: string }[] = [
  { key: "edges", label: "Edges" },
  { key: "wireframe", label: "Wireframe (B-rep edges)" },
  { key: "dimensions", label: "Bounding box dimensions" },
  { key: "grid", label: "Millimetre grid" },
];

// The container widths (@md, @xl) below which the buttons hide: the menu, portalled outside, offers them then.
const MD = 28 * 16;
const XL = 36 * 16;

/** An element's width, followed as it changes. */
function useWidth(element: HTMLElement | null) {
  const [width, setWidth] = useState(Infinity);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.borderBoxSize[0]?.inlineSize ?? Infinity));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

export type ViewerToolbarProps = {
  ready: boolean;
  canPick: boolean;
  settings: ViewerSettings;
  mode: ViewerMode;
  fullscreen: boolean;
  /** The fullscreen element: menus open inside it, or they would not show there. */
  container: HTMLElement | null;
  onFit: () => void;
  onView: (view: ViewName) => void;
  onToggle: (key: Toggle) => void;
  onSection: () => void;
  onMode: (mode: ViewerMode) => void;
  onScreenshot: () => void;
  onFullscreen: () => void;
};

function Tool({ pressed, className, children, ...props }: React.ComponentProps<typeof Button> & { pressed?: boolean }) {
  return (
    <Button
      size="sm"
      variant={pressed ? "secondary" : "ghost"}
      aria-pressed={pressed}
      className={cn("h-8 gap-1 px-1.5 text-xs", pressed && "ring-1 ring-primary/40", className)}
      {...props}
    >
      {children}
    </Button>
  );
}

/**
 * The viewer's tools, labelled and on one row at any width: the views as buttons where there is room (a menu
 * where not), the frequent tools as buttons, the display switches and the rest in a labelled "More" menu.
 */
export function ViewerToolbar(props: ViewerToolbarProps) {
  const { ready, canPick, settings, mode, fullscreen, container } = props;
  const toggleMode = (next: ViewerMode) => props.onMode(mode === next ? "none" : next);
  const [bar, setBar] = useState<HTMLDivElement | null>(null);
  const width = useWidth(bar);
  return (
    <div
      ref={setBar}
      role="toolbar"
      aria-label="Viewer"
      className="flex flex-nowrap items-center gap-0.5 overflow-hidden border-b px-1.5 py-1"
    >
      <Tool onClick={props.onFit} disabled={!ready} aria-label="Fit to view" className="hidden @xl/viewer:inline-flex">
        <ScanIcon aria-hidden="true" /> Fit
      </Tool>
      <div role="group" aria-label="Standard views" className="hidden @2xl/viewer:flex">
        {VIEWS.map((view) => (
          <Tool key={view.name} disabled={!ready} aria-label={view.label} onClick={() => props.onView(view.name)}>
            {view.short}
          </Tool>
        ))}
      </div>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Tool disabled={!ready} className="@2xl/viewer:hidden">
            View <ChevronDownIcon aria-hidden="true" />
          </Tool>
        </DropdownMenuTrigger>
        <DropdownMenuContent container={container} align="start">
          {VIEWS.map((view) => (
            <DropdownMenuItem key={view.name} onSelect={() => props.onView(view.name)}>
              {view.label}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <span aria-hidden="true" className="mx-0.5 h-5 w-px shrink-0 bg-border" />
      <Tool pressed={Boolean(settings.section.axis)} onClick={props.onSection} disabled={!ready}>
        <ScissorsLineDashedIcon aria-hidden="true" /> Section
      </Tool>
      <Tool pressed={mode === "measure"} onClick={() => toggleMode("measure")} disabled={!ready}>
        <RulerIcon aria-hidden="true" /> Measure
      </Tool>
      <Tool
        pressed={mode === "select"}
        disabled={!canPick}
        onClick={() => toggleMode("select")}
        className="hidden @md/viewer:inline-flex"
      >
        <MousePointerClickIcon aria-hidden="true" /> Pick faces
      </Tool>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Tool className="ml-auto">
            <EllipsisIcon aria-hidden="true" /> More
          </Tool>
        </DropdownMenuTrigger>
        <DropdownMenuContent container={container} align="end" className="min-w-56">
          {width < XL && (
            <DropdownMenuItem disabled={!ready} onSelect={props.onFit}>
              <ScanIcon aria-hidden="true" /> Fit to view
            </DropdownMenuItem>
          )}
          {width < MD && (
            <DropdownMenuCheckboxItem
              checked={mode === "select"}
              disabled={!canPick}
              onCheckedChange={() => toggleMode("select")}
            >
              Pick faces
            </DropdownMenuCheckboxItem>
          )}
          {width < XL && <DropdownMenuSeparator />}
          <DropdownMenuLabel>Show</DropdownMenuLabel>
          {DISPLAY.map(({ key, label }) => (
            <DropdownMenuCheckboxItem key={key} checked={settings[key]} onCheckedChange={() => props.onToggle(key)}>
              {label}
            </DropdownMenuCheckboxItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem disabled={!ready} onSelect={props.onScreenshot}>
            <CameraIcon aria-hidden="true" /> Save a screenshot (PNG)
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={props.onFullscreen}>
            {fullscreen ? <MinimizeIcon aria-hidden="true" /> : <MaximizeIcon aria-hidden="true" />}
            {fullscreen ? "Leave fullscreen" : "Fullscreen"}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
