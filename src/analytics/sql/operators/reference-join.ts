/**
 * A stream joined with a reference table (`FROM s LEFT JOIN "Table" AS t ON s.k = t.k`): each stream
 * row meets the table's rows that satisfy ON; a LEFT JOIN keeps a stream row without match, with NULL
 * table columns. Equalities between the two sides in ON become a hash index on the table, rebuilt when
 * the table's rows are replaced; other conditions are checked per candidate.
 */
import type { Evaluator } from "../compiled";
import type { Row } from "../values";
import { joinKey, type EquiKeys } from "./join-keys";
import type { Push, PumpRuntime, ReferenceTable } from "./runtime";

export interface ReferenceJoinSpec {
  readonly tableName: string;
  /** Whether the stream is the join's left side (the combined row puts the left side first). */
  readonly streamIsLeft: boolean;
  readonly streamWidth: number;
  readonly tableWidth: number;
  readonly on: Evaluator | undefined;
  /** Equalities from ON: `stream` evaluates on the stream row, `other` on a table row. */
  readonly keys: EquiKeys | undefined;
  readonly outer: boolean;
  readonly inputColumns: readonly string[];
}

export function referenceJoin(rt: PumpRuntime, spec: ReferenceJoinSpec, out: Push): Push {
  const table: ReferenceTable = rt.table(spec.tableName);
  let version = -1;
  let index: Map<unknown, Row[]> | undefined;
  const nulls: Row = new Array<null>(spec.tableWidth).fill(null);
  const combine = (streamRow: Row, tableRow: Row): Row => {
    const rowtime = streamRow[0] ?? null;
    return spec.streamIsLeft ? [rowtime, ...streamRow, ...tableRow] : [rowtime, ...tableRow, ...streamRow];
  };
  const candidates = (streamRow: Row): readonly Row[] => {
    const keys = spec.keys;
    if (keys === undefined) return table.rows;
    if (version !== table.version || index === undefined) {
      index = new Map();
      for (const r of table.rows) {
        const k = joinKey(keys.other, r);
        if (k === undefined) continue;
        const list = index.get(k);
        if (list === undefined) index.set(k, [r]);
        else list.push(r);
      }
      version = table.version;
    }
    const k = joinKey(keys.stream, streamRow);
    return k === undefined ? [] : (index.get(k) ?? []);
  };
  return (streamRow: Row) => {
    const matches: Row[] = [];
    try {
      for (const tableRow of candidates(streamRow)) {
        const combined = combine(streamRow, tableRow);
        if (spec.on === undefined || spec.on(combined) === true) matches.push(combined);
      }
      if (matches.length === 0 && spec.outer) matches.push(combine(streamRow, nulls));
    } catch (e) {
      rt.fail(e, streamRow, spec.inputColumns);
      return;
    }
    for (const m of matches) out(m);
  };
}
