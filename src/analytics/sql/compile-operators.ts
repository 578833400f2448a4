/**
 * The operators of expressions: logic, comparison, arithmetic, ||, IS, BETWEEN, IN, LIKE / SIMILAR TO
 * and CASE. Each gets its operands compiled through `compile` (so GROUP BY keys and aggregates inside
 * them are replaced as the caller's context wants) and returns the compiled operator. Typing follows
 * AWS's implicit conversions: numbers of any type mix; text facing a number or a datetime is converted
 * to it; `||` writes numbers and datetimes as text. Any division by zero fails the row, as AWS's does.
 */
import type { Expression } from "./ast";
import { converter, valueToText } from "./coerce";
import { castTo, fold, type Compiled, type Evaluator } from "./compiled";
import { MS, mod } from "./datetime";
import { divisionByZero, SqlDataError, SqlValidationError } from "./errors";
import { likeToRegExp, PatternCache, similarToRegExp } from "./patterns";
import { commonType, isBinary, isCharacter, isDatetime, isIntegerType, isNullType, isNumeric, numericResultType, SqlTypes, typeToString, type SqlType } from "./types";
import { compareValues, type Row, type SqlValue } from "./values";

/** Compiles a sub-expression in the caller's context. */
export type Compile = (e: Expression) => Compiled;

export function compileIs(e: Expression & { kind: "is" }, compile: Compile): Compiled {
  const operand = compile(e.operand);
  if (e.test !== "NULL") requireBoolean(operand, e.span, `IS ${e.test}`);
  const f = operand.evaluate;
  const want = e.test === "TRUE" ? true : e.test === "FALSE" ? false : null;
  const test: Evaluator = e.test === "NULL" ? (row) => f(row) === null : (row) => f(row) === want;
  const evaluate: Evaluator = e.negated ? (row) => !test(row) : test;
  return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${operand.key} IS ${e.negated ? "NOT " : ""}${e.test})` }, [operand]);
}

export function compileIsDistinct(e: Expression & { kind: "isDistinct" }, compile: Compile): Compiled {
  const left = compile(e.left);
  const right = compile(e.right);
  const [l, r] = comparable(left, right, e.span, "IS DISTINCT FROM");
  const evaluate: Evaluator = (row) => {
    const a = l(row);
    const b = r(row);
    const distinct = a === null || b === null ? a !== b : compareValues(a, b) !== 0;
    return e.negated ? !distinct : distinct;
  };
  return fold({ type: SqlTypes.boolean, evaluate, constant: false, key: `(${left.key} IS ${e.negated ? "NOT " : ""}DISTINCT FROM ${right.key})` }, [left, right]);
}

export function requireBoolean(c: Compiled, span: Expression["span"], op: string): void {
  if (c.type.name !== "BOOLEAN" && !isNullType(c.type)) {
    throw new SqlValidationError(`Cannot apply '${op}' to arguments of type '${op} <${typeToString(c.type)}>'. Supported form(s): '${op} <BOOLEAN>'`, span);
  }
}

export function compileUnary(e: Expression & { kind: "unary" }, compile: Compile): Compiled {
  const operand = compile(e.operand);
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

export function compileBinary(e: Expression & { kind: "binary" }, compile: Compile): Compiled {
  const left = compile(e.left);
  const right = compile(e.right);
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
export function comparable(left: Compiled, right: Compiled, span: Expression["span"], op: string): [Evaluator, Evaluator, boolean] {
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

export function comparison(op: string, l: Evaluator, r: Evaluator, binary: boolean): Evaluator {
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

export function compileBetween(e: Expression & { kind: "between" }, compile: Compile): Compiled {
  const operand = compile(e.operand);
  const low = compile(e.low);
  const high = compile(e.high);
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

export function compileIn(e: Expression & { kind: "in" }, compile: Compile): Compiled {
  const operand = compile(e.operand);
  const list = e.list.map((x) => compile(x));
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

export function compileLike(e: Expression & { kind: "like" }, compile: Compile): Compiled {
  const operand = compile(e.operand);
  const pattern = compile(e.pattern);
  const escape = e.escape === undefined ? undefined : compile(e.escape);
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

export function compileCase(e: Expression & { kind: "case" }, compile: Compile): Compiled {
  const operand = e.operand === undefined ? undefined : compile(e.operand);
  const whens = e.whens.map((w) => {
    const when = compile(w.when);
    let test: Evaluator;
    if (operand !== undefined) {
      const [a, b, binary] = comparable(operand, when, w.when.span, "CASE");
      test = comparison("=", a, b, binary);
    } else {
      requireBoolean(when, w.when.span, "CASE WHEN");
      test = when.evaluate;
    }
    return { when, test, then: compile(w.then) };
  });
  const otherwise = e.otherwise === undefined ? undefined : compile(e.otherwise);
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
