import type { VersionSummary } from "@chat3d/shared";

// The smallest part of a chat still shows as more than a dot next to the largest.
const MIN_SCALE = 0.2;

/** The longest extent (mm) of the largest version, so every thumbnail of the chat is drawn to one scale. */
export function largestExtent(versions: readonly VersionSummary[] | undefined): number | null {
  const extents = (versions ?? []).flatMap((v) => (v.size ? [Math.max(...v.size)] : []));
  return extents.length ? Math.max(...extents) : null;
}

/** How much to shrink a preview (each is framed to fit its own part) so its part keeps its size next to the largest. */
export function thumbnailScale(size: VersionSummary["size"], largest: number | null): number {
  if (!size || !largest || largest <= 0) return 1;
  return Math.min(1, Math.max(MIN_SCALE, Math.max(...size) / largest));
}
