import { FORMAT_LABELS, type ModelFormat, type SharedVersion } from "@chat3d/shared";
import { DownloadIcon, EyeIcon, Link2OffIcon, SparklesIcon } from "lucide-react";
import { useState } from "react";
import type * as React from "react";
import { PageMessage } from "@/components/layouts/page-message";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LoadingRegion } from "@/components/ui/loading-region";
import { PendingButton } from "@/components/ui/pending-button";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiClientError } from "@/lib/api-client";
import { formatBytes, formatNumber } from "@/lib/format-number";
import { formatDate, formatDateTime } from "@/lib/format-time";
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
  const size = formatBytes(file.bytes);
  return (
    <PendingButton
      variant="outline"
      size="sm"
      // The labels fill the button, so each file's size lines up at its right edge.
      className="[&>[data-slot=pending-button-labels]]:w-full"
      pending={pending}
      pendingLabel="Downloading…"
      icon={<DownloadIcon aria-hidden="true" />}
      aria-label={`Download ${FORMAT_LABELS[format]} (${size})`}
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
      <span className="ml-auto text-xs font-normal text-muted-foreground tabular-nums">{size}</span>
    </PendingButton>
  );
}

function Measurements({ metrics }: { metrics: SharedVersion["metrics"] }) {
  const rows: [string, string][] = [
    ["Size", `${metrics.bounding_box.size.map(formatNumber).join(" × ")} mm`],
    ...(metrics.volume != null ? [["Volume", `${formatNumber(metrics.volume)} mm³`] as [string, string]] : []),
    ...(metrics.surface_area != null
      ? [["Surface", `${formatNumber(metrics.surface_area)} mm²`] as [string, string]]
      : []),
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="text-right tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Byline({ shared }: { shared: SharedVersion }) {
  return (
    <p className="text-sm text-muted-foreground">
      Version {shared.number} · shared {shared.owner_display_name && <>by {shared.owner_display_name} </>}on{" "}
      <time dateTime={shared.shared_at}>{formatDate(shared.shared_at)}</time>
      {shared.expires_at && <> · this link works until {formatDateTime(shared.expires_at)}</>}
    </p>
  );
}

/**
 * The public page of a share link: the model (whole, above the fold), the chosen downloads with their sizes,
 * who shared it and when, the code if shared, and a way to make one's own. No account needed.
 */
function SharedVersionPage({
  token,
  Viewer,
  callToAction,
}: {
  token: string | null;
  Viewer: React.ComponentType<SharedViewerProps>;
  /** How a visitor starts making their own (the route knows this server's sign-up policy). */
  callToAction: React.ReactNode;
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
    <main className="mx-auto grid w-full max-w-6xl gap-4 px-4 py-5 sm:px-6">
      {meta}
      {!shared ? (
        <LoadingRegion label="Loading the shared model…" className="grid gap-4">
          <title>Shared model · Chat3D</title>
          <Skeleton className="h-14 w-64" />
          <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_18rem]">
            <Skeleton className="aspect-[4/3] w-full max-w-[calc((100dvh-15rem)*4/3)] rounded-lg" />
            <Skeleton className="h-64 w-full rounded-lg" />
          </div>
        </LoadingRegion>
      ) : (
        <>
          <title>{`${shared.name} · version ${shared.number} · Chat3D`}</title>
          <header className="space-y-1">
            <Badge variant="secondary" className="gap-1">
              <EyeIcon aria-hidden="true" /> Shared, read-only
            </Badge>
            <h1 className="text-2xl font-semibold tracking-tight text-balance">{shared.name}</h1>
            <Byline shared={shared} />
          </header>
          <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_18rem]">
            {/* Never taller than the window: the whole part shows without scrolling. */}
            <div className="mx-auto w-full max-w-[calc((100dvh-15rem)*4/3)] lg:mx-0">
              <Viewer version={shared} loadFile={load} />
            </div>
            <aside className="grid gap-4" aria-label="About this model">
              {shared.downloads.length > 0 && (
                <Card className="gap-3 px-4 py-4">
                  <h2 className="text-sm font-medium">Downloads</h2>
                  <div role="group" aria-label="Downloads" className="grid gap-2">
                    {shared.downloads.map((format) => (
                      <DownloadButton key={format} shared={shared} format={format} load={load} />
                    ))}
                  </div>
                </Card>
              )}
              <Card className="gap-3 px-4 py-4">
                <h2 className="text-sm font-medium">Measurements</h2>
                <Measurements metrics={shared.metrics} />
              </Card>
              <Card className="gap-3 px-4 py-4">
                <h2 className="flex items-center gap-2 text-sm font-medium">
                  <SparklesIcon aria-hidden="true" className="size-4 text-primary" /> Make your own
                </h2>
                <p className="text-sm text-pretty text-muted-foreground">
                  Describe a part in plain words: Chat3D writes the CAD code, renders it and hands you files like these.
                </p>
                {callToAction}
              </Card>
            </aside>
          </div>
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
