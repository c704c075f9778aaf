import type { ModelMetrics, VersionSource, VersionSummary } from "@chat3d/shared";
import { formatBytes, formatNumber } from "@/lib/format-number";

const SOURCE_LABELS: Record<VersionSource, string> = {
  render: "Rendered from code",
  edit: "Edited code",
  parameters: "Changed parameters",
  restore: "Restored",
  ai: "AI answer",
};

/** What made a version, in a few words: "Changed parameters", "Restored version 2". */
export function versionSourceLabel(version: VersionSummary, numberOf?: (id: string) => number | undefined): string {
  if (version.source === "restore" && version.restored_from_version_id) {
    const number = numberOf?.(version.restored_from_version_id);
    if (number) return `Restored version ${number}`;
  }
  return SOURCE_LABELS[version.source];
}

// The app's number format lives in lib, so the shared page and the admin tables use the same one.
export { formatBytes, formatNumber };

/** A part's extents in one line: "12 × 20 × 41 mm". */
export function formatSize(size: readonly number[]): string {
  return `${size.map(formatNumber).join(" × ")} mm`;
}

export type MetricRow = { key: string; label: string; value: number | string | null; unit?: string };

/** The measurements of a result that a person compares: size, volume, area, and how the mesh came out. */
export function metricRows(metrics: ModelMetrics): MetricRow[] {
  const [x, y, z] = metrics.bounding_box.size;
  return [
    { key: "size_x", label: "Width (X)", value: x ?? null, unit: "mm" },
    { key: "size_y", label: "Depth (Y)", value: y ?? null, unit: "mm" },
    { key: "size_z", label: "Height (Z)", value: z ?? null, unit: "mm" },
    { key: "volume", label: "Volume", value: metrics.volume, unit: "mm³" },
    { key: "surface_area", label: "Surface area", value: metrics.surface_area, unit: "mm²" },
    { key: "area", label: "Area (2D)", value: metrics.area ?? null, unit: "mm²" },
    { key: "perimeter", label: "Perimeter (2D)", value: metrics.perimeter ?? null, unit: "mm" },
    { key: "solids", label: "Solids", value: metrics.solids },
    { key: "faces", label: "Faces", value: metrics.face_count },
    { key: "edges", label: "Edges", value: metrics.edge_count },
    {
      key: "holes",
      label: "Holes",
      value: metrics.cylinders.filter((c) => c.kind === "hole").reduce((n, c) => n + c.count, 0),
    },
    { key: "triangles", label: "Triangles", value: metrics.triangles },
    { key: "watertight", label: "Watertight", value: metrics.watertight ? "Yes" : "No" },
  ];
}

export function formatMetric({ value, unit }: MetricRow): string {
  if (value === null) return "—";
  if (typeof value === "string") return value;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
