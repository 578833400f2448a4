/** How the console writes numbers, sizes and times: compact, and the same on every page. */

const COMPACT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, notation: "compact" });
const PLAIN = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatCount(value: number): string {
  return Math.abs(value) >= 10_000 ? COMPACT.format(value) : PLAIN.format(value);
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? PLAIN.format(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A metric's value in its unit. */
export function formatMetric(value: number, unit: string): string {
  if (unit === "Bytes") return formatBytes(value);
  if (unit === "Milliseconds") return `${PLAIN.format(value)} ms`;
  if (unit === "Seconds") return `${PLAIN.format(value)} s`;
  return formatCount(value);
}

/** An instant as UTC, to the second: the console shows one time zone, the API's. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

/** Clock time only (HH:MM UTC), for chart axes; with the date for ranges longer than a day. */
export function formatAxisTime(epochMs: number, withDate: boolean): string {
  const iso = new Date(epochMs).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** A 128-bit hash key as a share of the key space, for ranges shown at a glance. */
export function hashKeyShare(key: string): number {
  return Number((BigInt(key) * 10_000n) / (1n << 128n)) / 10_000;
}
