// Peak resident memory of the server's whole process tree while it takes in the PutRecords throughput
// scenario's writes: the load under which an in-memory server grows most. It does not send traffic of
// its own; the runner runs it around put-throughput (running that one unseen when only memory is asked
// for). The memory right after the server answered its first call is shown too, as the baseline.

import { RssSampler, canMeasureMemory } from "../memory.mjs";

const MiB = 1024 * 1024;

/** @type {import("./index.mjs").Scenario & {during: string, measure: typeof measure}} */
export default {
  name: "memory",
  title: "Memory",
  describe: () =>
    "resident memory (VmRSS) of the server's process and all its descendants, sampled every 100 ms: " +
    "peak during PutRecords throughput, and right after start",
  figures: [
    { key: "peak", label: "Peak RSS during PutRecords throughput", unit: "MiB", better: "lower" },
    { key: "start", label: "RSS after start", unit: "MiB", better: "lower" },
  ],
  during: "put-throughput",
  timeLimitMs: () => 0,
  run: async () => {
    throw new Error("memory is measured around put-throughput by the runner");
  },
  measure,
};

/**
 * Runs `work` while sampling the server's memory.
 * @template T
 * @param {number} pid the server's top process
 * @param {number} startBytes its RSS right after start
 * @param {() => Promise<T>} work
 * @returns {Promise<{memory: import("./index.mjs").ScenarioResult, work: T}>}
 */
async function measure(pid, startBytes, work) {
  if (!canMeasureMemory()) throw new Error("memory is read from /proc, which this system does not have");
  const sampler = new RssSampler(pid, 100);
  let result;
  try {
    result = await work();
  } finally {
    sampler.stop();
  }
  return {
    memory: {
      figures: { peak: sampler.peak / MiB, start: startBytes / MiB },
      details: { samples: sampler.samples, intervalMs: 100, peakBytes: sampler.peak, startBytes },
    },
    work: result,
  };
}
