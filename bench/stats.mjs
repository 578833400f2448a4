// Percentiles over latency samples. Nearest-rank on the sorted samples: with few samples a high percentile
// is the largest sample seen rather than an interpolation that was never observed.

/**
 * @param {number[]} sorted ascending
 * @param {number} p in [0, 100]
 */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * @param {number[]} samples
 * @param {number[]} ps the percentiles wanted, e.g. [50, 99]
 * @returns {Record<string, number>} keyed "p50", "p99", "p99.9"
 */
export function percentiles(samples, ps) {
  const sorted = [...samples].sort((a, b) => a - b);
  /** @type {Record<string, number>} */
  const out = {};
  for (const p of ps) out[`p${p}`] = percentile(sorted, p);
  return out;
}

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function nowMs() {
  return performance.now();
}
