/**
 * Compiles an expression once into a closure over the row, checking types on the way (AWS's implicit
 * conversions: numbers of any type mix; text compared with a number or a datetime is converted to it;
 * `||` turns numbers and datetimes into text). Three-valued logic throughout: a NULL operand makes
 * comparisons and arithmetic NULL, AND/OR follow SQL's truth tables.
 * Division by zero, of any numeric type, fails the row (error_stream), as AWS does.
 * Gaps: no overflow checks inside expressions (ranges are checked when a value is stored in a column);
 * TIMESTAMP - TIMESTAMP gives an INTERVAL in milliseconds without SQL's `(a - b) DAY TO SECOND` syntax.
 */
import type { Call, Expression, Literal } from "./ast";
import { BUILTINS } from "./builtins";
import { converter, valueToText } from "./coerce";
import { castTo, constantOf, fold, noMatch, type Compiled, type EvalContext, type Evaluator } from "./compiled";
import { intervalMillis, MS, mod, parseDatetime } from "./datetime";
import { divisionByZero, SqlArgumentError, SqlDataError, SqlValidationError } from "./errors";
import { likeToRegExp, PatternCache, similarToRegExp } from "./patterns";
import type { FunctionRegistry, ScalarArgument } from "./plugins";
import type { Scope } from "./scope";
import {
  commonType,
  isBinary,
  isCharacter,
  isDatetime,
  isIntegerType,
  isNullType,
  isNumeric,
  MAX_DECIMAL_PRECISION,
  numericResultType,
  SqlTypes,
  typeToString,
  type SqlType,
} from "./types";
import { compareValues, type Row, type SqlValue } from "./values";

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
      return compileUnary(e, o);
    case "binary":
      return compileBinary(e, o);
    case "is": {
      const operand = compileExpression(e.operand, o);
      if (e.test !== "NULL") requireBoolean(operand, e.span, `IS ${e.test}`);
      const f = operand.evaluate;
      const want = e.test === "TRUE" ? true : e.test === "FALSE" ? false : null;
      const test: Evaluator = e.test === "NULL" ? (row) => f(row) === null : (row) => f(row) === want;
      const evaluate: Evaluator = e.negated ? (row) => !test(row) : test;
      return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${operand.key} IS ${e.negated ? "NOT " : ""}${e.test})` }, [operand]);
    }
    case "isDistinct": {
      const left = compileExpression(e.left, o);
      const right = compileExpression(e.right, o);
      const [l, r] = comparable(left, right, e.span, "IS DISTINCT FROM");
      const evaluate: Evaluator = (row) => {
        const a = l(row);
        const b = r(row);
        const distinct = a === null || b === null ? a !== b : compareValues(a, b) !== 0;
        return e.negated ? !distinct : distinct;
      };
      return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${left.key} IS ${e.negated ? "NOT " : ""}DISTINCT FROM ${right.key})` }, [left, right]);
    }
    case "between":
      return compileBetween(e, o);
    case "in":
      return compileIn(e, o);
    case "like":
      return compileLike(e, o);
    case "case":
      return compileCase(e, o);
    case "cast": {
      const operand = compileExpression(e.operand, o);
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

function requireBoolean(c: Compiled, span: Expression["span"], op: string): void {
  if (c.type.name !== "BOOLEAN" && !isNullType(c.type)) {
    throw new SqlValidationError(`Cannot apply '${op}' to arguments of type '${op} <${typeToString(c.type)}>'. Supported form(s): '${op} <BOOLEAN>'`, span);
  }
}

function compileUnary(e: Expression & { kind: "unary" }, o: CompileOptions): Compiled {
  const operand = compileExpression(e.operand, o);
  const f = operand.evaluate;
  if (e.op === "NOT") {
    requireBoolean(operand, e.span, "NOT");
    return fold({ type: SqlTypes.boolean, evaluate: (row) => {
      const v = f(row);
      return v === null ? null : !v;
    }, constant: false, key: `(NOT ${operand.key})` }, [operand]);
  }
  if (!isNumeric(operand.type) && operand.type.name !== "INTERVAL" && !isNullType(operand.type)) {
    throw new SqlValidationError(`Cannot apply '${e.op}' to arguments of type '${e.op}<${typeToString(operand.type)}>'. Supported form(s): '${e.op}<NUMERIC>', '${e.op}<INTERVAL>'`, e.span);
  }
  if (e.op === "+") return operand;
  return fold({ type: operand.type, evaluate: (row) => {
    const v = f(row);
    return v === null ? null : -(v as number);
  }, constant: false, key: `(-${operand.key})` }, [operand]);
}

function cannotApplyOp(op: string, l: Compiled, r: Compiled, span: Expression["span"], supported: string): SqlValidationError {
  return new SqlValidationError(`Cannot apply '${op}' to arguments of type '<${typeToString(l.type)}> ${op} <${typeToString(r.type)}>'. Supported form(s): ${supported}`, span);
}

function compileBinary(e: Expression & { kind: "binary" }, o: CompileOptions): Compiled {
  const left = compileExpression(e.left, o);
  const right = compileExpression(e.right, o);
  const key = `(${left.key} ${e.op} ${right.key})`;
  const l = left.evaluate;
  const r = right.evaluate;
  switch (e.op) {
    case "AND":
    case "OR": {
      requireBoolean(left, e.left.span, e.op);
      requireBoolean(right, e.right.span, e.op);
      const evaluate: Evaluator =
        e.op === "AND"
          ? (row) => {
              const a = l(row);
              if (a === false) return false;
              const b = r(row);
              if (b === false) return false;
              return a === null || b === null ? null : true;
            }
          : (row) => {
              const a = l(row);
              if (a === true) return true;
              const b = r(row);
              if (b === true) return true;
              return a === null || b === null ? null : false;
            };
      return fold({ type: SqlTypes.boolean, evaluate, constant: false, key }, [left, right]);
    }
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const [a, b, binary] = comparable(left, right, e.span, e.op);
      return fold({ type: SqlTypes.boolean, evaluate: comparison(e.op, a, b, binary), constant: false, key }, [left, right]);
    }
    case "||": {
      if (isBinary(left.type) || isBinary(right.type) || left.type.name === "ROW" || right.type.name === "ROW") {
        throw cannotApplyOp("||", left, right, e.span, "'<STRING> || <STRING>'");
      }
      const lt = left.type;
      const rt = right.type;
      const evaluate: Evaluator = (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return (typeof a === "string" ? a : valueToText(a, lt)) + (typeof b === "string" ? b : valueToText(b, rt));
      };
      const length = (left.type.length ?? 64) + (right.type.length ?? 64);
      return fold({ type: SqlTypes.varchar(Math.min(length, 65535)), evaluate, constant: false, key }, [left, right]);
    }
    default:
      return fold(arithmetic(e.op, left, right, e.span, key), [left, right]);
  }
}

