/**
 * Stagger windows (WINDOWED BY STAGGER (PARTITION BY keys RANGE INTERVAL ...)): each distinct key opens
 * its own window at its first row; the window takes the key's rows until its length has passed, then
 * emits one row with ROWTIME = open time + length. The key's next row opens a new window. All windows
 * have the same length, so they close in the order they opened: a queue, no sorting.
 */
import { asArray, type JsonValue, type Row, type SqlValue } from "../values";
import { accumulate, emitGroup, evaluateInto, groupFromJson, groupId, groupToJson, newGroup, type Group, type GroupId, type GroupingSpec } from "./groups";
import type { Push, PumpRuntime, StatefulNode } from "./runtime";

export class StaggerWindows implements StatefulNode {
  private open = new Map<GroupId, Group>();
  private queue: Group[] = [];
  private head = 0;
  private readonly keys: SqlValue[] = [];
  private readonly args: SqlValue[] = [];

  constructor(
    private readonly rt: PumpRuntime,
    private readonly spec: GroupingSpec,
    private readonly length: number,
    private readonly out: Push,
  ) {}

  push = (row: Row): void => {
    const keys = this.keys;
    const args = this.args;
    try {
      evaluateInto(this.spec, row, keys, args);
    } catch (e) {
      this.rt.fail(e, row, this.spec.inputColumns);
      return;
    }
    const rowtime = row[0];
    if (typeof rowtime !== "number") return;
    let group = this.open.get(groupId(keys));
    if (group === undefined) {
      const closeAt = rowtime + this.length;
      group = newGroup(this.spec, keys.slice(), closeAt, closeAt);
      this.open.set(group.id, group);
      this.queue.push(group);
    }
    accumulate(group, args);
  };

  advance(time: number): void {
    while (this.head < this.queue.length) {
      const g = this.queue[this.head];
      if (g === undefined || g.closeAt > time) break;
      this.head++;
      this.open.delete(g.id);
      emitGroup(this.spec, g, this.rt, this.out);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  snapshot(): JsonValue {
    return this.queue.slice(this.head).map(groupToJson);
  }

  restore(state: JsonValue): void {
    this.open = new Map();
    this.queue = [];
    this.head = 0;
    for (const j of asArray(state)) {
      const g = groupFromJson(this.spec, j);
      this.open.set(g.id, g);
      this.queue.push(g);
    }
  }
}
