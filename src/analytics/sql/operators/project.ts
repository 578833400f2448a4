/**
 * WHERE and the select list of a query without aggregation: one output row per input row that passes,
 * with the input's ROWTIME. The row is [ROWTIME, ...select items, ...ORDER BY keys] (the sort keys are
 * dropped again by the ORDER BY operator).
 */
import type { Evaluator } from "../compiled";
import type { Row } from "../values";
import type { Push, PumpRuntime } from "./runtime";

export function filterProject(rt: PumpRuntime, where: Evaluator | undefined, items: readonly Evaluator[], out: Push, columns: readonly string[]): Push {
  const n = items.length;
  return (row: Row) => {
    let result: Row;
    try {
      if (where !== undefined && where(row) !== true) return;
      result = new Array(n + 1);
      result[0] = row[0] ?? null;
      for (let i = 0; i < n; i++) {
        const item = items[i];
        result[i + 1] = item === undefined ? null : item(row);
      }
    } catch (e) {
      rt.fail(e, row, columns);
      return;
    }
    out(result);
  };
}

/** WHERE alone (a filter before an aggregation or a window). */
export function filter(rt: PumpRuntime, where: Evaluator | undefined, out: Push, columns: readonly string[]): Push {
  if (where === undefined) return out;
  return (row: Row) => {
    let pass: boolean;
    try {
      pass = where(row) === true;
    } catch (e) {
      rt.fail(e, row, columns);
      return;
    }
    if (pass) out(row);
  };
}