/**
 * Brings two operands to a comparable representation: both numbers, both strings, both times... Text
 * facing a number or a datetime is converted to it (failing the row when it cannot be). The third
 * value says whether values are byte arrays (compared with compareValues).
 */
function comparable(left: Compiled, right: Compiled, span: Expression["span"], op: string): [Evaluator, Evaluator, boolean] {
  const lt = left.type;
  const rt = right.type;
  const ok = (): [Evaluator, Evaluator, boolean] => [left.evaluate, right.evaluate, isBinary(lt) || isBinary(rt) || lt.name === "ROW"];
  if (isNullType(lt) || isNullType(rt)) return ok();
  if (isNumeric(lt) && isNumeric(rt)) return ok();
  if (isCharacter(lt) && isCharacter(rt)) return ok();
  if (isDatetime(lt) && isDatetime(rt)) return ok();
  if (lt.name === rt.name && lt.name !== "ROW") return ok();
  if (isBinary(lt) && isBinary(rt)) return ok();
  const convertText = (text: Compiled, to: SqlType): Evaluator => {
    const c = converter(text.type, isNumeric(to) ? SqlTypes.double : to, "cast");
    const f = text.evaluate;
    return (row) => c(f(row));
  };
  if (isCharacter(lt) && (isNumeric(rt) || isDatetime(rt) || rt.name === "BOOLEAN")) return [convertText(left, rt), right.evaluate, false];
  if (isCharacter(rt) && (isNumeric(lt) || isDatetime(lt) || lt.name === "BOOLEAN")) return [left.evaluate, convertText(right, lt), false];
  throw cannotApplyOp(op, left, right, span, `'<COMPARABLE_TYPE> ${op} <COMPARABLE_TYPE>'`);
}

