const bytesFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "812 B", "14.2 KB", "3.1 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${bytesFormat.format(bytes / 1024)} KB`;
  return `${bytesFormat.format(bytes / 1024 ** 2)} MB`;
}

const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const compactFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1, notation: "compact" });

/** The app's number format: at most two decimals, "1.2M" from a hundred thousand on. */
export function formatNumber(value: number): string {
  return Math.abs(value) >= 100_000 ? compactFormat.format(value) : numberFormat.format(value);
}

const usdFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** "$1.20"; amounts under a cent keep four decimals so a cheap month does not read as free. */
export function formatUsd(value: number): string {
  return value > 0 && value < 0.01 ? `$${value.toFixed(4)}` : usdFormat.format(value);
}
