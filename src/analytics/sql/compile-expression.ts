/**
 * Compiles an expression once into a closure over the row, checking types on the way: literals, names
 * (through the scope), CAST, function calls (built-ins, then plug-ins); operators are in
 * compile-operators.ts. Three-valued logic throughout: a NULL operand makes comparisons and arithmetic
 * NULL, AND/OR follow SQL's truth tables. A context may intercept nodes (GROUP BY keys, aggregates).
 * Gaps: no overflow checks inside expressions (ranges are checked when a value is stored in a column);
 * TIMESTAMP - TIMESTAMP gives an INTERVAL in milliseconds without SQL's `(a - b) DAY TO SECOND` syntax.
 */
import type { Call, Expression, Literal } from "./ast";
import { BUILTINS } from "./builtins";
import { converter } from "./coerce";
import { constantOf, fold, noMatch, type Compiled, type EvalContext, type Evaluator } from "./compiled";
import { compileBetween, compileBinary, compileCase, compileIn, compileIs, compileIsDistinct, compileLike, compileUnary } from "./compile-operators";
import { intervalMillis, parseDatetime } from "./datetime";
import { SqlArgumentError, SqlValidationError } from "./errors";
import type { FunctionRegistry, ScalarArgument } from "./plugins";
import type { Scope } from "./scope";
import { isBinary, isCharacter, isDatetime, isNullType, isNumeric, MAX_DECIMAL_PRECISION, SqlTypes, typeToString, type SqlType } from "./types";
import type { SqlValue } from "./values";

export interface CompileOptions {
  readonly scope: Scope;
  readonly eval: EvalContext;
  readonly functions: FunctionRegistry;
  /** The clause being compiled, for messages ("Aggregate expression is illegal in WHERE clause"). */
  readonly clause: string;
  /** Replaces a node before it is compiled: GROUP BY keys, aggregates and windowed aggregates. */
  readonly intercept?: (e: Expression) => Compiled | undefined;
}

export const AGGREGATES = new Set(["COUNT", "SUM", "AVG", "MIN", "MAX", "FIRST_VALUE", "LAST_VALUE", "STDDEV_POP", "STDDEV_SAMP", "STDDEV", "VAR_POP", "VAR_SAMP", "VARIANCE"]);

export function isAggregateCall(e: Expression): e is Call {
  return e.kind === "call" && !e.name.quoted && AGGREGATES.has(e.name.name);
}

/** Whether an expression holds an aggregate (windowed or not) anywhere inside. */
export function containsAggregate(e: Expression, windowed?: boolean): boolean {
  let found = false;
  visit(e, (node) => {
    if (isAggregateCall(node) && (windowed === undefined || (node.over !== undefined) === windowed)) found = true;
  });
  return found;
}

/** Calls f on every node of the expression, outermost first. */
export function visit(e: Expression, f: (e: Expression) => void): void {
  f(e);
  switch (e.kind) {
    case "unary":
      visit(e.operand, f);
      break;
    case "binary":
    case "isDistinct":
      visit(e.left, f);
      visit(e.right, f);
      break;
    case "is":
      visit(e.operand, f);
      break;
    case "between":
      visit(e.operand, f);
      visit(e.low, f);
      visit(e.high, f);
      break;
    case "in":
      visit(e.operand, f);
      for (const x of e.list) visit(x, f);
      break;
    case "like":
      visit(e.operand, f);
      visit(e.pattern, f);
      if (e.escape) visit(e.escape, f);
      break;
    case "case":
      if (e.operand) visit(e.operand, f);
      for (const w of e.whens) {
        visit(w.when, f);
        visit(w.then, f);
      }
      if (e.otherwise) visit(e.otherwise, f);
      break;
    case "cast":
      visit(e.operand, f);
      break;
    case "call":
      for (const a of e.args) visit(a, f);
      break;
    default:
      break;
  }
}

