import type { Version } from "@chat3d/shared";
import { TriangleAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatMetric, metricRows } from "../utils/format";

/** What the render service measured on the exact shape, what it warned about, and its log. */
function VersionDetails({ version }: { version: Version }) {
  const rows = metricRows(version.metrics).filter((row) => row.value !== null);
  const total = version.timings.total_ms ?? Object.values(version.timings).reduce((sum, ms) => sum + ms, 0);
  return (
    <div className="grid gap-3">
      {version.warnings.length > 0 && (
        <Alert variant="warning">
          <TriangleAlertIcon aria-hidden="true" />
          <AlertTitle>
            {version.warnings.length === 1 ? "1 warning" : `${version.warnings.length} warnings`} from the render
            service
          </AlertTitle>
          <AlertDescription>
            <ul className="ml-4 list-disc">
              {version.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      )}
      <section aria-labelledby="measurements-heading" className="rounded-lg border bg-card p-4">
        <h3 id="measurements-heading" className="mb-3 text-sm font-semibold">
          Measurements
        </h3>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          {rows.map((row) => (
            <div
              key={row.key}
              className="flex min-w-0 items-baseline justify-between gap-2 border-b border-dashed pb-1"
            >
              <dt className="truncate text-muted-foreground">{row.label}</dt>
              <dd className="font-medium whitespace-nowrap tabular-nums">{formatMetric(row)}</dd>
            </div>
          ))}
        </dl>
        {total > 0 && (
          <p className="mt-3 text-xs text-muted-foreground">
            Rendered in {Math.round(total)} ms ({version.quality} quality)
          </p>
        )}
        {version.log.trim() && (
          <details className="mt-3 text-xs">
            <summary className="cursor-pointer text-muted-foreground">Script output</summary>
            <pre className="mt-1 max-h-40 overflow-auto rounded bg-muted p-2 font-mono whitespace-pre-wrap">
              {version.log}
            </pre>
          </details>
        )}
      </section>
    </div>
  );
}

export { VersionDetails };
