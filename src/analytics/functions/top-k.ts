/**
 * TOP_K_ITEMS_TUMBLING(cursor, 'columnName', K, windowSize): per tumbling window of windowSize
 * seconds, the K most frequent values of one column, one output row each when the window closes:
 * the column (named as the call names it) and MOST_FREQUENT_VALUES, its count (BIGINT).
 *
 * API (for the engine):
 *   const topK = TopKItemsTumbling.create({ column, k, windowSize })   // AWS's ranges, typed errors
 *   topK.outputColumns                -> [column, "MOST_FREQUENT_VALUES"]
 *   topK.add(value, rowtimeMs)        -> rows of the windows this row closed (usually none)
 *   topK.advance(nowMs)               -> rows of windows that ended by nowMs without a new row
 *   topK.snapshot() / TopKItemsTumbling.restore(snapshot)
 * Each row: { rowtime: window end (ms), value, count }, most frequent first; ties in the order the
 * values first appeared in the window. Windows with no rows emit nothing, as GROUP BY does.
 *
 * Like AWS's, the count is approximate only when it must be: values are counted exactly until a
 * window holds more than max(2K, 10,000) distinct values; then the rarer half is dropped (lossy
 * counting), so a value that keeps recurring may be undercounted, while skewed streams, the case the
 * function is for, keep exact counts for their frequent values. NULL is a value like any other, as
 * GROUP BY treats it.
 */
import { AnalyticsFunctionError } from "./errors";
import { checkColumnName, type ItemValue, itemFromKey, itemKey, TumblingClock } from "./items";

export interface TopKOptions {
  column: string;
  k: number;
  /** Seconds. */
  windowSize: number;
}

export interface TopKRow {
  /** The window's end, epoch milliseconds. */
  rowtime: number;
  value: ItemValue;
  count: number;
}

export interface TopKSnapshot {
  version: 1;
  column: string;
  k: number;
  windowSize: number;
  /** The open window's start (ms), or null before the first row. */
  windowStart: number | null;
  /** [item key, count], in first-seen order. */
  counts: [string, number][];
}

const FUNCTION = "TOP_K_ITEMS_TUMBLING";
export const TOP_K_LIMITS = { minK: 1, maxK: 100_000, minExactCapacity: 10_000 } as const;

export class TopKItemsTumbling {
  private readonly clock: TumblingClock;
  private readonly capacity: number;
  private windowStart: number | null = null;
  /** Item key to count; a Map keeps first-seen order for ties. */
  private counts = new Map<string, number>();

  private constructor(
    readonly column: string,
    readonly k: number,
    readonly windowSize: number,
  ) {
    this.clock = new TumblingClock(FUNCTION, windowSize);
    this.capacity = Math.max(2 * k, TOP_K_LIMITS.minExactCapacity);
  }

  static create(options: TopKOptions): TopKItemsTumbling {
    checkColumnName(FUNCTION, options.column);
    if (!Number.isInteger(options.k) || options.k < TOP_K_LIMITS.minK || options.k > TOP_K_LIMITS.maxK) {
      throw new AnalyticsFunctionError(FUNCTION, "K", `K must be greater than or equal to one and cannot exceed 100,000; got ${String(options.k)}`);
    }
    return new TopKItemsTumbling(options.column, options.k, options.windowSize);
  }

  get outputColumns(): [string, "MOST_FREQUENT_VALUES"] {
    return [this.column, "MOST_FREQUENT_VALUES"];
  }

  add(value: ItemValue, rowtime: number): TopKRow[] {
    const start = this.clock.startOf(rowtime);
    const closed = this.windowStart !== null && start > this.windowStart ? this.close() : [];
    if (this.windowStart === null || start > this.windowStart) this.windowStart = start;
    const key = itemKey(value);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.counts.size > this.capacity) this.prune();
    return closed;
  }

  advance(now: number): TopKRow[] {
    if (this.windowStart === null || now < this.windowStart + this.clock.windowMs) return [];
    const rows = this.close();
    this.windowStart = null;
    return rows;
  }

  private close(): TopKRow[] {
    const rowtime = (this.windowStart ?? 0) + this.clock.windowMs;
    // Array.prototype.sort is stable: equal counts stay in first-seen order.
    const rows = [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.k)
      .map(([key, count]) => ({ rowtime, value: itemFromKey(key), count }));
    this.counts = new Map();
    return rows;
  }

  /** Keeps the more frequent half of the values (lossy counting), in their first-seen order. */
  private prune(): void {
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    const threshold = sorted[Math.floor(this.capacity / 2)] ?? 0;
    const kept = new Map<string, number>();
    for (const [key, count] of this.counts) if (count > threshold) kept.set(key, count);
    this.counts = kept;
  }

  snapshot(): TopKSnapshot {
    return { version: 1, column: this.column, k: this.k, windowSize: this.windowSize, windowStart: this.windowStart, counts: [...this.counts] };
  }

  static restore(snapshot: TopKSnapshot): TopKItemsTumbling {
    const topK = new TopKItemsTumbling(snapshot.column, snapshot.k, snapshot.windowSize);
    topK.windowStart = snapshot.windowStart;
    topK.counts = new Map(snapshot.counts);
    return topK;
  }
}
