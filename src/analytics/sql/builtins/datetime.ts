/**
 * Date and time functions: the clock (CURRENT_ROW_TIMESTAMP, CURRENT_TIMESTAMP, LOCALTIMESTAMP,
 * CURRENT_DATE, CURRENT_TIME, LOCALTIME), EXTRACT, UNIX_TIMESTAMP / TO_TIMESTAMP (milliseconds since the
 * epoch, as AWS's), TSDIFF, and the Java-pattern conversions TIMESTAMP_TO_CHAR, TIME_TO_CHAR,
 * DATE_TO_CHAR, CHAR_TO_TIMESTAMP, CHAR_TO_DATE, CHAR_TO_TIME.
 * The clock is the engine's (injected); all of them read the same instant within one row.
 * Quirk kept from AWS: TIMESTAMP_TO_CHAR of a NULL timestamp is the string 'null'.
 */
import type { Call } from "../ast";
import { fold, strict1, strict2, type Compiled, type Evaluator } from "../compiled";
import { compileDatePattern, extractField, MS, mod, type DatePattern } from "../datetime";
import { SqlDataError, SqlValidationError } from "../errors";
import { isCharacter, isDatetime, isNumeric, SqlTypes, type SqlType } from "../types";
import { arg, callKey, checkArgs, type Builtin } from "./shared";

function result(call: Call, args: readonly Compiled[], type: SqlType, evaluate: Evaluator, extraKey = ""): Compiled {
  return fold({ type, evaluate, constant: false, key: callKey(call, args, extraKey) }, args);
}

function clock(type: SqlType, f: (now: number) => number): Builtin {
  return (call, args, ctx) => {
    checkArgs(call, args, [], `'${call.name.name}'`);
    return { type, evaluate: () => f(ctx.now()), constant: false, key: call.name.name };
  };
}

const extract: Builtin = (call, args) => {
  checkArgs(call, args, [(t) => isDatetime(t) || t.name === "INTERVAL"], "'EXTRACT(<TIME UNIT> FROM <DATETIME>)'");
  const unit = call.unit;
  if (unit === undefined) throw new SqlValidationError("EXTRACT needs a time unit", call.span);
  const a = arg(args, 0);
  if (a.type.name === "INTERVAL") {
    const sizes: Partial<Record<string, number>> = { DAY: MS.DAY, HOUR: MS.HOUR, MINUTE: MS.MINUTE, SECOND: MS.SECOND };
    const size = sizes[unit];
    if (size === undefined) throw new SqlValidationError(`EXTRACT(${unit} FROM <INTERVAL>) is not supported`, call.span);
    const modulo = unit === "DAY" ? Infinity : unit === "HOUR" ? 24 : 60;
    return result(call, args, SqlTypes.bigint, strict1<number>(a.evaluate, (v) => Math.trunc(v / size) % modulo), `;${unit}`);
  }
  return result(call, args, SqlTypes.bigint, strict1<number>(a.evaluate, (v) => extractField(unit, v)), `;${unit}`);
};

const unixTimestamp: Builtin = (call, args) => {
  checkArgs(call, args, [isDatetime], "'UNIX_TIMESTAMP(<TIMESTAMP>)'");
  const a = arg(args, 0);
  return { ...a, type: SqlTypes.bigint, key: callKey(call, args) };
};

const toTimestamp: Builtin = (call, args) => {
  checkArgs(call, args, [isNumeric], "'TO_TIMESTAMP(<BIGINT>)'");
  return result(call, args, SqlTypes.timestamp, strict1<number>(arg(args, 0).evaluate, Math.trunc));
};

const tsdiff: Builtin = (call, args) => {
  checkArgs(call, args, [isDatetime, isDatetime], "'TSDIFF(<TIMESTAMP>, <TIMESTAMP>)'");
  return result(call, args, SqlTypes.bigint, strict2<number, number>(arg(args, 0).evaluate, arg(args, 1).evaluate, (a, b) => a - b));
};

