/**
 * What the adapters share: reading a plug-in call's constant arguments, turning the functions'
 * own errors into the engine's (SqlArgumentError at compile time, SqlDataError for one row), and the
 * plain-JSON boundary of their snapshots.
 */
import { AnalyticsFunctionError } from "../functions";
import { isNumeric, SqlArgumentError, SqlDataError, type ColumnDescriptor, type JsonValue, type SqlTypeName, type TableArgument } from "../sql";

/** Runs a function's constructor at bind time: its range errors become the compiler's argument errors. */
export function binding<T>(create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (error instanceof AnalyticsFunctionError) throw new SqlArgumentError(error.message);
    throw error;
  }
}

/** Runs a function on one row: its errors send the row to error_stream. */
export function perRow<T>(errorName: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AnalyticsFunctionError) throw new SqlDataError(errorName, error.message);
    throw error;
  }
}

/** The numeric argument at `index`, or `fallback` when the call leaves it out. */
export function numberArgument(functionName: string, parameter: string, args: readonly TableArgument[], index: number, fallback?: number): number {
  const arg = args[index];
  if (arg === undefined || arg.value === null) {
    if (fallback !== undefined) return fallback;
    throw new SqlArgumentError(`${functionName}: ${parameter} is required`);
  }
  if (typeof arg.value !== "number") throw new SqlArgumentError(`${functionName}: ${parameter} must be a number; got ${typeLabel(arg)}`);
  return arg.value;
}

export function stringArgument(functionName: string, parameter: string, args: readonly TableArgument[], index: number): string {
  const arg = args[index];
  if (arg === undefined || typeof arg.value !== "string") {
    throw new SqlArgumentError(`${functionName}: ${parameter} must be a character string in single quotation marks`);
  }
  return arg.value;
}

export function booleanArgument(functionName: string, parameter: string, args: readonly TableArgument[], index: number, fallback: boolean): boolean {
  const arg = args[index];
  if (arg === undefined || arg.value === null) return fallback;
  if (typeof arg.value !== "boolean") throw new SqlArgumentError(`${functionName}: ${parameter} must be TRUE or FALSE; got ${typeLabel(arg)}`);
  return arg.value;
}

export function checkArgumentCount(functionName: string, args: readonly unknown[], max: number): void {
  if (args.length > max) throw new SqlArgumentError(`${functionName} takes at most ${max} argument(s) after the cursor; got ${args.length}`);
}

function typeLabel(arg: TableArgument): string {
  return arg.type.name;
}

/** The cursor column a function names ('columnName'): exactly as written, else as an unquoted identifier folds. */
export function columnIndex(functionName: string, input: readonly ColumnDescriptor[], name: string): number {
  let index = input.findIndex((c) => c.name === name);
  if (index < 0) index = input.findIndex((c) => c.name === name.toUpperCase());
  if (index < 0) throw new SqlArgumentError(`${functionName}: the cursor has no column '${name}'`);
  return index;
}

/** The analytic functions' "numeric columns", as AWS lists them: DECIMAL is not one. */
const ANALYTIC_NUMERIC: ReadonlySet<SqlTypeName> = new Set(["DOUBLE", "REAL", "TINYINT", "SMALLINT", "INTEGER", "BIGINT"]);

export function numericColumns(input: readonly ColumnDescriptor[], includeDecimal = false): number[] {
  return input.flatMap((c, i) => (ANALYTIC_NUMERIC.has(c.type.name) || (includeDecimal && isNumeric(c.type)) ? [i] : []));
}

/**
 * A function's snapshot as the engine's plain JSON. The functions' snapshot types are JSON by
 * construction (numbers, strings, arrays, base64 text) but declared as interfaces, which TypeScript
 * does not treat as index signatures.
 */
export function toJson(snapshot: object): JsonValue {
  return snapshot as unknown as JsonValue;
}

/** Back from the engine's JSON to a function's snapshot, checked as far as its version tag. */
export function fromJson<T extends { version: number }>(functionName: string, state: JsonValue): T {
  if (state === null || typeof state !== "object" || Array.isArray(state) || state["version"] !== 1) {
    throw new Error(`${functionName}: the saved state is not one this version can restore`);
  }
  return state as unknown as T;
}