function comparison(op: string, l: Evaluator, r: Evaluator, binary: boolean): Evaluator {
  if (binary) {
    const test = (d: number): boolean => (op === "=" ? d === 0 : op === "<>" ? d !== 0 : op === "<" ? d < 0 : op === "<=" ? d <= 0 : op === ">" ? d > 0 : d >= 0);
    return (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      return b === null ? null : test(compareValues(a, b));
    };
  }
  // Numbers, strings and booleans each compare correctly with JavaScript's operators.
  type P = number | string | boolean;
  switch (op) {
    case "=":
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        return b === null ? null : a === b;
      };
    case "<>":
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        return b === null ? null : a !== b;
      };
    case "<":
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        return b === null ? null : (a as P) < (b as P);
      };
    case "<=":
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        return b === null ? null : (a as P) <= (b as P);
      };
    case ">":
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        return b === null ? null : (a as P) > (b as P);
      };
    default:
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        return b === null ? null : (a as P) >= (b as P);
      };
  }
}

function arithmetic(op: "+" | "-" | "*" | "/" | "%", left: Compiled, right: Compiled, span: Expression["span"], key: string): Compiled {
  const lt = left.type;
  const rt = right.type;
  const l = left.evaluate;
  const r = right.evaluate;
  const num = (type: SqlType, f: (a: number, b: number) => number): Compiled => ({
    type,
    evaluate: (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      return b === null ? null : f(a as number, b as number);
    },
    constant: false,
    key,
  });
  const nullish = isNullType(lt) || isNullType(rt);
  if ((isNumeric(lt) || isNullType(lt)) && (isNumeric(rt) || isNullType(rt)) && !(isNullType(lt) && isNullType(rt))) {
    const type = nullish ? (isNullType(lt) ? rt : lt) : numericResultType(lt, rt);
    const integral = isIntegerType(type);
    switch (op) {
      case "+":
        return num(type, (a, b) => a + b);
      case "-":
        return num(type, (a, b) => a - b);
      case "*":
        return num(type, (a, b) => a * b);
      case "/":
        // Integer division truncates, as SQL's does; any division by zero fails the row.
        return num(type, integral ? (a, b) => {
          if (b === 0) throw divisionByZero();
          return Math.trunc(a / b);
        } : (a, b) => {
          if (b === 0) throw divisionByZero();
          return a / b;
        });
      case "%":
        return num(type, (a, b) => {
          if (b === 0) throw divisionByZero();
          return a % b;
        });
    }
  }
  // Datetime arithmetic: TIMESTAMP/DATE/TIME plus or minus an INTERVAL, INTERVAL arithmetic.
  const interval = SqlTypes.interval;
  if (isDatetime(lt) && rt.name === "INTERVAL" && (op === "+" || op === "-")) {
    const wrap = lt.name === "TIME" ? (v: number): number => mod(v, MS.DAY) : lt.name === "DATE" ? (v: number): number => v - mod(v, MS.DAY) : (v: number): number => v;
    return num(lt, op === "+" ? (a, b) => wrap(a + b) : (a, b) => wrap(a - b));
  }
  if (lt.name === "INTERVAL" && isDatetime(rt) && op === "+") return num(rt, (a, b) => a + b);
  if (isDatetime(lt) && isDatetime(rt) && op === "-") return num(interval, (a, b) => a - b);
  if (lt.name === "INTERVAL" && rt.name === "INTERVAL" && (op === "+" || op === "-")) return num(interval, op === "+" ? (a, b) => a + b : (a, b) => a - b);
  if (lt.name === "INTERVAL" && isNumeric(rt) && (op === "*" || op === "/")) {
    return num(interval, op === "*" ? (a, b) => Math.round(a * b) : (a, b) => {
      if (b === 0) throw divisionByZero();
      return Math.round(a / b);
    });
  }
  if (isNumeric(lt) && rt.name === "INTERVAL" && op === "*") return num(interval, (a, b) => Math.round(a * b));
  throw cannotApplyOp(op, left, right, span, `'<NUMERIC> ${op} <NUMERIC>', '<DATETIME> ${op} <INTERVAL>'`);
}