/** A pattern argument: compiled once when it is a constant, else per row (kept while it repeats). */
function patternOf(call: Call, format: Compiled): (value: string) => DatePattern {
  if (format.constant) {
    const p = format.evaluate([]);
    if (typeof p === "string") {
      let compiled: DatePattern;
      try {
        compiled = compileDatePattern(p);
      } catch (e) {
        throw new SqlValidationError(e instanceof Error ? e.message : String(e), call.span);
      }
      return () => compiled;
    }
  }
  let last: { text: string; pattern: DatePattern } | undefined;
  return (text) => {
    if (last?.text !== text) {
      try {
        last = { text, pattern: compileDatePattern(text) };
      } catch (e) {
        throw new SqlDataError("Invalid argument", e instanceof Error ? e.message : String(e));
      }
    }
    return last.pattern;
  };
}

function toChar(name: string, kind: SqlType["name"]): Builtin {
  return (call, args) => {
    checkArgs(call, args, [isCharacter, (t) => t.name === kind || (kind === "TIMESTAMP" && isDatetime(t))], `'${name}(<CHARACTER>, <${kind}>)'`);
    const format = arg(args, 0);
    const pattern = patternOf(call, format);
    const ff = format.evaluate;
    const fv = arg(args, 1).evaluate;
    const nullText = kind === "TIMESTAMP" ? "null" : null;
    return result(call, args, SqlTypes.varchar(256), (row) => {
      const f = ff(row);
      if (f === null) return null;
      const v = fv(row);
      if (v === null) return nullText;
      return pattern(f as string).format(v as number);
    });
  };
}

function fromChar(name: string, type: SqlType): Builtin {
  return (call, args) => {
    checkArgs(call, args, [isCharacter, isCharacter], `'${name}(<CHARACTER>, <CHARACTER>)'`);
    const format = arg(args, 0);
    const pattern = patternOf(call, format);
    return result(call, args, type, strict2<string, string>(format.evaluate, arg(args, 1).evaluate, (f, text) => {
      const ms = pattern(f).parse(text);
      if (ms === undefined) throw new SqlDataError("Coercion error", `Unparseable ${type.name} '${text}' for pattern '${f}'`);
      return type.name === "DATE" ? ms - mod(ms, MS.DAY) : type.name === "TIME" ? mod(ms, MS.DAY) : ms;
    }));
  };
}

export const DATETIME_BUILTINS: readonly (readonly [string, Builtin])[] = [
  ["CURRENT_ROW_TIMESTAMP", clock(SqlTypes.timestamp, (t) => t)],
  ["CURRENT_TIMESTAMP", clock(SqlTypes.timestamp, (t) => t)],
  ["LOCALTIMESTAMP", clock(SqlTypes.timestamp, (t) => t)],
  ["CURRENT_DATE", clock(SqlTypes.date, (t) => t - mod(t, MS.DAY))],
  ["CURRENT_TIME", clock(SqlTypes.time, (t) => mod(t, MS.DAY))],
  ["LOCALTIME", clock(SqlTypes.time, (t) => mod(t, MS.DAY))],
  ["EXTRACT", extract],
  ["UNIX_TIMESTAMP", unixTimestamp],
  ["TO_TIMESTAMP", toTimestamp],
  ["TSDIFF", tsdiff],
  ["TIMESTAMP_TO_CHAR", toChar("TIMESTAMP_TO_CHAR", "TIMESTAMP")],
  ["TIME_TO_CHAR", toChar("TIME_TO_CHAR", "TIME")],
  ["DATE_TO_CHAR", toChar("DATE_TO_CHAR", "DATE")],
  ["CHAR_TO_TIMESTAMP", fromChar("CHAR_TO_TIMESTAMP", SqlTypes.timestamp)],
  ["CHAR_TO_DATE", fromChar("CHAR_TO_DATE", SqlTypes.date)],
  ["CHAR_TO_TIME", fromChar("CHAR_TO_TIME", SqlTypes.time)],
];


