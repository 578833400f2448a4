/**
 * Conversions between types, compiled once per (from, to) pair into a closure:
 * - "input": a value read from a record (JSON value or CSV text) into an input column, by the rules of
 *   AWS's "Mapping JSON Data Types to SQL Data Types" (booleans become 1/0 in numeric columns, any
 *   string is a BOOLEAN (true only for "true"), VARCHAR silently truncates, ...);
 * - "cast": CAST(x AS type) and the implicit conversions of expressions;
 * - "store": a pump writing a value into a stream's column (truncating VARCHAR, checking ranges).
 * A value that cannot be converted throws SqlDataError; its row goes to error_stream.
 * Deliberate differences: CAST of a fractional number to an integer type truncates toward zero;
 * text into BINARY takes X'hex' on input and the text's UTF-8 bytes in CAST.
 */
import { formatDate, formatTime, formatTimestamp, MS, mod, parseDatetime } from "./datetime";
import { SqlDataError } from "./errors";
import { INTEGER_RANGE, isCharacter, isIntegerType, isNumeric, typeToString, type SqlType } from "./types";
import { toHex, type SqlValue } from "./values";

export type ConversionMode = "input" | "cast" | "store";
export type Converter = (v: SqlValue) => SqlValue;

const identity: Converter = (v) => v;

function coercionError(v: unknown, to: SqlType): SqlDataError {
  const shown = typeof v === "string" ? `'${v}'` : v instanceof Uint8Array ? `X'${toHex(v)}'` : JSON.stringify(v) ?? String(v);
  return new SqlDataError("Coercion error", `Cannot convert ${shown.slice(0, 200)} to ${typeToString(to)}`);
}

/** Java's Double.toString: "3.0", "0.001", "1.0E7", "1.234E-5". */
export function javaDoubleString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (!Number.isFinite(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const a = Math.abs(d);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa = "0", exponent = "0"] = d.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** The text of a value, as CAST(x AS VARCHAR) gives it. */
export function valueToText(v: SqlValue, type: SqlType): string {
  if (v === null) return "null";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Uint8Array) return toHex(v).toUpperCase();
  if (Array.isArray(v)) return `ROW(${v.map((x, i) => valueToText(x, type.fields?.[i]?.type ?? type)).join(", ")})`;
  switch (type.name) {
    case "TIMESTAMP":
      return formatTimestamp(v);
    case "DATE":
      return formatDate(v);
    case "TIME":
      return formatTime(v);
    case "REAL":
    case "DOUBLE":
      return javaDoubleString(v);
    case "DECIMAL":
      return v.toFixed(type.scale ?? 0);
    case "INTERVAL":
      return intervalText(v);
    default:
      return String(v);
  }
}

function intervalText(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  let rest = Math.abs(ms);
  const days = Math.floor(rest / MS.DAY);
  rest -= days * MS.DAY;
  const h = Math.floor(rest / MS.HOUR);
  rest -= h * MS.HOUR;
  const m = Math.floor(rest / MS.MINUTE);
  rest -= m * MS.MINUTE;
  const s = rest / 1000;
  return `${sign}${days} ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${s.toFixed(3).padStart(6, "0")}`;
}

/** Reads a number from text ("12", " -3.5 ", "1e3"); undefined when it is not one. */
export function textToNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

function checkInteger(n: number, to: SqlType, mode: ConversionMode, original: SqlValue): number {
  let r = n;
  if (!Number.isInteger(r)) {
    // On input AWS refuses 123.4 for an INT column; CAST and storing truncate.
    if (mode === "input") throw coercionError(original, to);
    r = Math.trunc(r);
  }
  const range = INTEGER_RANGE[to.name];
  if (range !== undefined && (r < range[0] || r > range[1])) {
    throw new SqlDataError("Out of range", `Value ${n} is out of range for ${typeToString(to)}`);
  }
  return r;
}

/** Rounds half away from zero at `scale` decimal digits of the number as written (1.005 to 1.01). */
export function roundToScale(n: number, scale: number): number {
  const text = String(Math.abs(n));
  // Shifting the decimal text, not the binary value, keeps 1.005 from becoming 1.00499999...
  const shifted = text.includes("e") ? Math.abs(n) * 10 ** scale : Number(`${text}e${scale}`);
  const rounded = Math.round(shifted);
  return Math.sign(n) * (String(rounded).includes("e") ? rounded / 10 ** scale : Number(`${rounded}e-${scale}`));
}

function roundDecimal(n: number, to: SqlType): number {
  const scale = to.scale ?? 0;
  const r = roundToScale(n, scale);
  const limit = 10 ** ((to.precision ?? 19) - scale);
  if (Math.abs(r) >= limit) throw new SqlDataError("Out of range", `Value ${n} is out of range for ${typeToString(to)}`);
  return r;
}

function truncateText(s: string, to: SqlType): string {
  const n = to.length;
  return n !== undefined && s.length > n ? s.slice(0, n) : s;
}

/** A closure converting values of type `from` to type `to` (null stays null). */
export function converter(from: SqlType, to: SqlType, mode: ConversionMode): Converter {
  const convert = converterNonNull(from, to, mode);
  if (convert === identity) return identity;
  return (v) => (v === null ? null : convert(v));
}

