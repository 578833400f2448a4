/**
 * Numeric functions (ABS, CEIL, FLOOR, EXP, LN, LOG10, SQRT, POWER, MOD, ROUND) and the two that also
 * round times: FLOOR/CEIL(x TO unit) and STEP(x BY interval). STEP(ts BY INTERVAL 'n' unit) is the start
 * of ts's n-unit bucket counted from the epoch; STEP(i BY n) the largest multiple of n not above i.
 * Logarithms and roots of values outside their domain fail the row.
 */
import type { Call } from "../ast";
import { roundToScale } from "../coerce";
import { fold, strict1, strict2, type Compiled, type Evaluator } from "../compiled";
import { ceilTo, floorTo } from "../datetime";
import { divisionByZero, SqlDataError, SqlValidationError } from "../errors";
import { isDatetime, isExactNumeric, isIntegerType, isNullType, isNumeric, numericResultType, SqlTypes, type SqlType } from "../types";
import { arg, callKey, checkArgs, type Builtin } from "./shared";

const num = isNumeric;

function result(call: Call, args: readonly Compiled[], type: SqlType, evaluate: Evaluator, extraKey = ""): Compiled {
  return fold({ type, evaluate, constant: false, key: callKey(call, args, extraKey) }, args);
}

const abs: Builtin = (call, args) => {
  checkArgs(call, args, [(t) => isNumeric(t) || t.name === "INTERVAL"], "'ABS(<NUMERIC>)', 'ABS(<INTERVAL_DAY_TIME>)'");
  const a = arg(args, 0);
  return result(call, args, a.type, strict1<number>(a.evaluate, Math.abs));
};

function rounding(name: "FLOOR" | "CEIL"): Builtin {
  return (call, args) => {
    checkArgs(call, args, [(t) => isNumeric(t) || isDatetime(t)], `'${name}(<NUMERIC>)', '${name}(<DATETIME> TO <TIME UNIT>)'`);
    const a = arg(args, 0);
    const unit = call.unit;
    if (unit !== undefined) {
      if (!isDatetime(a.type) && !isNullType(a.type)) {
        throw new SqlValidationError(`Cannot apply '${name}' to arguments of type '${name}(<${a.type.name}> TO ${unit})'. Supported form(s): '${name}(<DATETIME> TO <TIME UNIT>)'`, call.span);
      }
      const f = name === "FLOOR" ? floorTo : ceilTo;
      return result(call, args, a.type, strict1<number>(a.evaluate, (v) => f(v, unit)), `;TO ${unit}`);
    }
    if (isDatetime(a.type)) {
      throw new SqlValidationError(`${name} of a ${a.type.name} needs a time unit: ${name}(x TO MINUTE)`, call.span);
    }
    if (isIntegerType(a.type)) return a;
    const type = a.type.name === "DECIMAL" ? SqlTypes.decimal(a.type.precision, 0) : a.type;
    return result(call, args, type, strict1<number>(a.evaluate, name === "FLOOR" ? Math.floor : Math.ceil));
  };
}

function real(name: string, f: (x: number) => number, domain?: (x: number) => boolean): Builtin {
  return (call, args) => {
    checkArgs(call, args, [num], `'${name}(<NUMERIC>)'`);
    return result(
      call,
      args,
      SqlTypes.double,
      strict1<number>(arg(args, 0).evaluate, (x) => {
        if (domain !== undefined && !domain(x)) throw new SqlDataError("Invalid argument", `Invalid argument ${x} for ${name}`);
        return f(x);
      }),
    );
  };
}

const power: Builtin = (call, args) => {
  checkArgs(call, args, [num, num], "'POWER(<NUMERIC>, <NUMERIC>)'");
  return result(call, args, SqlTypes.double, strict2<number, number>(arg(args, 0).evaluate, arg(args, 1).evaluate, (a, b) => {
    const r = a ** b;
    if (Number.isNaN(r)) throw new SqlDataError("Invalid argument", `Invalid arguments ${a}, ${b} for POWER`);
    return r;
  }));
};

const mod: Builtin = (call, args) => {
  checkArgs(call, args, [isExactNumeric, isExactNumeric], "'MOD(<EXACT_NUMERIC>, <EXACT_NUMERIC>)'");
  const type = arg(args, 1).type;
  return result(call, args, isNullType(type) ? arg(args, 0).type : type, strict2<number, number>(arg(args, 0).evaluate, arg(args, 1).evaluate, (a, b) => {
    if (b === 0) throw divisionByZero();
    return a % b;
  }));
};

/** Rounds half away from zero, to `digits` after the point (negative: before it). */
export function roundHalfAway(x: number, digits: number): number {
  return digits >= 0 ? roundToScale(x, digits) : Math.sign(x) * Math.round(Math.abs(x) / 10 ** -digits) * 10 ** -digits;
}

const round: Builtin = (call, args) => {
  checkArgs(call, args, [num, isIntegerType], "'ROUND(<NUMERIC>)', 'ROUND(<NUMERIC>, <INTEGER>)'", 1);
  const x = arg(args, 0);
  const digits = args[1];
  if (digits === undefined) {
    const type = x.type.name === "DECIMAL" ? SqlTypes.decimal(x.type.precision, 0) : x.type;
    return result(call, args, type, strict1<number>(x.evaluate, (v) => roundHalfAway(v, 0)));
  }
  return result(call, args, x.type, strict2<number, number>(x.evaluate, digits.evaluate, roundHalfAway));
};

const step: Builtin = (call, args) => {
  checkArgs(call, args, [(t) => isDatetime(t) || isIntegerType(t), (t) => t.name === "INTERVAL" || isIntegerType(t)], "'STEP(<DATETIME> BY <INTERVAL>)', 'STEP(<INTEGER> BY <INTEGER>)'");
  const x = arg(args, 0);
  const by = arg(args, 1);
  if (isDatetime(x.type) !== (by.type.name === "INTERVAL") && !isNullType(x.type) && !isNullType(by.type)) {
    throw new SqlValidationError(`Cannot apply 'STEP' to arguments of type 'STEP(<${x.type.name}> BY <${by.type.name}>)'. Supported form(s): 'STEP(<DATETIME> BY <INTERVAL>)', 'STEP(<INTEGER> BY <INTEGER>)'`, call.span);
  }
  if (by.constant) {
    const width = by.evaluate([]);
    if (typeof width === "number" && width <= 0) throw new SqlValidationError(`STEP's interval must be positive`, call.span);
  }
  const type = isDatetime(x.type) ? x.type : numericResultType(x.type, by.type);
  return result(call, args, type, strict2<number, number>(x.evaluate, by.evaluate, (v, w) => {
    if (w <= 0) throw new SqlDataError("Invalid argument", `STEP's interval ${w} must be positive`);
    return Math.floor(v / w) * w;
  }));
};

export const NUMERIC_BUILTINS: readonly (readonly [string, Builtin])[] = [
  ["ABS", abs],
  ["FLOOR", rounding("FLOOR")],
  ["CEIL", rounding("CEIL")],
  ["EXP", real("EXP", Math.exp)],
  ["LN", real("LN", Math.log, (x) => x > 0)],
  ["LOG10", real("LOG10", Math.log10, (x) => x > 0)],
  ["SQRT", real("SQRT", Math.sqrt, (x) => x >= 0)],
  ["POWER", power],
  ["MOD", mod],
  ["ROUND", round],
  ["STEP", step],
];
