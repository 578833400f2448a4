/**
 * String functions of AWS's SQL Reference: CHAR_LENGTH, UPPER, LOWER, INITCAP, SUBSTRING, POSITION,
 * TRIM, OVERLAY, REGEX_REPLACE. Positions count from 1; a NULL argument gives NULL.
 * REGEX_REPLACE's pattern is Java's regular-expression syntax; it runs as a JavaScript RegExp, which
 * reads the common syntax the same way (possessive quantifiers and a few Java-only constructs fail).
 */
import type { Call } from "../ast";
import { fold, strict1, strict2, type Compiled, type Evaluator } from "../compiled";
import { SqlDataError, SqlValidationError } from "../errors";
import { isCharacter, isNumeric, SqlTypes, type SqlType } from "../types";
import type { SqlValue } from "../values";
import { arg, callKey, checkArgs, type Builtin } from "./shared";

const text = isCharacter;
const num = isNumeric;

function lengthOf(t: SqlType): number {
  return t.length ?? 65535;
}

function result(call: Call, args: readonly Compiled[], type: SqlType, evaluate: Evaluator): Compiled {
  return fold({ type, evaluate, constant: false, key: callKey(call, args) }, args);
}

const charLength: Builtin = (call, args) => {
  checkArgs(call, args, [text], "'CHAR_LENGTH(<CHARACTER>)'");
  return result(call, args, SqlTypes.integer, strict1<string>(arg(args, 0).evaluate, (s) => s.length));
};

function caseFunction(name: string, f: (s: string) => string): Builtin {
  return (call, args) => {
    checkArgs(call, args, [text], `'${name}(<CHARACTER>)'`);
    const a = arg(args, 0);
    return result(call, args, SqlTypes.varchar(lengthOf(a.type)), strict1<string>(a.evaluate, f));
  };
}

function initcap(s: string): string {
  let out = "";
  let startOfWord = true;
  for (const c of s) {
    const letterOrDigit = c.toLowerCase() !== c.toUpperCase() || (c >= "0" && c <= "9");
    out += startOfWord ? c.toUpperCase() : c.toLowerCase();
    startOfWord = !letterOrDigit;
  }
  return out;
}

/** SQL's SUBSTRING: characters from `start` (1-based) for `length`, clipped to the string. */
export function substring(s: string, start: number, length?: number): string {
  if (length !== undefined && length < 0) throw new SqlDataError("Substring error", `Negative substring length ${length} not allowed`);
  const from = Math.max(Math.trunc(start), 1);
  const to = length === undefined ? s.length + 1 : Math.min(Math.trunc(start) + Math.trunc(length), s.length + 1);
  return to <= from ? "" : s.slice(from - 1, to - 1);
}

const substringFn: Builtin = (call, args) => {
  checkArgs(call, args, [text, num, num], "'SUBSTRING(<CHARACTER> FROM <INTEGER>)', 'SUBSTRING(<CHARACTER> FROM <INTEGER> FOR <INTEGER>)'", 1);
  const s = arg(args, 0);
  const start = arg(args, 1);
  const type = SqlTypes.varchar(lengthOf(s.type));
  const length = args[2];
  if (length === undefined) return result(call, args, type, strict2<string, number>(s.evaluate, start.evaluate, (x, a) => substring(x, a)));
  const fs = s.evaluate;
  const fa = start.evaluate;
  const fl = length.evaluate;
  return result(call, args, type, (row) => {
    const x = fs(row);
    const a = fa(row);
    const l = fl(row);
    return x === null || a === null || l === null ? null : substring(x as string, a as number, l as number);
  });
};

const position: Builtin = (call, args) => {
  checkArgs(call, args, [text, text, num], "'POSITION(<STRING> IN <STRING>)'", 1);
  const needle = arg(args, 0).evaluate;
  const haystack = arg(args, 1).evaluate;
  const from = args[2]?.evaluate;
  return result(call, args, SqlTypes.integer, (row) => {
    const n = needle(row);
    const h = haystack(row);
    const f = from === undefined ? 1 : from(row);
    if (n === null || h === null || f === null) return null;
    return (h as string).indexOf(n as string, Math.max(0, (f as number) - 1)) + 1;
  });
};

const trim: Builtin = (call, args) => {
  checkArgs(call, args, [text, text], "'TRIM(<CHARACTER>)', 'TRIM(BOTH|LEADING|TRAILING <CHARACTER> FROM <CHARACTER>)'", 1);
  const source = arg(args, 0);
  const chars = args[1];
  const spec = call.trim ?? "BOTH";
  const leading = spec !== "TRAILING";
  const trailing = spec !== "LEADING";
  const strip = (s: string, c: string): string => {
    if ([...c].length !== 1) throw new SqlDataError("Trim error", "Trim error: trim character must be exactly 1 character");
    let a = 0;
    let b = s.length;
    if (leading) while (a < b && s.startsWith(c, a)) a += c.length;
    if (trailing) while (b > a && s.endsWith(c, b)) b -= c.length;
    return s.slice(a, b);
  };
  const type = SqlTypes.varchar(lengthOf(source.type));
  const key = callKey(call, args, `;${spec}`);
  if (chars === undefined) {
    return fold({ type, evaluate: strict1<string>(source.evaluate, (s) => strip(s, " ")), constant: false, key }, args);
  }
  return fold({ type, evaluate: strict2<string, string>(source.evaluate, chars.evaluate, strip), constant: false, key }, args);
};

