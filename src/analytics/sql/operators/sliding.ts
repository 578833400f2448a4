/**
 * Sliding windows (agg(x) OVER w): one output row per input row, at once, with the input's ROWTIME.
 * Each window (PARTITION BY keys, RANGE INTERVAL 'n' unit PRECEDING or ROWS n PRECEDING, ending at the
 * current row) keeps, per partition, the rows it holds and one accumulator per aggregate over it; a new
 * row first evicts the rows that fell out (RANGE: ROWTIME at or below the current row's minus the
 * interval, as the Developer Guide's timeline shows a 5-second window at t6 without the row of t1;
 * ROWS: all but the last n), then joins. Rows merely expiring emit nothing, as on AWS. Partitions that
 * empty are dropped when time passes, so idle keys do not hold memory.
 */
import type { AggregateFunction, Accumulator } from "../aggregates";
import type { Evaluator } from "../compiled";
import { asArray, asNumber, decodeRow, decodeValue, encodeKey, encodeRow, encodeValue, singleKey, type JsonValue, type Row, type SqlValue } from "../values";
import type { Push, PumpRuntime, StatefulNode } from "./runtime";

export interface SlidingWindowSpec {
  readonly partitionBy: readonly Evaluator[];
  readonly frame: { readonly kind: "range"; readonly millis: number } | { readonly kind: "rows"; readonly count: number };
  /** Positions (in SlidingSpec.aggregates) of the aggregates computed over this window. */
  readonly aggregates: readonly number[];
}

export interface SlidingSpec {
  readonly windows: readonly SlidingWindowSpec[];
  readonly aggregates: readonly { readonly arg: Evaluator | undefined; readonly fn: AggregateFunction }[];
  /** Select items and ORDER BY keys over [...input row, ...aggregate results]. */
  readonly outputs: readonly Evaluator[];
  readonly inputColumns: readonly string[];
}

type PartitionKey = string | number | boolean | null;

/** One partition of one window: its rows (ROWTIME, sequence number, aggregate arguments) as a deque. */
class Partition {
  rowtimes: number[] = [];
  seqs: number[] = [];
  args: SqlValue[][] = [];
  head = 0;
  nextSeq = 0;
  constructor(readonly accumulators: Accumulator[]) {}

  get size(): number {
    return this.rowtimes.length - this.head;
  }