function converterNonNull(from: SqlType, to: SqlType, mode: ConversionMode): Converter {
  if (isIntegerType(to)) {
    if (isIntegerType(from) && rangeWithin(from, to)) return identity;
    return (v) => checkInteger(toNumber(v, to, mode), to, mode, v);
  }
  switch (to.name) {
    case "DECIMAL":
      return (v) => roundDecimal(toNumber(v, to, mode), to);
    case "REAL":
    case "DOUBLE":
      if (isNumeric(from)) return identity;
      return (v) => toNumber(v, to, mode);
    case "CHAR":
    case "VARCHAR": {
      const limit = to.length;
      if (isCharacter(from) && (limit === undefined || (from.length !== undefined && from.length <= limit))) return identity;
      return (v) => truncateText(typeof v === "string" ? v : mode === "input" ? inputText(v) : valueToText(v, from), to);
    }
    case "BOOLEAN":
      if (from.name === "BOOLEAN") return identity;
      return (v) => toBoolean(v, to, mode);
    case "TIMESTAMP":
    case "DATE":
    case "TIME": {
      const target = to.name;
      if (from.name === target) return identity;
      return (v) => toDatetime(v, from, target, to);
    }
    case "BINARY":
    case "VARBINARY":
      return (v) => toBinary(v, to, mode);
    case "INTERVAL":
      if (from.name === "INTERVAL") return identity;
      return (v) => {
        throw coercionError(v, to);
      };
    case "NULL":
      return identity;
    case "ROW":
      if (from.name === "ROW") return identity;
      return (v) => {
        throw coercionError(v, to);
      };
  }
  return identity;
}

function rangeWithin(from: SqlType, to: SqlType): boolean {
  const a = INTEGER_RANGE[from.name];
  const b = INTEGER_RANGE[to.name];
  return a !== undefined && b !== undefined && a[0] >= b[0] && a[1] <= b[1];
}

/** JSON values as text: arrays and objects keep their JSON source text. */
function inputText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (v instanceof Uint8Array) return toHex(v);
  return JSON.stringify(v) ?? "";
}

function toNumber(v: SqlValue, to: SqlType, mode: ConversionMode): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const n = textToNumber(v);
    if (n === undefined) throw coercionError(v, to);
    return n;
  }
  if (typeof v === "boolean" && mode === "input") return v ? 1 : 0;
  throw coercionError(v, to);
}

function toBoolean(v: SqlValue, to: SqlType, mode: ConversionMode): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && mode === "input") return v !== 0;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (t === "true") return true;
    // AWS reads any other string as false on input; CAST accepts only 'true' and 'false'.
    if (t === "false" || mode === "input") return false;
  }
  throw coercionError(v, to);
}

function toDatetime(v: SqlValue, from: SqlType, target: "TIMESTAMP" | "DATE" | "TIME", to: SqlType): number {
  if (typeof v === "string") {
    const ms = parseDatetime(v, target);
    if (ms === undefined) throw coercionError(v, to);
    return ms;
  }
  if (typeof v === "number" && (from.name === "TIMESTAMP" || from.name === "DATE" || from.name === "TIME")) {
    if (target === "DATE") return v - mod(v, MS.DAY);
    if (target === "TIME") return mod(v, MS.DAY);
    return v;
  }
  throw coercionError(v, to);
}

function toBinary(v: SqlValue, to: SqlType, mode: ConversionMode): Uint8Array {
  let bytes: Uint8Array;
  if (v instanceof Uint8Array) bytes = v;
  else if (typeof v === "boolean" && mode === "input") bytes = new Uint8Array([v ? 1 : 0]);
  else if (typeof v === "string") {
    if (mode === "input") {
      const m = /^[Xx]'([0-9a-fA-F]*)'$/.exec(v.trim());
      const hex = m?.[1];
      if (hex === undefined || hex.length % 2 !== 0) throw coercionError(v, to);
      bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    } else {
      bytes = new TextEncoder().encode(v);
    }
  } else {
    throw coercionError(v, to);
  }
  const n = to.length;
  return n !== undefined && bytes.length > n ? bytes.slice(0, n) : bytes;
}

const FROM_TEXT: SqlType = { name: "VARCHAR" };
const FROM_NUMBER: SqlType = { name: "DOUBLE" };
const FROM_BOOLEAN: SqlType = { name: "BOOLEAN" };
const FROM_BYTES: SqlType = { name: "VARBINARY" };

/**
 * A closure converting values as read from a record (JSON values, or CSV text) into a column of `to`,
 * by AWS's rules; it throws SqlDataError ("Coercion error") for a value that does not fit. Built once
 * per column: converting a row allocates nothing beyond the values.
 */
export function inputCoercer(to: SqlType): (raw: unknown) => SqlValue {
  const fromText = converterNonNull(FROM_TEXT, to, "input");
  const fromNumber = converterNonNull(FROM_NUMBER, to, "input");
  const fromBoolean = converterNonNull(FROM_BOOLEAN, to, "input");
  const fromBytes = converterNonNull(FROM_BYTES, to, "input");
  const datetime = to.name === "TIMESTAMP" || to.name === "DATE" || to.name === "TIME";
  const binary = to.name === "BINARY" || to.name === "VARBINARY";
  const character = isCharacter(to);
  return (raw) => {
    switch (typeof raw) {
      case "string":
        return fromText(raw);
      case "number":
        // Numbers never become times or bytes.
        if (datetime || binary) throw coercionError(raw, to);
        return fromNumber(raw);
      case "boolean":
        if (datetime) throw coercionError(raw, to);
        return fromBoolean(raw);
      case "undefined":
        return null;
      case "object":
        if (raw === null) return null;
        if (raw instanceof Uint8Array) return fromBytes(raw);
        // Arrays and objects fit only character columns, as their JSON text.
        if (!character) throw coercionError(raw, to);
        return truncateText(JSON.stringify(raw), to);
      default:
        throw coercionError(raw, to);
    }
  };
}

/** Converts one value as read from a record into a column of `to` (see inputCoercer). */
export function coerceInputValue(raw: unknown, to: SqlType): SqlValue {
  return inputCoercer(to)(raw);
}