function compileBetween(e: Expression & { kind: "between" }, o: CompileOptions): Compiled {
  const operand = compileExpression(e.operand, o);
  const low = compileExpression(e.low, o);
  const high = compileExpression(e.high, o);
  const [x1, lo, binary1] = comparable(operand, low, e.span, "BETWEEN");
  const [x2, hi, binary2] = comparable(operand, high, e.span, "BETWEEN");
  const ge = comparison(">=", x1, lo, binary1);
  const le = comparison("<=", x2, hi, binary2);
  let evaluate: Evaluator = (row) => {
    const a = ge(row);
    if (a === false) return false;
    const b = le(row);
    if (b === false) return false;
    return a === null || b === null ? null : true;
  };
  if (e.symmetric) {
    const geHigh = comparison(">=", x2, hi, binary2);
    const leLow = comparison("<=", x1, lo, binary1);
    const asymmetric = evaluate;
    evaluate = (row) => {
      const v = asymmetric(row);
      if (v === true) return true;
      const a = geHigh(row);
      const b = leLow(row);
      if (a === true && b === true) return true;
      return v === null || a === null || b === null ? null : false;
    };
  }
  const inner = evaluate;
  if (e.negated) {
    evaluate = (row) => {
      const v = inner(row);
      return v === null ? null : !v;
    };
  }
  return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${operand.key} ${e.negated ? "NOT " : ""}BETWEEN ${low.key} AND ${high.key})` }, [operand, low, high]);
}

function compileIn(e: Expression & { kind: "in" }, o: CompileOptions): Compiled {
  const operand = compileExpression(e.operand, o);
  const list = e.list.map((x) => compileExpression(x, o));
  const tests = list.map((item) => {
    const [a, b, binary] = comparable(operand, item, e.span, "IN");
    return comparison("=", a, b, binary);
  });
  const negated = e.negated;
  let evaluate: Evaluator;
  const primitives = list.every((c) => c.constant && c.evaluate([]) !== null) && !isBinary(operand.type);
  const sameFamily = list.every((c) => (isNumeric(c.type) && isNumeric(operand.type)) || (isCharacter(c.type) && isCharacter(operand.type)) || c.type.name === operand.type.name);
  if (primitives && sameFamily) {
    // A constant list: one Set lookup per row.
    const set = new Set<SqlValue>(list.map((c) => c.evaluate([])));
    const f = operand.evaluate;
    evaluate = (row) => {
      const v = f(row);
      if (v === null) return null;
      return set.has(v) !== negated;
    };
  } else {
    evaluate = (row) => {
      let sawNull = false;
      for (const test of tests) {
        const v = test(row);
        if (v === true) return !negated;
        if (v === null) sawNull = true;
      }
      return sawNull ? null : negated;
    };
  }
  return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${operand.key} ${negated ? "NOT " : ""}IN (${list.map((c) => c.key).join(", ")}))` }, [operand, ...list]);
}