  removeOldest(): void {
    const values = this.args[this.head] ?? [];
    const seq = this.seqs[this.head] ?? 0;
    this.accumulators.forEach((acc, i) => acc.remove(values[i] ?? null, seq));
    this.head++;
    if (this.head > 64 && this.head * 2 > this.rowtimes.length) {
      this.rowtimes = this.rowtimes.slice(this.head);
      this.seqs = this.seqs.slice(this.head);
      this.args = this.args.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops the rows whose ROWTIME is at or before `time`. */
  evictThrough(time: number): void {
    while (this.head < this.rowtimes.length && (this.rowtimes[this.head] ?? Infinity) <= time) this.removeOldest();
  }
}

export class SlidingWindows implements StatefulNode {
  private partitions: Map<PartitionKey, Partition>[];
  private lastSweep = -Infinity;
  /** Per window, the aggregate functions it computes. */
  private readonly functions: AggregateFunction[][];
  /** How often idle partitions are swept: the shortest RANGE (Infinity without RANGE windows). */
  private readonly sweepPeriod: number;

  constructor(
    private readonly rt: PumpRuntime,
    private readonly spec: SlidingSpec,
    private readonly out: Push,
  ) {
    this.partitions = spec.windows.map(() => new Map());
    this.functions = spec.windows.map((w) =>
      w.aggregates.map((i) => {
        const a = spec.aggregates[i];
        if (a === undefined) throw new Error(`Sliding window refers to aggregate ${i}, which does not exist`);
        return a.fn;
      }),
    );
    this.sweepPeriod = Math.min(Infinity, ...spec.windows.map((w) => (w.frame.kind === "range" ? w.frame.millis : Infinity)));
  }

  private createPartition(wi: number): Partition {
    return new Partition((this.functions[wi] ?? []).map((f) => f.create()));
  }

  push = (row: Row): void => {
    const spec = this.spec;
    const rowtime = row[0];
    if (typeof rowtime !== "number") return;
    // Evaluate everything first, so a failing expression leaves no window half updated.
    const keys: PartitionKey[] = [];
    const args: SqlValue[] = [];
    try {
      for (const w of spec.windows) keys.push(partitionKey(w.partitionBy, row));
      for (const a of spec.aggregates) args.push(a.arg === undefined ? true : a.arg(row));
    } catch (e) {
      this.rt.fail(e, row, spec.inputColumns);
      return;
    }
    // The row the select list reads: the input row followed by the aggregates' results.
    const extended = row.slice();
    for (let i = 0; i < spec.aggregates.length; i++) extended.push(null);
    const width = row.length;
    for (let wi = 0; wi < spec.windows.length; wi++) {
      const w = spec.windows[wi];
      const partitions = this.partitions[wi];
      if (w === undefined || partitions === undefined) continue;
      const key = keys[wi] ?? null;
      let p = partitions.get(key);
      if (p === undefined) {
        p = this.createPartition(wi);
        partitions.set(key, p);
      }
      if (w.frame.kind === "range") p.evictThrough(rowtime - w.frame.millis);
      const seq = p.nextSeq++;
      const values: SqlValue[] = [];
      for (const ai of w.aggregates) values.push(args[ai] ?? null);
      p.rowtimes.push(rowtime);
      p.seqs.push(seq);
      p.args.push(values);
      const accs = p.accumulators;
      for (let i = 0; i < accs.length; i++) accs[i]?.add(values[i] ?? null, seq);
      if (w.frame.kind === "rows") while (p.size > w.frame.count + 1) p.removeOldest();
      for (let i = 0; i < w.aggregates.length; i++) {
        const ai = w.aggregates[i];
        if (ai !== undefined) extended[width + ai] = accs[i]?.result() ?? null;
      }
    }
    let result: Row;
    try {
      result = [rowtime];
      for (const o of spec.outputs) result.push(o(extended));
    } catch (e) {
      this.rt.fail(e, row, spec.inputColumns);
      return;
    }
    this.out(result);
  };

  advance(time: number): void {
    // Sweep idle partitions now and then (every shortest RANGE), not on every advance.
    if (time - this.lastSweep < this.sweepPeriod) return;
    this.lastSweep = time;
    this.spec.windows.forEach((w, wi) => {
      if (w.frame.kind !== "range") return;
      const partitions = this.partitions[wi];
      if (partitions === undefined) return;
      for (const [key, p] of partitions) {
        p.evictThrough(time - w.frame.millis);
        if (p.size === 0) partitions.delete(key);
      }
    });
  }

  snapshot(): JsonValue {
    return this.partitions.map((partitions) =>
      [...partitions].map(([key, p]) => [
        encodeValue(key),
        p.nextSeq,
        p.rowtimes.slice(p.head),
        p.seqs.slice(p.head),
        p.args.slice(p.head).map(encodeRow),
        p.accumulators.map((a) => a.snapshot()),
      ]),
    );
  }

  restore(state: JsonValue): void {
    const windows = asArray(state);
    this.lastSweep = -Infinity;
    this.partitions = this.spec.windows.map((_w, wi) => {
      const map = new Map<PartitionKey, Partition>();
      for (const entry of asArray(windows[wi] ?? [])) {
        const [key, nextSeq, rowtimes, seqs, args, accs] = asArray(entry);
        const p = this.createPartition(wi);
        p.nextSeq = asNumber(nextSeq ?? 0);
        p.rowtimes = asArray(rowtimes ?? []).map(asNumber);
        p.seqs = asArray(seqs ?? []).map(asNumber);
        p.args = asArray(args ?? []).map(decodeRow);
        const states = asArray(accs ?? []);
        p.accumulators.forEach((a, i) => a.restore(states[i] ?? null));
        map.set(singleKey(decodeValue(key ?? null)), p);
      }
      return map;
    });
  }
}

function partitionKey(partitionBy: readonly Evaluator[], row: Row): PartitionKey {
  if (partitionBy.length === 0) return null;
  if (partitionBy.length === 1) {
    const f = partitionBy[0];
    return f === undefined ? null : singleKey(f(row));
  }
  return encodeKey(partitionBy.map((f) => f(row)));
}
