/**
 * Equality conditions of a join's ON, evaluated on one side's row alone, so candidates are found by
 * hashing instead of scanning. A NULL key matches nothing (NULL = x is never true).
 */
import type { Evaluator } from "../compiled";
import { encodeKey, singleKey, type Row, type SqlValue } from "../values";

export interface EquiKeys {
  /** The key expressions over the stream's (or, in a stream-stream join, the left side's) row. */
  readonly stream: readonly Evaluator[];
  /** The matching expressions over the other side's row. */
  readonly other: readonly Evaluator[];
}

export function joinKey(evaluators: readonly Evaluator[], row: Row): string | number | boolean | undefined {
  if (evaluators.length === 1) {
    const f = evaluators[0];
    const v = f === undefined ? null : f(row);
    if (v === null) return undefined;
    const k = singleKey(v);
    return k === null ? undefined : k;
  }
  const values: SqlValue[] = [];
  for (const f of evaluators) {
    const v = f(row);
    if (v === null) return undefined;
    values.push(v);
  }
  return encodeKey(values);
}
