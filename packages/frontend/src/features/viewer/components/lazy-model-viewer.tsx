import { lazy, Suspense } from "react";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import type { ModelViewerProps } from "./model-viewer";

// three.js and the viewer load with the first viewer shown, never with the page around it.
const ModelViewer = lazy(() => import("./model-viewer"));

function ViewerSkeleton() {
  return (
    <LoadingRegion label="Loading the 3D viewer…" className="grid gap-0 overflow-hidden rounded-lg border">
      <Skeleton className="h-10 w-full rounded-none" />
      <Skeleton className="aspect-[4/3] w-full rounded-none opacity-60" />
    </LoadingRegion>
  );
}

/** The 3D viewer, loaded on first use. */
function LazyModelViewer(props: ModelViewerProps) {
  return (
    <Suspense fallback={<ViewerSkeleton />}>
      <ModelViewer {...props} />
    </Suspense>
  );
}

export { LazyModelViewer };
export type { ModelViewerProps };
