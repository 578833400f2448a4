// What compare.mjs and compare-drain.mjs share: two builds' sides, warmed up, then measured in
// alternating rounds, and each figure printed as the median over the rounds with every round's value.

/**
 * @typedef {object} Side
 * @property {Record<string, number[]>} figures one value per round, by figure
 * @property {() => Promise<void>} warmUp
 * @property {() => Promise<void>} round
 * @property {() => Promise<void>} stop
 */

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * @param {() => Promise<Side>} before
 * @param {() => Promise<Side>} after
 * @param {number} rounds
 * @param {Record<string, string>} labels figure key -> its printed name, in printing order
 * @param {(key: string, value: number) => string} format
 */
export async function runPaired(before, after, rounds, labels, format) {
  /** @type {Side[]} */
  const sides = [];
  try {
    sides.push(await before(), await after());
    for (const s of sides) await s.warmUp();
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always follows the other's traffic.
      for (const s of round % 2 ? [...sides].reverse() : sides) await s.round();
    }
    for (const [key, label] of Object.entries(labels)) {
      const [a, b] = sides.map((s) => s.figures[key] ?? []);
      const each = (/** @type {number[]} */ values) => values.map((value) => format(key, value)).join(", ");
      console.log(`${label}: ${median(a).toFixed(3)} -> ${median(b).toFixed(3)}   [${each(a)} | ${each(b)}]`);
    }
  } finally {
    for (const s of sides) await s.stop();
  }
}
