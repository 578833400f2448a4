/**
 * The end of a pump: the query's columns, converted to the target stream's column types (VARCHAR(n)
 * truncates silently, integers are range-checked, NOT NULL is enforced), inserted into the target.
 * A value that does not fit sends the row to error_stream instead.
 */
import type { Converter } from "../coerce";
import { SqlDataError } from "../errors";
import type { Row } from "../values";
import type { Push, PumpRuntime } from "./runtime";

export interface TargetColumn {
  /** Position in the query's output row, or undefined when the INSERT does not list the column. */
  readonly source: number | undefined;
  readonly convert: Converter;
  readonly name: string;
  readonly notNull: boolean;
}

export function insertInto(rt: PumpRuntime, columns: readonly TargetColumn[], sourceColumns: readonly string[], publish: Push): Push {
  return (row: Row) => {
    const out: Row = [row[0] ?? null];
    try {
      for (const c of columns) {
        const v = c.source === undefined ? null : c.convert(row[c.source] ?? null);
        if (v === null && c.notNull) throw new SqlDataError("Not null violation", `Column '${c.name}' does not allow NULL`);
        out.push(v);
      }
    } catch (e) {
      rt.fail(e, row, sourceColumns);
      return;
    }
    publish(out);
  };
}
