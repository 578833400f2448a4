/**
 * What tumbling and stagger windows share: groups of rows with equal keys, each with one accumulator
 * per aggregate, turned into one output row when the group's window closes. A group's row is
 * [ROWTIME (the window's end), ...keys, ...aggregate results]; HAVING and the select list are evaluated
 * on it.
 */
import type { Accumulator, AggregateFunction } from "../aggregates";
import type { Evaluator } from "../compiled";
import { asArray, asNumber, decodeValue, encodeKey, encodeValue, singleKey, type JsonValue, type Row, type SqlValue } from "../values";
import type { Push, PumpRuntime } from "./runtime";

export interface GroupingSpec {
  readonly keys: readonly Evaluator[];
  readonly aggregates: readonly { readonly arg: Evaluator | undefined; readonly fn: AggregateFunction }[];
  readonly having: Evaluator | undefined;
  /** The select items (and ORDER BY keys), over the group's row. */
  readonly outputs: readonly Evaluator[];
  readonly inputColumns: readonly string[];
  readonly groupColumns: readonly string[];
}

export interface Group {
  readonly id: string | number | boolean | null;
  readonly keys: SqlValue[];
  readonly accumulators: Accumulator[];
  readonly closeAt: number;
  readonly emitAt: number;
}

export type GroupId = string | number | boolean | null;

export function groupId(keys: readonly SqlValue[]): GroupId {
  return keys.length === 1 ? singleKey(keys[0] ?? null) : encodeKey(keys);
}

/**
 * Evaluates a row's keys and aggregate arguments into arrays the caller reuses row after row (the hot
 * path allocates nothing); throws what the expressions throw, before any group is touched.
 */
export function evaluateInto(spec: GroupingSpec, row: Row, keys: SqlValue[], args: SqlValue[]): void {
  const k = spec.keys;
  for (let i = 0; i < k.length; i++) {
    const f = k[i];
    keys[i] = f === undefined ? null : f(row);
  }
  const a = spec.aggregates;
  for (let i = 0; i < a.length; i++) {
    const f = a[i]?.arg;
    args[i] = f === undefined ? true : f(row);
  }
}

export function newGroup(spec: GroupingSpec, keys: SqlValue[], closeAt: number, emitAt: number): Group {
  return { id: groupId(keys), keys, accumulators: spec.aggregates.map((a) => a.fn.create()), closeAt, emitAt };
}

export function accumulate(group: Group, args: readonly SqlValue[]): void {
  const accs = group.accumulators;
  for (let i = 0; i < accs.length; i++) accs[i]?.add(args[i] ?? null, 0);
}

/** Emits the group's output row, unless HAVING rejects it or evaluating it fails (error_stream). */
export function emitGroup(spec: GroupingSpec, group: Group, rt: PumpRuntime, out: Push): void {
  const groupRow: Row = [group.emitAt, ...group.keys];
  for (const acc of group.accumulators) groupRow.push(acc.result());
  let result: Row;
  try {
    if (spec.having !== undefined && spec.having(groupRow) !== true) return;
    result = [group.emitAt];
    for (const o of spec.outputs) result.push(o(groupRow));
  } catch (e) {
    rt.fail(e, groupRow, spec.groupColumns);
    return;
  }
  out(result);
}

export function groupToJson(g: Group): JsonValue {
  return [g.closeAt, g.emitAt, g.keys.map(encodeValue), g.accumulators.map((a) => a.snapshot())];
}

export function groupFromJson(spec: GroupingSpec, j: JsonValue): Group {
  const [closeAt, emitAt, keys, accs] = asArray(j);
  const group = newGroup(spec, asArray(keys ?? []).map(decodeValue), asNumber(closeAt ?? null), asNumber(emitAt ?? null));
  const states = asArray(accs ?? []);
  group.accumulators.forEach((a, i) => a.restore(states[i] ?? null));
  return group;
}
