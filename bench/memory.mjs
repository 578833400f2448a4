// Resident memory of a server's whole process tree, read from /proc. A server is often more than one
// process (a launcher script and the runtime it starts, or a Node process and the workerd it drives), so
// the figure is the sum over the server's process and every descendant. Linux only: elsewhere the
// sampler reports nothing and the memory figures show "n/a".

import { readFileSync, readdirSync, existsSync } from "node:fs";

const PROC = "/proc";

/** Whether this machine has a /proc we can read. */
export function canMeasureMemory() {
  return existsSync(`${PROC}/self/status`);
}

/**
 * Every live pid's parent, read from /proc/<pid>/stat. The command name in field 2 may hold spaces and
 * parentheses, so the fields after it are found from the last ")".
 * @returns {Map<number, number>} pid -> ppid
 */
function parentsByPid() {
  const parents = new Map();
  for (const entry of readdirSync(PROC)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`${PROC}/${entry}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(rest[1]));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return parents;
}

/**
 * @param {number} root
 * @returns {number[]} root and all its descendants that are alive now
 */
export function processTree(root) {
  const children = new Map();
  for (const [pid, ppid] of parentsByPid()) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = /** @type {number} */ (queue.pop());
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * @param {number} pid
 * @returns {number} VmRSS in bytes, 0 if the process is gone (or a zombie, which has no VmRSS line)
 */
function rssBytes(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`${PROC}/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * @param {number} root
 * @returns {number} bytes resident in root's process tree now
 */
export function treeRss(root) {
  return processTree(root).reduce((sum, pid) => sum + rssBytes(pid), 0);
}

/**
 * Samples a process tree's RSS every `intervalMs` until stopped, keeping the peak. Sampling runs on a
 * timer in the benchmark's own process, so a busy event loop can delay a sample; at 100 ms the peak of a
 * multi-second run is still caught.
 */
export class RssSampler {
  /**
   * @param {number} root pid of the server's top process
   * @param {number} [intervalMs]
   */
  constructor(root, intervalMs = 100) {
    this.root = root;
    this.peak = 0;
    this.samples = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    // A forgotten sampler must never keep the run alive.
    this.timer.unref();
  }

  sample() {
    const rss = treeRss(this.root);
    this.samples++;
    if (rss > this.peak) this.peak = rss;
  }

  /** @returns {{peakBytes: number, samples: number}} */
  stop() {
    clearInterval(this.timer);
    this.sample();
    return { peakBytes: this.peak, samples: this.samples };
  }
}
