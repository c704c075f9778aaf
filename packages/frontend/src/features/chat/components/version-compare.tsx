import type { Version, VersionSummary } from "@chat3d/shared";
import { diffLines } from "diff";
import { ArrowLeftIcon, GitCompareIcon } from "lucide-react";
import { useMemo } from "react";
import type * as React from "react";
import { Link } from "react-router";
import { ListError } from "@/components/list/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LoadingRegion } from "@/components/ui/loading-region";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";
import { useFileUrl } from "../api/file-url";
import { useChat } from "../api/get-chat";
import { useVersion } from "../api/get-version";
import { useVersions } from "../api/get-versions";
import { formatMetric, formatNumber, metricRows, versionSourceLabel } from "../utils/format";
import { highlightPython } from "../utils/highlight";
import { ModelPreviews, type ModelViewerProps } from "./model-previews";

type Line = { kind: "same" | "added" | "removed"; text: string; old?: number; new?: number };

/** The code change from `before` to `after`, line by line, with both sides' line numbers. */
export function codeDiff(before: string, after: string): Line[] {
  const lines: Line[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    const texts = part.value.replace(/\n$/, "").split("\n");
    for (const text of texts) {
      if (part.added) lines.push({ kind: "added", text, new: newLine++ });
      else if (part.removed) lines.push({ kind: "removed", text, old: oldLine++ });
      else lines.push({ kind: "same", text, old: oldLine++, new: newLine++ });
    }
  }
  return lines;
}

