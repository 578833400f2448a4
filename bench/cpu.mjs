// CPU time of a server's whole process tree, read from /proc: what the server spent on the work, however
// many other programs share the cores. Wall-clock figures on a busy machine say more about the machine
// than the server; CPU time, summed over the server's processes, stays close to the work done. Linux only.

import { readFileSync } from "node:fs";
import { processTree } from "./memory.mjs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ): 100 on every Linux architecture in use. */
const TICKS_PER_SECOND = 100;

/**
 * The process's user and system CPU time so far, all its threads included, and what kind of process it
 * is: workerd (the Workers runtime), wrangler (Node running wrangler's CLI), or its command name.
 * @param {number} pid
 * @returns {{ kind: string, ms: number } | undefined} undefined when the process is gone
 */
function processCpu(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    // Fields after the command name, from field 3 (state) on: utime is field 14, stime field 15.
    const rest = stat.slice(close + 2).split(" ");
    const ticks = Number(rest[11]) + Number(rest[12]);
    let kind = comm;
    if (comm === "node" || comm.startsWith("node")) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      // wrangler's CLI is `wrangler-dist/cli.js` (or its bin script); any other Node process is "node".
      kind = /wrangler-dist|bin\/wrangler/.test(cmdline) ? "wrangler" : "node";
    }
    return { kind, ms: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds used so far by `root` and its descendants, in all and by kind of process.
 * @param {number} root
 * @returns {{ total: number, byKind: Record<string, number> }}
 */
export function treeCpu(root) {
  /** @type {Record<string, number>} */
  const byKind = {};
  let total = 0;
  for (const pid of processTree(root)) {
    const cpu = processCpu(pid);
    if (!cpu) continue;
    byKind[cpu.kind] = (byKind[cpu.kind] ?? 0) + cpu.ms;
    total += cpu.ms;
  }
  return { total, byKind };
}

/**
 * The CPU a process tree spent between two readings of treeCpu.
 * @param {ReturnType<typeof treeCpu>} before
 * @param {ReturnType<typeof treeCpu>} after
 */
export function cpuSpent(before, after) {
  /** @type {Record<string, number>} */
  const byKind = {};
  for (const [kind, ms] of Object.entries(after.byKind)) byKind[kind] = ms - (before.byKind[kind] ?? 0);
  return { total: after.total - before.total, byKind };
}
