import { CrosshairIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import type { useFacePick } from "../hooks/use-face-pick";
import type { useMeasure } from "../hooks/use-measure";
import { mm } from "../utils/face-label";

/** What the stage's corner tells: the model's size, the grid step, and the last measurement's parts. */
export function StageReadouts({
  size,
  grid,
  measure,
}: {
  size: readonly number[];
  grid: number | null;
  measure: ReturnType<typeof useMeasure>;
}) {
  return (
    <div className="pointer-events-none absolute top-2 left-2 flex max-w-[70%] flex-col items-start gap-1 text-xs">
      <span className="rounded bg-background/85 px-1.5 py-0.5 font-medium tabular-nums shadow-xs">
        {size.map((v) => mm(v)).join(" × ")} mm
      </span>
      {grid !== null && (
        <span data-slot="grid-legend" className="rounded bg-background/85 px-1.5 py-0.5 tabular-nums shadow-xs">
          Grid {mm(grid)} mm
        </span>
      )}
      {(measure.delta || measure.radius !== null) && (
        <span className="rounded bg-background/85 px-1.5 py-0.5 tabular-nums shadow-xs">
          {measure.delta && (
            <span className="text-muted-foreground">
              ΔX {measure.delta.x.toFixed(2)} · ΔY {measure.delta.y.toFixed(2)} · ΔZ {measure.delta.z.toFixed(2)}
            </span>
          )}
          {measure.radius !== null && (
            <span className="block">
              <CrosshairIcon aria-hidden="true" className="mr-1 inline size-3" />
              Circle R {measure.radius.toFixed(2)} mm · Ø {(measure.radius * 2).toFixed(2)} mm
            </span>
          )}
        </span>
      )}
    </div>
  );
}

/** The picked faces as chips, each removable, and a way to clear them all. */
export function FaceChips({ pick }: { pick: ReturnType<typeof useFacePick> }) {
  if (pick.references.length === 0) return null;
  return (
    <div className="flex items-start gap-1.5 border-t px-2 py-1.5">
      <div role="list" aria-label="Picked faces" className="flex min-w-0 flex-1 flex-wrap gap-1.5">
        {pick.references.map((face) => (
          <Chip
            key={face.index}
            data-slot="face-chip"
            removeLabel={`Unpick face ${face.index}`}
            onRemove={() => pick.unpick(face.index)}
          >
            <span className="text-muted-foreground">#{face.index}</span> {face.label}
          </Chip>
        ))}
      </div>
      <Button size="sm" variant="ghost" className="h-6 px-2 text-xs" onClick={pick.clear}>
        Clear
      </Button>
    </div>
  );
}