function MetricsTable({ a, b }: { a: Version; b: Version }) {
  const left = metricRows(a.metrics);
  const right = metricRows(b.metrics);
  return (
    <Table aria-label="Measurements compared">
      <TableHeader>
        <TableRow>
          <TableHead>Measurement</TableHead>
          <TableHead className="text-right">Version {a.number}</TableHead>
          <TableHead className="text-right">Version {b.number}</TableHead>
          <TableHead className="hidden text-right sm:table-cell">Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {left.map((row, index) => {
          const other = right[index]!;
          if (row.value === null && other.value === null) return null;
          const changed = row.value !== other.value;
          const delta =
            typeof row.value === "number" && typeof other.value === "number" && changed
              ? other.value - row.value
              : null;
          const deltaText =
            delta === null
              ? null
              : `${delta > 0 ? "+" : "−"}${formatNumber(Math.abs(delta))}${row.unit ? ` ${row.unit}` : ""}`;
          return (
            <TableRow key={row.key} data-changed={changed || undefined} className={cn(changed && "bg-primary/5")}>
              <TableCell className="font-medium">{row.label}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMetric(row)}</TableCell>
              <TableCell className="text-right tabular-nums">
                {formatMetric(other)}
                {/* A phone has no room for the change column: the change goes under the new value. */}
                {deltaText && <span className="block text-xs text-muted-foreground sm:hidden">{deltaText}</span>}
              </TableCell>
              <TableCell className="hidden text-right tabular-nums sm:table-cell">
                {deltaText !== null ? (
                  <Badge variant="outline" className="tabular-nums">
                    {deltaText}
                  </Badge>
                ) : changed ? (
                  <Badge variant="secondary">Changed</Badge>
                ) : (
                  <span className="text-muted-foreground">Same</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function CodeDiff({ a, b }: { a: Version; b: Version }) {
  const lines = useMemo(() => codeDiff(a.code, b.code), [a.code, b.code]);
  const added = lines.filter((l) => l.kind === "added").length;
  const removed = lines.filter((l) => l.kind === "removed").length;
  return (
    <figure className="grid gap-2">
      <figcaption className="flex items-center gap-2 text-sm text-muted-foreground">
        {added === 0 && removed === 0 ? (
          "The code is the same."
        ) : (
          <>
            <span className="font-medium text-success">+{added}</span>
            <span className="font-medium text-destructive">−{removed}</span>
            lines changed
          </>
        )}
      </figcaption>
      <div className="overflow-x-auto rounded-lg border bg-card">
        <table aria-label="Code changes" className="w-full border-collapse font-mono text-[13px] leading-relaxed">
          <tbody>
            {lines.map((line, index) => (
              <tr
                key={index}
                className={cn(line.kind === "added" && "bg-success/10", line.kind === "removed" && "bg-destructive/10")}
              >
                <td className="w-10 border-r px-2 text-right text-xs text-muted-foreground select-none">{line.old}</td>
                <td className="w-10 border-r px-2 text-right text-xs text-muted-foreground select-none">{line.new}</td>
                <td className="w-6 px-1 text-center select-none">
                  <span className="sr-only">
                    {line.kind === "added" ? "Added" : line.kind === "removed" ? "Removed" : ""}
                  </span>
                  <span aria-hidden="true">{line.kind === "added" ? "+" : line.kind === "removed" ? "−" : ""}</span>
                </td>
                <td className="pr-4 whitespace-pre">{highlightPython(line.text)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Picker({
  label,
  value,
  versions,
  onChange,
}: {
  label: string;
  value: string;
  versions: VersionSummary[];
  onChange: (id: string) => void;
}) {
  const numberOf = (id: string) => versions.find((v) => v.id === id)?.number;
  return (
    <label className="grid gap-1.5 text-sm font-medium">
      {label}
      <NativeSelect value={value} onChange={(event) => onChange(event.target.value)} className="w-full sm:w-72">
        {versions.map((v) => (
          <NativeSelectOption key={v.id} value={v.id}>
            {`Version ${v.number} · ${versionSourceLabel(v, numberOf)}`}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </label>
  );
}

/** The 3D viewer's extras for comparing: the version beside this one, and the camera both share. */
type CompareViewerProps = ModelViewerProps & { partner?: Version | null; cameraKey?: string };

/**
 * The two models: the newer drawn with the older as a translucent ghost over it, or the two side by side;
 * either way framed together, and side by side their cameras move as one.
 */
function CompareModels({ a, b, Viewer }: { a: Version; b: Version; Viewer: React.ComponentType<CompareViewerProps> }) {
  const fileUrl = useFileUrl();
  const cameraKey = `compare:${a.id}:${b.id}`;
  return (
    <Tabs defaultValue="ghost">
      <TabsList aria-label="How to show the two models" className="self-start">
        <TabsTrigger value="ghost">Overlay</TabsTrigger>
        <TabsTrigger value="side">Side by side</TabsTrigger>
      </TabsList>
      <TabsContent value="ghost" className="grid gap-2">
        <Viewer version={b} ghost={a} fileUrl={fileUrl} cameraKey={cameraKey} />
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <span aria-hidden="true" className="size-3 rounded-sm bg-violet-500/40 ring-1 ring-violet-500" />
          Version {b.number} solid, version {a.number} as the translucent ghost.
        </p>
      </TabsContent>
      <TabsContent value="side" className="grid gap-4 md:grid-cols-2">
        {(
          [
            [a, b],
            [b, a],
          ] as const
        ).map(([version, partner]) => (
          <figure key={version.id} className="grid min-w-0 gap-2">
            <Viewer version={version} partner={partner} fileUrl={fileUrl} cameraKey={cameraKey} />
            <figcaption className="text-sm text-muted-foreground">Version {version.number}</figcaption>
          </figure>
        ))}
      </TabsContent>
    </Tabs>
  );
}

type VersionCompareProps = {
  chatId: string;
  a: string | undefined;
  b: string | undefined;
  onChange: (a: string, b: string) => void;
  backHref: string;
  /** What draws a model: the PNG previews, or the 3D viewer (which also draws the ghost). */
  Viewer?: React.ComponentType<CompareViewerProps>;
};

/** Two versions of a chat: the models over each other or side by side, what the measurements did, and the code. */
function VersionCompare({ chatId, a, b, onChange, backHref, Viewer = ModelPreviews }: VersionCompareProps) {
  const chat = useChat(chatId);
  const versions = useVersions(chatId);
  const list = versions.data ?? [];
  const from = a ?? list[1]?.id ?? list[0]?.id;
  const to = b ?? list[0]?.id;
  const left = useVersion(from);
  const right = useVersion(to);
  const error = versions.error ?? left.error ?? right.error;

  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 px-4 py-6 sm:px-6">
      <title>{`Compare versions · ${chat.data?.name ?? "Chat"} · Chat3D`}</title>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1">
          <Button asChild variant="ghost" size="sm" className="-ml-3">
            <Link to={backHref}>
              <ArrowLeftIcon aria-hidden="true" /> Back to {chat.data?.name ?? "the chat"}
            </Link>
          </Button>
          <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
            <GitCompareIcon aria-hidden="true" className="size-5 text-muted-foreground" /> Compare versions
          </h1>
        </div>
        {list.length > 0 && from && to && (
          <div className="flex flex-col gap-3 sm:flex-row">
            <Picker label="From" value={from} versions={list} onChange={(id) => onChange(id, to)} />
            <Picker label="To" value={to} versions={list} onChange={(id) => onChange(from, id)} />
          </div>
        )}
      </div>
      {error ? (
        <Card className="py-0">
          <ListError what="these versions" error={error} retrying={false} onRetry={() => void versions.refetch()} />
        </Card>
      ) : versions.data && list.length < 2 ? (
        <p className="text-muted-foreground">This chat has only one version so far: there is nothing to compare.</p>
      ) : left.data && right.data ? (
        <>
          <section aria-labelledby="compare-models" className="grid gap-3">
            <h2 id="compare-models" className="text-lg font-semibold">
              Models
            </h2>
            <CompareModels a={left.data} b={right.data} Viewer={Viewer} />
          </section>
          <section aria-labelledby="compare-metrics" className="grid gap-3">
            <h2 id="compare-metrics" className="text-lg font-semibold">
              Measurements
            </h2>
            <Card className="overflow-hidden py-0">
              <MetricsTable a={left.data} b={right.data} />
            </Card>
          </section>
          <section aria-labelledby="compare-code" className="grid gap-3">
            <h2 id="compare-code" className="text-lg font-semibold">
              Code
            </h2>
            <CodeDiff a={left.data} b={right.data} />
          </section>
        </>
      ) : (
        <LoadingRegion label="Loading the versions…" className="grid gap-4">
          <Skeleton className="h-72 w-full rounded-xl" />
          <Skeleton className="h-96 w-full rounded-xl" />
        </LoadingRegion>
      )}
    </div>
  );
}

export { VersionCompare };
