/**
 * Tumbling windows: GROUP BY with a ROWTIME-based key (STEP(ROWTIME BY INTERVAL ...), FLOOR(ROWTIME TO
 * unit)). Each group belongs to the window its time key puts it in; when time reaches the window's end
 * (a later row, or advance without rows) every group of the window emits one row, with ROWTIME = the
 * window's end, in the order the groups first appeared.
 */
import type { TimeBucket } from "../time-buckets";
import { asArray, asNumber, type JsonValue, type Row, type SqlValue } from "../values";
import { accumulate, emitGroup, evaluateInto, groupFromJson, groupId, groupToJson, newGroup, type Group, type GroupId, type GroupingSpec } from "./groups";
import type { Push, PumpRuntime, StatefulNode } from "./runtime";

export interface TimeKey {
  /** Position of the ROWTIME-based key among the GROUP BY keys. */
  readonly index: number;
  readonly bucket: TimeBucket;
}

export class TumblingWindows implements StatefulNode {
  /** Open windows by closing time, each with its groups in order of appearance. */
  private windows = new Map<number, Map<GroupId, Group>>();
  private closing: number[] = [];
  private lastClose = Number.NaN;
  private lastWindow: Map<GroupId, Group> | undefined;
  private readonly keys: SqlValue[] = [];
  private readonly args: SqlValue[] = [];
  /**
   * With a single time key, every group of a window has the same value for it (the window is that
   * value's bucket), so groups are told apart by the other keys alone: no key string per row for the
   * usual GROUP BY ticker, STEP(ROWTIME ...).
   */
  private readonly sharedKey: number | undefined;
  private readonly otherKeys: SqlValue[] = [];

  constructor(
    private readonly rt: PumpRuntime,
    private readonly spec: GroupingSpec,
    private readonly timeKeys: readonly TimeKey[],
    private readonly out: Push,
  ) {
    this.sharedKey = timeKeys.length === 1 ? timeKeys[0]?.index : undefined;
  }

  /** A group's identity within its window. */
  private idWithin(keys: readonly SqlValue[]): GroupId {
    const shared = this.sharedKey;
    if (shared === undefined) return groupId(keys);
    const others = this.otherKeys;
    others.length = 0;
    for (let i = 0; i < keys.length; i++) if (i !== shared) others.push(keys[i] ?? null);
    return groupId(others);
  }

  push = (row: Row): void => {
    const keys = this.keys;
    const args = this.args;
    let closeAt = Infinity;
    let emitAt = Infinity;
    try {
      evaluateInto(this.spec, row, keys, args);
      for (const t of this.timeKeys) {
        const k = keys[t.index];
        if (typeof k !== "number") return;
        const c = t.bucket.closeAt(k);
        if (c < closeAt) {
          closeAt = c;
          emitAt = t.bucket.emitAt(k);
        }
      }
    } catch (e) {
      this.rt.fail(e, row, this.spec.inputColumns);
      return;
    }
    const window = this.window(closeAt);
    const id = this.idWithin(keys);
    let group = window.get(id);
    if (group === undefined) {
      group = newGroup(this.spec, keys.slice(), closeAt, emitAt);
      window.set(id, group);
    }
    accumulate(group, args);
  };

  private window(closeAt: number): Map<GroupId, Group> {
    if (closeAt === this.lastClose && this.lastWindow !== undefined) return this.lastWindow;
    let w = this.windows.get(closeAt);
    if (w === undefined) {
      w = new Map();
      this.windows.set(closeAt, w);
      // Windows almost always open in closing order; keep the list sorted regardless.
      let i = this.closing.length;
      while (i > 0 && (this.closing[i - 1] ?? 0) > closeAt) i--;
      this.closing.splice(i, 0, closeAt);
    }
    this.lastClose = closeAt;
    this.lastWindow = w;
    return w;
  }

  advance(time: number): void {
    while (this.closing.length > 0 && (this.closing[0] ?? Infinity) <= time) {
      const closeAt = this.closing.shift() ?? 0;
      const groups = this.windows.get(closeAt);
      this.windows.delete(closeAt);
      if (closeAt === this.lastClose) this.lastWindow = undefined;
      if (groups !== undefined) for (const g of groups.values()) emitGroup(this.spec, g, this.rt, this.out);
    }
  }

  snapshot(): JsonValue {
    return this.closing.map((c) => [c, [...(this.windows.get(c)?.values() ?? [])].map(groupToJson)]);
  }

  restore(state: JsonValue): void {
    this.windows = new Map();
    this.closing = [];
    this.lastWindow = undefined;
    this.lastClose = Number.NaN;
    for (const w of asArray(state)) {
      const [closeAt, groups] = asArray(w);
      const c = asNumber(closeAt ?? null);
      const map = new Map<GroupId, Group>();
      for (const g of asArray(groups ?? [])) {
        const group = groupFromJson(this.spec, g);
        map.set(this.idWithin(group.keys), group);
      }
      this.windows.set(c, map);
      this.closing.push(c);
    }
  }
}
