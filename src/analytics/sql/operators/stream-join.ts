/**
 * Two streams joined over windows (`FROM o JOIN t OVER (RANGE INTERVAL '1' MINUTE PRECEDING) ON ...`).
 * Each side keeps the rows its window holds (a side without OVER holds only rows of the current
 * ROWTIME). A row arriving on one side meets the other side's rows still in that side's window,
 * measured back from the arriving row's ROWTIME; every matching pair is emitted once, when its later
 * row arrives, with that row's ROWTIME. LEFT JOIN: a left row that meets nothing on arrival is emitted
 * at once with NULL right columns (a deliberate simplification: AWS would wait for the window to pass,
 * and a right row arriving later at the same ROWTIME still emits the matched pair).
 * Equalities in ON become per-side hash indexes.
 */
import type { Evaluator } from "../compiled";
import { asArray, decodeRow, encodeRow, type JsonValue, type Row } from "../values";
import { joinKey } from "./join-keys";
import type { Push, PumpRuntime, StatefulNode } from "./runtime";

export type JoinWindow = { readonly kind: "range"; readonly millis: number } | { readonly kind: "rows"; readonly count: number } | { readonly kind: "current" };

export interface StreamJoinSpec {
  readonly windows: readonly [JoinWindow, JoinWindow];
  readonly widths: readonly [number, number];
  readonly on: Evaluator | undefined;
  /** Equality keys per side (each over that side's own row), or undefined to scan. */
  readonly keys: readonly [readonly Evaluator[], readonly Evaluator[]] | undefined;
  readonly leftOuter: boolean;
  readonly inputColumns: readonly [readonly string[], readonly string[]];
}

type Key = string | number | boolean;

/** One side's rows in arrival order, with an index by join key whose lists keep the same order. */
class SideBuffer {
  rows: Row[] = [];
  head = 0;
  readonly index = new Map<Key, Row[]>();

  constructor(private readonly keys: readonly Evaluator[] | undefined) {}

  add(row: Row): void {
    this.rows.push(row);
    if (this.keys === undefined) return;
    const k = joinKey(this.keys, row);
    if (k === undefined) return;
    const list = this.index.get(k);
    if (list === undefined) this.index.set(k, [row]);
    else list.push(row);
  }

  private removeOldest(): void {
    const row = this.rows[this.head];
    this.head++;
    if (row !== undefined && this.keys !== undefined) {
      const k = joinKey(this.keys, row);
      if (k !== undefined) {
        const list = this.index.get(k);
        if (list !== undefined) {
          list.shift();
          if (list.length === 0) this.index.delete(k);
        }
      }
    }
    if (this.head > 256 && this.head * 2 > this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops the rows outside `window` as seen from time `now`. */
  evict(window: JoinWindow, now: number): void {
    if (window.kind === "rows") {
      while (this.rows.length - this.head > window.count + 1) this.removeOldest();
      return;
    }
    // As in sliding windows, a range reaches back less than its length; the current window holds
    // only the current ROWTIME.
    const keepAfter = window.kind === "range" ? now - window.millis : now - 1;
    while (this.head < this.rows.length) {
      const t = this.rows[this.head]?.[0];
      if (typeof t !== "number" || t > keepAfter) break;
      this.removeOldest();
    }
  }

  candidates(keys: readonly Evaluator[] | undefined, probe: Row): readonly Row[] {
    if (keys === undefined) return this.head === 0 ? this.rows : this.rows.slice(this.head);
    const k = joinKey(keys, probe);
    return k === undefined ? [] : (this.index.get(k) ?? []);
  }

  live(): Row[] {
    return this.rows.slice(this.head);
  }
}

export class StreamJoin implements StatefulNode {
  private sides: [SideBuffer, SideBuffer];

  constructor(
    private readonly rt: PumpRuntime,
    private readonly spec: StreamJoinSpec,
    private readonly out: Push,
  ) {
    this.sides = [new SideBuffer(spec.keys?.[0]), new SideBuffer(spec.keys?.[1])];
  }

  readonly pushLeft = (row: Row): void => this.arrive(0, row);
  readonly pushRight = (row: Row): void => this.arrive(1, row);

  private arrive(side: 0 | 1, row: Row): void {
    const now = row[0];
    if (typeof now !== "number") return;
    const other: 0 | 1 = side === 0 ? 1 : 0;
    const otherBuffer = this.sides[other];
    otherBuffer.evict(this.spec.windows[other], now);
    const matches: Row[] = [];
    try {
      for (const candidate of otherBuffer.candidates(this.spec.keys?.[side], row)) {
        const combined = side === 0 ? [now, ...row, ...candidate] : [now, ...candidate, ...row];
        if (this.spec.on === undefined || this.spec.on(combined) === true) matches.push(combined);
      }
      if (side === 0 && this.spec.leftOuter && matches.length === 0) {
        matches.push([now, ...row, ...new Array<null>(this.spec.widths[1]).fill(null)]);
      }
    } catch (e) {
      this.rt.fail(e, row, this.spec.inputColumns[side]);
      return;
    }
    const own = this.sides[side];
    own.add(row);
    own.evict(this.spec.windows[side], now);
    for (const m of matches) this.out(m);
  }

  advance(time: number): void {
    this.sides[0].evict(this.spec.windows[0], time);
    this.sides[1].evict(this.spec.windows[1], time);
  }

  snapshot(): JsonValue {
    return this.sides.map((s) => s.live().map(encodeRow));
  }

  restore(state: JsonValue): void {
    const [left, right] = asArray(state);
    this.sides = [new SideBuffer(this.spec.keys?.[0]), new SideBuffer(this.spec.keys?.[1])];
    for (const r of asArray(left ?? [])) this.sides[0].add(decodeRow(r));
    for (const r of asArray(right ?? [])) this.sides[1].add(decodeRow(r));
  }
}
