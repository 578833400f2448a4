/**
 * How functions written outside the engine plug into it (src/analytics/functions/ holds AWS's analytic
 * functions and log parsers). Two kinds:
 *
 * - Scalar functions, called per row: `W3C_LOG_PARSE(col, 'COMMON')`. bind() sees the argument types
 *   and the constant arguments once, at compile time, and fixes the result type; a ROW result type
 *   (`SqlTypes.row([...])`) makes the fields reachable as `alias.r.COLUMN1`.
 * - Table functions: `FROM TABLE(F(CURSOR(SELECT STREAM ...), 100, 'x'))`. bind() sees the cursor's
 *   columns and the constant arguments and fixes the output columns; each running application gets
 *   its own instance, fed the cursor's rows in ROWTIME order and told when time advances.
 *
 * Rules for instances: no wall-clock reads and no Math.random (use a seeded generator kept in the
 * state), so that snapshot() / restore() into a fresh instance continues exactly where it stopped;
 * emitted ROWTIMEs never go backwards. Throw SqlArgumentError from bind() for arguments that do not fit
 * (the compiler adds the line and column), SqlDataError for a row that cannot be processed (the row
 * goes to error_stream).
 */
import type { ColumnDescriptor, SqlType } from "./types";
import type { JsonValue, SqlValue } from "./values";

/** One argument of a scalar function call, as the compiler sees it. */
export interface ScalarArgument {
  readonly type: SqlType;
  /** Whether the argument is a constant (literals only); if so, `value` holds it. */
  readonly constant: boolean;
  readonly value: SqlValue;
}

export interface ScalarFunction {
  /** The name as called, upper case. */
  readonly name: string;
  bind(args: readonly ScalarArgument[]): BoundScalarFunction;
}

export interface BoundScalarFunction {
  /** The result type; a ROW type for functions that return several fields. */
  readonly type: SqlType;
  /**
   * The result for one row. `args` holds the arguments' values, nulls included (decide what a null
   * gives); the array is reused between calls, copy it to keep it. A ROW result is an array of its
   * fields' values (or null).
   */
  evaluate(args: readonly SqlValue[]): SqlValue;
}

/** An argument of a table function after its CURSOR: AWS's table functions take constants only. */
export interface TableArgument {
  readonly type: SqlType;
  readonly value: SqlValue;
}

export interface TableFunction {
  /** The name as called, upper case. */
  readonly name: string;
  bind(input: readonly ColumnDescriptor[], args: readonly TableArgument[]): BoundTableFunction;
}

export interface BoundTableFunction {
  /** The output columns, in order (e.g. the input columns, then ANOMALY_SCORE). */
  readonly columns: readonly ColumnDescriptor[];
  /** A fresh instance with the state it has at application start; `emit` sends one row downstream. */
  create(emit: TableEmitter): TableFunctionInstance;
}

/** Sends one output row downstream: its ROWTIME and its values in `columns` order. */
export type TableEmitter = (rowtime: number, values: SqlValue[]) => void;

export interface TableFunctionInstance {
  /** One row of the cursor (its values in the cursor's column order; the array is the instance's). */
  push(rowtime: number, values: SqlValue[]): void;
  /** No row with a ROWTIME below `time` will come any more: emit what that closes (tumbling windows). */
  advance(time: number): void;
  /** The whole state as plain JSON. */
  snapshot(): JsonValue;
  /** Called on a fresh instance with what snapshot() returned, possibly after a JSON round trip. */
  restore(state: JsonValue): void;
}

export interface FunctionRegistry {
  readonly scalar: ReadonlyMap<string, ScalarFunction>;
  readonly table: ReadonlyMap<string, TableFunction>;
}

/** A registry of plug-in functions; the engine's built-in functions need no registration. */
export function functionRegistry(functions: {
  scalar?: readonly ScalarFunction[];
  table?: readonly TableFunction[];
}): FunctionRegistry {
  const scalar = new Map<string, ScalarFunction>();
  const table = new Map<string, TableFunction>();
  for (const f of functions.scalar ?? []) add(scalar, f);
  for (const f of functions.table ?? []) add(table, f);
  return { scalar, table };
}

function add<F extends { name: string }>(map: Map<string, F>, f: F): void {
  const name = f.name.toUpperCase();
  if (map.has(name)) throw new Error(`Function ${name} is registered twice`);
  map.set(name, f);
}

export const emptyRegistry: FunctionRegistry = functionRegistry({});
