/**
 * What the expression compiler produces: a closure evaluating the expression on a row, its type, and
 * a canonical key (two expressions with the same key compute the same thing, which is how a SELECT
 * item is matched against GROUP BY keys whatever the spelling: `Ticker_Symbol`, `"S".TICKER_SYMBOL`).
 * Shared by the compiler and the built-in functions.
 */
import type { Call, Expression } from "./ast";
import { SqlDataError, SqlValidationError } from "./errors";
import { converter } from "./coerce";
import { isIntegerType, isNullType, isNumeric, typeFamilyName, typeToString, type SqlType } from "./types";
import type { Row, SqlValue } from "./values";

export type Evaluator = (row: Row) => SqlValue;

export interface Compiled {
  readonly type: SqlType;
  readonly evaluate: Evaluator;
  /** True when the value depends on no row and no clock: it was computed at compile time. */
  readonly constant: boolean;
  readonly key: string;
}

/** What expressions may read besides the row: the engine's clock (CURRENT_ROW_TIMESTAMP and kin). */
export interface EvalContext {
  now(): number;
}

export function constantOf(type: SqlType, value: SqlValue, key: string): Compiled {
  return { type, evaluate: () => value, constant: true, key };
}

/**
 * Folds an expression whose inputs are all constants into its value, unless evaluating it fails (then
 * the failure happens per row, as AWS reports it, on error_stream).
 */
export function fold(compiled: Compiled, inputs: readonly Compiled[]): Compiled {
  if (!inputs.every((c) => c.constant)) return compiled;
  try {
    const value = compiled.evaluate([]);
    return constantOf(compiled.type, value, compiled.key);
  } catch (e) {
    if (e instanceof SqlDataError) return compiled;
    throw e;
  }
}

export function signature(name: string, args: readonly Compiled[]): string {
  return `${name}(${args.map((a) => `<${typeToString(a.type)}>`).join(", ")})`;
}

/** Calcite's message for a function whose arguments do not fit. */
export function cannotApply(call: Call, args: readonly Compiled[], supported: string): SqlValidationError {
  const name = call.name.name;
  return new SqlValidationError(`Cannot apply '${name}' to arguments of type '${signature(name, args)}'. Supported form(s): ${supported}`, call.span);
}

export function noMatch(call: Call, args: readonly Compiled[]): SqlValidationError {
  return new SqlValidationError(
    `No match found for function signature ${call.name.name}(${args.map((a) => `<${typeFamilyName(a.type)}>`).join(", ")})`,
    call.span,
  );
}

export function invalidArgumentCount(call: Call, expected: string): SqlValidationError {
  return new SqlValidationError(`Invalid number of arguments to function '${call.name.name}'. Was expecting ${expected} arguments`, call.span);
}

export function spanOf(e: Expression): Expression["span"] {
  return e.span;
}

// Strict evaluators: a NULL argument gives NULL without calling f. The casts are sound because the
// compiler only builds these after checking the argument types.
export function strict1<A extends SqlValue>(a: Evaluator, f: (x: A) => SqlValue): Evaluator {
  return (row) => {
    const x = a(row);
    return x === null ? null : f(x as A);
  };
}

export function strict2<A extends SqlValue, B extends SqlValue>(a: Evaluator, b: Evaluator, f: (x: A, y: B) => SqlValue): Evaluator {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    return y === null ? null : f(x as A, y as B);
  };
}

export function strictN(args: readonly Evaluator[], f: (values: SqlValue[]) => SqlValue): Evaluator {
  return (row) => {
    const values: SqlValue[] = [];
    for (const arg of args) {
      const v = arg(row);
      if (v === null) return null;
      values.push(v);
    }
    return f(values);
  };
}

/** An evaluator giving c's value converted to `type` (numbers of any type need no conversion). */
export function castTo(c: Compiled, type: SqlType): Evaluator {
  if ((isNumeric(c.type) && isNumeric(type) && !(isIntegerType(type) && !isIntegerType(c.type))) || isNullType(c.type)) return c.evaluate;
  const convert = converter(c.type, type, "cast");
  const f = c.evaluate;
  return (row) => convert(f(row));
}

