import { FORMAT_LABELS, type ModelFormat, type SharedVersion } from "@chat3d/shared";
import { DownloadIcon, EyeIcon, Link2OffIcon } from "lucide-react";
import { useState } from "react";
import type * as React from "react";
import { PageMessage } from "@/components/layouts/page-message";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LoadingRegion } from "@/components/ui/loading-region";
import { PendingButton } from "@/components/ui/pending-button";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiClientError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format-time";
import { useShared, useSharedFileLoader } from "../api/get-shared";

/** What draws the shared model: the 3D viewer, handed in by the route (features do not import each other). */
export type SharedViewerProps = {
  version: Pick<SharedVersion, "number" | "files" | "metrics">;
  loadFile: (fileId: string) => Promise<ArrayBuffer>;
};

function LinkDead() {
  return (
    <PageMessage
      title="This link doesn't work"
      icon={<Link2OffIcon />}
      description="It may have been revoked or have expired, or the address was cut short. Ask whoever sent it for a new one."
    />
  );
}

function DownloadButton({
  shared,
  format,
  load,
}: {
  shared: SharedVersion;
  format: ModelFormat;
  load: (id: string) => Promise<ArrayBuffer>;
}) {
  const [pending, setPending] = useState(false);
  const file = shared.files.find((f) => f.role === "model" && f.format === format);
  if (!file || file.role !== "model") return null;
  return (
    <PendingButton
      variant="outline"
      size="sm"
      pending={pending}
      pendingLabel="Downloading…"
      icon={<DownloadIcon aria-hidden="true" />}
      onClick={() => {
        setPending(true);
        void load(file.file_id)
          .then((data) => {
            const url = URL.createObjectURL(new Blob([data]));
            const a = document.createElement("a");
            a.href = url;
            a.download = file.name;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          })
          .finally(() => setPending(false));
      }}
    >
      {FORMAT_LABELS[format]}
    </PendingButton>
  );
}

const mm = (v: number) => String(Number(v.toFixed(2)));

/** The public page of a share link: the model, the chosen downloads and, if shared, the code. No account. */
function SharedVersionPage({
  token,
  Viewer,
}: {
  token: string | null;
  Viewer: React.ComponentType<SharedViewerProps>;
}) {
  const query = useShared(token);
  const load = useSharedFileLoader(token ?? "");
  const meta = <meta name="robots" content="noindex, nofollow" />;
  if (!token || (query.error instanceof ApiClientError && query.error.status === 404)) {
    return (
      <>
        {meta}
        <LinkDead />
      </>
    );
  }
  const shared = query.data;
  return (
    <main className="mx-auto grid w-full max-w-5xl gap-5 px-4 py-6 sm:px-6">
      {meta}
      {!shared ? (
        <LoadingRegion label="Loading the shared model…" className="grid gap-4">
          <title>Shared model · Chat3D</title>
          <Skeleton className="h-8 w-64" />
          <Skeleton className="aspect-[4/3] w-full rounded-lg" />
        </LoadingRegion>
      ) : (
        <>
          <title>{`${shared.name} · version ${shared.number} · Chat3D`}</title>
          <header className="flex flex-wrap items-end justify-between gap-3">
            <div className="space-y-1">
              <Badge variant="secondary" className="gap-1">
                <EyeIcon aria-hidden="true" /> Shared, read-only
              </Badge>
              <h1 className="text-2xl font-semibold tracking-tight">{shared.name}</h1>
              <p className="text-sm text-muted-foreground">
                Version {shared.number}
                {shared.expires_at && <> · this link works until {formatDateTime(shared.expires_at)}</>}
              </p>
            </div>
            {shared.downloads.length > 0 && (
              <div role="group" aria-label="Downloads" className="flex flex-wrap gap-2">
                {shared.downloads.map((format) => (
                  <DownloadButton key={format} shared={shared} format={format} load={load} />
                ))}
              </div>
            )}
          </header>
          <Viewer version={shared} loadFile={load} />
          <Card className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-3">
            <p>
              <span className="text-muted-foreground">Size </span>
              <span className="tabular-nums">{shared.metrics.bounding_box.size.map(mm).join(" × ")} mm</span>
            </p>
            {shared.metrics.volume != null && (
              <p>
                <span className="text-muted-foreground">Volume </span>
                <span className="tabular-nums">{mm(shared.metrics.volume)} mm³</span>
              </p>
            )}
            {shared.metrics.surface_area != null && (
              <p>
                <span className="text-muted-foreground">Surface </span>
                <span className="tabular-nums">{mm(shared.metrics.surface_area)} mm²</span>
              </p>
            )}
          </Card>
          {shared.code !== null && (
            <section aria-labelledby="shared-code" className="grid gap-2">
              <h2 id="shared-code" className="text-lg font-semibold">
                build123d code
              </h2>
              <pre className="overflow-x-auto rounded-lg border bg-card p-4 font-mono text-[13px] leading-relaxed">
                {shared.code}
              </pre>
            </section>
          )}
        </>
      )}
    </main>
  );
}

export { SharedVersionPage };