export function compileExpression(e: Expression, o: CompileOptions): Compiled {
  const intercepted = o.intercept?.(e);
  if (intercepted !== undefined) return intercepted;
  const compile = (x: Expression): Compiled => compileExpression(x, o);
  switch (e.kind) {
    case "literal":
      return compileLiteral(e);
    case "interval": {
      const ms = intervalMillis(e.text, e.startUnit, e.endUnit);
      if (typeof ms === "string") throw new SqlValidationError(ms, e.span);
      const value = e.negative ? -ms : ms;
      return constantOf(SqlTypes.interval, value, `I${value}`);
    }
    case "identifier":
      return compileIdentifier(e, o);
    case "unary":
      return compileUnary(e, compile);
    case "binary":
      return compileBinary(e, compile);
    case "is":
      return compileIs(e, compile);
    case "isDistinct":
      return compileIsDistinct(e, compile);
    case "between":
      return compileBetween(e, compile);
    case "in":
      return compileIn(e, compile);
    case "like":
      return compileLike(e, compile);
    case "case":
      return compileCase(e, compile);
    case "cast": {
      const operand = compile(e.operand);
      const target = typeFromSpec(e.type);
      if (!castable(operand.type, target)) {
        throw new SqlValidationError(`Cast function cannot convert value of type ${typeToString(operand.type)} to type ${typeToString(target)}`, e.span);
      }
      const convert = converter(operand.type, target, "cast");
      const f = operand.evaluate;
      return fold({ type: target, evaluate: (row) => convert(f(row)), constant: false, key: `CAST(${operand.key} AS ${typeToString(target)})` }, [operand]);
    }
    case "call":
      return compileCall(e, o);
  }
}

// --- literals and names -------------------------------------------------------------------------------

function compileLiteral(e: Literal): Compiled {
  switch (e.literalType) {
    case "integer": {
      const n = Number(e.text);
      const type = Number.isSafeInteger(n) && Math.abs(n) <= 2147483647 ? SqlTypes.integer : SqlTypes.bigint;
      return constantOf(type, n, `N${n}`);
    }
    case "decimal": {
      const n = Number(e.text);
      const [whole = "", fraction = ""] = e.text.split(".");
      const type = SqlTypes.decimal(Math.min(MAX_DECIMAL_PRECISION, String(Number(whole || "0")).length + fraction.length), fraction.length);
      return constantOf(type, n, `N${n}`);
    }
    case "approx": {
      const n = Number(e.text);
      return constantOf(SqlTypes.double, n, `N${n}`);
    }
    case "string":
      return constantOf(SqlTypes.varchar(Math.max(1, e.text.length)), e.text, `S${JSON.stringify(e.text)}`);
    case "boolean":
      return constantOf(SqlTypes.boolean, e.text === "TRUE", e.text);
    case "null":
      return constantOf(e.text === "UNKNOWN" ? SqlTypes.boolean : SqlTypes.null, null, "NULL");
    case "binary": {
      if (e.text.length % 2 !== 0) throw new SqlValidationError(`Binary literal string must contain an even number of hexits`, e.span);
      const bytes = new Uint8Array(e.text.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(e.text.slice(2 * i, 2 * i + 2), 16);
      return constantOf(SqlTypes.varbinary(Math.max(1, bytes.length)), bytes, `X${e.text}`);
    }
    case "timestamp":
    case "date":
    case "time": {
      const target = e.literalType === "timestamp" ? "TIMESTAMP" : e.literalType === "date" ? "DATE" : "TIME";
      const ms = parseDatetime(e.text, target);
      if (ms === undefined) throw new SqlValidationError(`Illegal ${target} literal '${e.text}': not in format '${target === "TIMESTAMP" ? "yyyy-MM-dd HH:mm:ss" : target === "DATE" ? "yyyy-MM-dd" : "HH:mm:ss"}'`, e.span);
      return constantOf({ name: target }, ms, `T${ms}`);
    }
  }
}

function compileIdentifier(e: Expression & { kind: "identifier" }, o: CompileOptions): Compiled {
  const r = o.scope.resolve(e);
  const index = r.index;
  if (r.path.length === 0) {
    return { type: r.type, evaluate: (row) => row[index] ?? null, constant: false, key: r.key };
  }
  const path = r.path;
  return {
    type: r.type,
    evaluate: (row) => {
      let v: SqlValue = row[index] ?? null;
      for (const i of path) {
        if (!Array.isArray(v)) return null;
        v = v[i] ?? null;
      }
      return v;
    },
    constant: false,
    key: r.key,
  };
}

// --- operators ---------------------------------------------------------------------------------------

// --- types -------------------------------------------------------------------------------------------

export function typeFromSpec(spec: { name: string; params: readonly number[]; span: Expression["span"] }): SqlType {
  const [a, b] = spec.params;
  switch (spec.name) {
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY": {
      const length = a ?? (spec.name === "VARCHAR" || spec.name === "VARBINARY" ? 65535 : 1);
      if (length < 1 || length > 65535) throw new SqlValidationError(`Length of ${spec.name} must be between 1 and 65535`, spec.span);
      return { name: spec.name, length };
    }
    case "DECIMAL": {
      const precision = a ?? MAX_DECIMAL_PRECISION;
      const scale = b ?? 0;
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) throw new SqlValidationError(`DECIMAL precision ${precision} must be between 1 and ${MAX_DECIMAL_PRECISION}`, spec.span);
      if (scale > precision) throw new SqlValidationError(`DECIMAL scale ${scale} must not exceed its precision ${precision}`, spec.span);
      return SqlTypes.decimal(precision, scale);
    }
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INTEGER":
    case "BIGINT":
    case "REAL":
    case "DOUBLE":
    case "DATE":
    case "TIME":
    case "TIMESTAMP":
      return { name: spec.name };
    default:
      throw new SqlValidationError(`Unknown datatype name '${spec.name}'`, spec.span);
  }
}

