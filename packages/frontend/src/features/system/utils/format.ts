const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Uptime as a person reads it: the two largest units, "3d 4h", "12m 5s". */
export function formatUptime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const parts: [number, string][] = [
    [Math.floor(total / DAY), "d"],
    [Math.floor((total % DAY) / HOUR), "h"],
    [Math.floor((total % HOUR) / MINUTE), "m"],
    [total % MINUTE, "s"],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return "0s";
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(" ");
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1) return "<1 ms";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