function compileLike(e: Expression & { kind: "like" }, o: CompileOptions): Compiled {
  const operand = compileExpression(e.operand, o);
  const pattern = compileExpression(e.pattern, o);
  const escape = e.escape === undefined ? undefined : compileExpression(e.escape, o);
  const op = e.similar ? "SIMILAR TO" : "LIKE";
  for (const c of [operand, pattern, ...(escape ? [escape] : [])]) {
    if (!isCharacter(c.type) && !isNullType(c.type)) {
      throw new SqlValidationError(`Cannot apply '${op}' to arguments of type '${op}(<${typeToString(operand.type)}>, <${typeToString(pattern.type)}>)'. Supported form(s): '${op}(<STRING>, <STRING>)'`, e.span);
    }
  }
  const make = e.similar ? similarToRegExp : likeToRegExp;
  const f = operand.evaluate;
  let match: (row: Row, text: string) => boolean | null;
  if (pattern.constant && (escape === undefined || escape.constant)) {
    const p = pattern.evaluate([]);
    const esc = escape?.evaluate([]);
    if (p === null || esc === null) {
      match = () => null;
    } else {
      let re: RegExp;
      try {
        re = make(String(p), esc === undefined ? undefined : String(esc));
      } catch (err) {
        if (err instanceof SqlDataError) throw new SqlValidationError(err.message, e.pattern.span);
        throw err;
      }
      match = (_row, text) => re.test(text);
    }
  } else {
    const cache = new PatternCache(make);
    const pf = pattern.evaluate;
    const ef = escape?.evaluate;
    match = (row, text) => {
      const p = pf(row);
      const esc = ef === undefined ? undefined : ef(row);
      if (p === null || esc === null) return null;
      return cache.get(String(p), esc === undefined ? undefined : String(esc)).test(text);
    };
  }
  const negated = e.negated;
  const evaluate: Evaluator = (row) => {
    const v = f(row);
    if (v === null) return null;
    const m = match(row, String(v));
    return m === null ? null : m !== negated;
  };
  return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${operand.key} ${negated ? "NOT " : ""}${op} ${pattern.key})` }, [operand, pattern]);
}

function compileCase(e: Expression & { kind: "case" }, o: CompileOptions): Compiled {
  const operand = e.operand === undefined ? undefined : compileExpression(e.operand, o);
  const whens = e.whens.map((w) => {
    const when = compileExpression(w.when, o);
    let test: Evaluator;
    if (operand !== undefined) {
      const [a, b, binary] = comparable(operand, when, w.when.span, "CASE");
      test = comparison("=", a, b, binary);
    } else {
      requireBoolean(when, w.when.span, "CASE WHEN");
      test = when.evaluate;
    }
    return { when, test, then: compileExpression(w.then, o) };
  });
  const otherwise = e.otherwise === undefined ? undefined : compileExpression(e.otherwise, o);
  let type: SqlType | undefined = SqlTypes.null;
  for (const branch of [...whens.map((w) => w.then), ...(otherwise ? [otherwise] : [])]) {
    type = type === undefined ? undefined : commonType(type, branch.type);
    if (type === undefined) {
      throw new SqlValidationError(`Illegal mixing of types in CASE or COALESCE statement`, e.span);
    }
  }
  const resultType = type ?? SqlTypes.null;
  const branches = whens.map((w) => ({ test: w.test, then: castTo(w.then, resultType) }));
  const fallback = otherwise === undefined ? (): SqlValue => null : castTo(otherwise, resultType);
  const evaluate: Evaluator = (row) => {
    for (const b of branches) if (b.test(row) === true) return b.then(row);
    return fallback(row);
  };
  const key = `CASE(${operand?.key ?? ""};${whens.map((w) => `${w.when.key}:${w.then.key}`).join(";")};${otherwise?.key ?? ""})`;
  return fold({ type: resultType, evaluate, constant: false, key }, [...(operand ? [operand] : []), ...whens.flatMap((w) => [w.when, w.then]), ...(otherwise ? [otherwise] : [])]);
}

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
