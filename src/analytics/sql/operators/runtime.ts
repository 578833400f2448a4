/**
 * The contract between a pump's operators and the engine that runs them. Rows are pushed downstream
 * synchronously; operators that hold state (windows, joins, sorts, table functions) register with their
 * pump, which advances them when time passes and snapshots them. Operators are registered before their
 * upstream operators are built, so reverse registration order is upstream first: the order in which
 * advancing time must reach them (a window closing upstream emits rows a window downstream must see).
 */
import type { EvalContext } from "../compiled";
import type { JsonValue, Row } from "../values";

export type Push = (row: Row) => void;

export interface StatefulNode {
  /** No row with a smaller ROWTIME will arrive: close what ends at or before `time`. */
  advance(time: number): void;
  snapshot(): JsonValue;
  restore(state: JsonValue): void;
}

/** A reference table's rows, each laid out as [null, ...columns] (tables have no ROWTIME). */
export interface ReferenceTable {
  readonly name: string;
  readonly rows: readonly Row[];
  /** Grows each time the rows are replaced, so joins know to rebuild their indexes. */
  readonly version: number;
}

export interface PumpRuntime {
  readonly pumpName: string;
  readonly eval: EvalContext;
  register(node: StatefulNode): void;
  /** Receives every row inserted into the stream from now on. */
  subscribe(stream: string, push: Push): void;
  table(name: string): ReferenceTable;
  /**
   * Handles an error raised while processing `row`: a SqlDataError becomes a row of error_stream
   * (DATA_ROW names the row's columns when `columns` are given); anything else is rethrown.
   */
  fail(error: unknown, row: Row | null, columns?: readonly string[]): void;
}