const overlay: Builtin = (call, args) => {
  checkArgs(call, args, [text, text, num, num], "'OVERLAY(<STRING> PLACING <STRING> FROM <INTEGER> [FOR <INTEGER>])'", 1);
  const fs = arg(args, 0).evaluate;
  const ft = arg(args, 1).evaluate;
  const fa = arg(args, 2).evaluate;
  const fl = args[3]?.evaluate;
  const type = SqlTypes.varchar(lengthOf(arg(args, 0).type) + lengthOf(arg(args, 1).type));
  return result(call, args, type, (row) => {
    const s = fs(row);
    const t = ft(row);
    const a = fa(row);
    const l = fl === undefined ? (t === null ? null : (t as string).length) : fl(row);
    if (s === null || t === null || a === null || l === null) return null;
    const start = Math.max(1, a as number);
    return (s as string).slice(0, start - 1) + (t as string) + (s as string).slice(start - 1 + (l as number));
  });
};

/** Java's replacement syntax ($1, ${name}, \$ for a dollar) in JavaScript's ($1, $<name>, $$). */
export function javaReplacement(replacement: string): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] ?? "";
    if (c === "\\") {
      const next = replacement[++i] ?? "";
      out += next === "$" ? "$$" : next;
    } else if (c === "$" && replacement[i + 1] === "{") {
      const close = replacement.indexOf("}", i);
      out += `$<${replacement.slice(i + 2, close)}>`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

function compileRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "gu");
  } catch {
    try {
      return new RegExp(pattern, "g");
    } catch {
      throw new SqlDataError("Invalid regular expression", `Invalid regular expression '${pattern}'`);
    }
  }
}

export function regexReplace(original: string, re: RegExp, replacement: string, start: number, occurrence: number): string {
  if (start < 1) throw new SqlDataError("Invalid argument", `REGEX_REPLACE startPosition ${start} is less than 1`);
  if (occurrence < 0) throw new SqlDataError("Invalid argument", `REGEX_REPLACE occurrence ${occurrence} is less than 0`);
  if (start > original.length) return original;
  const head = original.slice(0, start - 1);
  const tail = original.slice(start - 1);
  re.lastIndex = 0;
  if (occurrence === 0) return head + tail.replace(re, replacement);
  let seen = 0;
  return head + tail.replace(re, (...match: unknown[]) => {
    seen++;
    const whole = String(match[0]);
    if (seen !== occurrence) return whole;
    // Expand $n / $<name> for this one match by replacing it on its own.
    const single = new RegExp(re.source, re.flags.replace("g", ""));
    return whole.replace(single, replacement);
  });
}

const regexReplaceFn: Builtin = (call, args) => {
  checkArgs(call, args, [text, text, text, num, num], "'REGEX_REPLACE(<CHARACTER>, <CHARACTER>, <CHARACTER>, <INTEGER>, <INTEGER>)'", 2);
  const [fo, fp, fr] = [arg(args, 0).evaluate, arg(args, 1).evaluate, arg(args, 2).evaluate];
  const fstart = args[3]?.evaluate;
  const focc = args[4]?.evaluate;
  const pattern = arg(args, 1);
  let constantRe: RegExp | undefined;
  if (pattern.constant) {
    const p = pattern.evaluate([]);
    if (p !== null) {
      try {
        constantRe = compileRegex(String(p));
      } catch (e) {
        if (e instanceof SqlDataError) throw new SqlValidationError(e.message, call.span);
        throw e;
      }
    }
  }
  const type = SqlTypes.varchar(65535);
  return result(call, args, type, (row) => {
    const o = fo(row);
    const p = fp(row);
    const r = fr(row);
    const start: SqlValue = fstart === undefined ? 1 : fstart(row);
    const occ: SqlValue = focc === undefined ? 0 : focc(row);
    if (o === null || p === null || r === null || start === null || occ === null) return null;
    const re = constantRe ?? compileRegex(p as string);
    return regexReplace(o as string, re, javaReplacement(r as string), start as number, occ as number);
  });
};

export const STRING_BUILTINS: readonly (readonly [string, Builtin])[] = [
  ["CHAR_LENGTH", charLength],
  ["CHARACTER_LENGTH", charLength],
  ["UPPER", caseFunction("UPPER", (s) => s.toUpperCase())],
  ["LOWER", caseFunction("LOWER", (s) => s.toLowerCase())],
  ["INITCAP", caseFunction("INITCAP", initcap)],
  ["SUBSTRING", substringFn],
  ["POSITION", position],
  ["TRIM", trim],
  ["OVERLAY", overlay],
  ["REGEX_REPLACE", regexReplaceFn],
];