/** CAST's valid conversions (AWS's table), plus NULL to anything. */
function castable(from: SqlType, to: SqlType): boolean {
  if (isNullType(from)) return true;
  if (isNumeric(from)) return isNumeric(to) || isCharacter(to);
  if (isCharacter(from)) return to.name !== "ROW";
  if (from.name === "DATE") return to.name === "DATE" || isCharacter(to) || to.name === "TIMESTAMP";
  if (from.name === "TIME") return to.name === "TIME" || isCharacter(to) || to.name === "TIMESTAMP";
  if (from.name === "TIMESTAMP") return isDatetime(to) || isCharacter(to);
  if (from.name === "INTERVAL") return to.name === "INTERVAL" || isCharacter(to) || to.name === "BIGINT" || to.name === "DECIMAL";
  if (from.name === "BOOLEAN") return to.name === "BOOLEAN" || isCharacter(to);
  if (isBinary(from)) return isBinary(to);
  return false;
}

// --- calls -------------------------------------------------------------------------------------------

function compileCall(e: Call, o: CompileOptions): Compiled {
  if (!e.name.quoted && AGGREGATES.has(e.name.name)) {
    throw new SqlValidationError(
      e.over === undefined ? `Aggregate expression is illegal in ${o.clause} clause` : `Windowed aggregate expression is illegal in ${o.clause} clause`,
      e.span,
    );
  }
  if (e.over !== undefined) throw new SqlValidationError(`OVER must be applied to an aggregate function`, e.span);
  if (e.distinct) throw new SqlValidationError(`DISTINCT is only allowed in an aggregate function`, e.span);
  const args = e.args.map((a) => compileExpression(a, o));
  const name = e.name.name;
  const builtin = e.name.quoted ? undefined : BUILTINS.get(name);
  if (builtin !== undefined) return builtin(e, args, o.eval);
  const plugin = o.functions.scalar.get(name.toUpperCase());
  if (plugin !== undefined) return compilePluginCall(e, args, plugin);
  throw noMatch(e, args);
}

function compilePluginCall(e: Call, args: readonly Compiled[], plugin: { bind(args: readonly ScalarArgument[]): { type: SqlType; evaluate(args: readonly SqlValue[]): SqlValue } }): Compiled {
  let bound;
  try {
    bound = plugin.bind(args.map((a) => ({ type: a.type, constant: a.constant, value: a.constant ? a.evaluate([]) : null })));
  } catch (err) {
    if (err instanceof SqlArgumentError) throw new SqlValidationError(err.message, e.span);
    throw err;
  }
  const evaluators = args.map((a) => a.evaluate);
  // One arguments array per call site, reused row after row (the interface says so).
  const values: SqlValue[] = evaluators.map(() => null);
  const f = bound;
  const evaluate: Evaluator = (row) => {
    for (let i = 0; i < evaluators.length; i++) {
      const ev = evaluators[i];
      values[i] = ev === undefined ? null : ev(row);
    }
    return f.evaluate(values);
  };
  return { type: bound.type, evaluate, constant: false, key: `${e.name.name}(${args.map((a) => a.key).join(",")})` };
}
