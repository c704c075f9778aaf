import { VIEW_LABELS, type FaceReference, type PreviewView, type Version } from "@chat3d/shared";
import { ImageOffIcon } from "lucide-react";
import { useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

/**
 * What the model pane shows a version with. The 3D viewer implements the same props, so it replaces the
 * previews without the pane changing.
 */
export type ModelViewerProps = {
  version: Version;
  fileUrl: (fileId: string) => string;
  /** The faces the person picked (the 3D viewer only), for their next message. */
  faces?: FaceReference[];
  onFacesChange?: (faces: FaceReference[]) => void;
  /** Another version drawn as a translucent ghost over this one (the 3D viewer only). */
  ghost?: Version | null;
};

// The render service draws its previews on this grey: the stage around an image matches it, so no edge shows.
const STAGE = "bg-[rgb(237_240_242)]";

const VIEW_ORDER: PreviewView[] = ["iso", "front", "top", "right"];

function PreviewImage({ src, alt, className }: { src: string; alt: string; className?: string }) {
  const [state, setState] = useState<"loading" | "loaded" | "failed">("loading");
  const [shown, setShown] = useState(src);
  if (shown !== src) {
    setShown(src);
    setState("loading");
  }
  return (
    <div className={cn("relative", className)}>
      {state === "loading" && <Skeleton aria-hidden="true" className="absolute inset-0 rounded-none" />}
      {state === "failed" ? (
        <div className="flex size-full flex-col items-center justify-center gap-2 text-sm text-muted-foreground">
          <ImageOffIcon aria-hidden="true" className="size-6" />
          Couldn't load this preview.
        </div>
      ) : (
        <img
          src={src}
          alt={alt}
          onLoad={() => setState("loaded")}
          onError={() => setState("failed")}
          className={cn("size-full object-contain", state !== "loaded" && "opacity-0")}
        />
      )}
    </div>
  );
}

/** The service's PNG previews: one large view, and the four views to switch between. */
function ModelPreviews({ version, fileUrl }: ModelViewerProps) {
  const previews = VIEW_ORDER.flatMap((view) => {
    const file = version.files.find((f) => f.role === "preview" && f.view === view);
    return file ? [{ view, fileId: file.file_id }] : [];
  });
  const [selected, setSelected] = useState<PreviewView>("iso");
  const current = previews.find((p) => p.view === selected) ?? previews[0];

  if (!current) {
    return (
      <div className="flex aspect-[4/3] flex-col items-center justify-center gap-2 rounded-lg border border-dashed text-sm text-muted-foreground">
        <ImageOffIcon aria-hidden="true" className="size-6" />
        The render service sent no preview for this version.
      </div>
    );
  }

  return (
    <div data-slot="model-viewer" className="flex flex-col gap-2">
      <PreviewImage
        src={fileUrl(current.fileId)}
        alt={`Version ${version.number}, ${VIEW_LABELS[current.view].toLowerCase()} view`}
        className={cn("aspect-[4/3] overflow-hidden rounded-lg border", STAGE)}
      />
      {previews.length > 1 && (
        <div role="radiogroup" aria-label="View" className="grid grid-cols-4 gap-2">
          {previews.map((preview) => {
            const active = preview.view === current.view;
            return (
              <button
                key={preview.view}
                type="button"
                role="radio"
                aria-checked={active}
                onClick={() => setSelected(preview.view)}
                className={cn(
                  "group flex flex-col items-center gap-1 rounded-md border bg-card p-1 text-xs text-muted-foreground transition-colors outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  active && "border-primary text-foreground ring-1 ring-primary/30",
                )}
              >
                <img
                  src={fileUrl(preview.fileId)}
                  alt=""
                  className={cn("aspect-square w-full rounded-sm object-contain", STAGE)}
                />
                {VIEW_LABELS[preview.view]}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}

export { ModelPreviews };
