import { FlipHorizontal2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { useSection } from "../hooks/use-section";
import { mm } from "../utils/face-label";
import type { ViewerSettings } from "./viewer-types";

/** The section's axis, offset and side. */
export function SectionControls({
  section,
  controls,
}: {
  section: ViewerSettings["section"];
  controls: ReturnType<typeof useSection>;
}) {
  const axis = section.axis ?? "z";
  const [low, high] = controls.range[axis];
  return (
    <div className="flex flex-wrap items-center gap-2 border-b px-2 py-1.5 text-xs">
      <div role="radiogroup" aria-label="Section axis" className="flex gap-1">
        {(["x", "y", "z"] as const).map((a) => (
          <Button
            key={a}
            size="sm"
            role="radio"
            aria-checked={section.axis === a}
            variant={section.axis === a ? "secondary" : "ghost"}
            className="h-7 px-2 font-mono"
            onClick={() => controls.axis(a)}
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
          onChange={(event) => controls.offset(Number(event.target.value))}
          className="min-w-0 flex-1 accent-primary"
        />
        <span className="w-20 text-right tabular-nums">
          {axis.toUpperCase()} = {mm(section.offset)} mm
        </span>
      </label>
      <Button size="sm" variant="ghost" className="h-7 px-2" aria-pressed={section.flip} onClick={controls.flip}>
        <FlipHorizontal2Icon aria-hidden="true" /> Flip
      </Button>
    </div>
  );
}
