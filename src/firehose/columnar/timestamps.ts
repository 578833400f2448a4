/**
 * Timestamps of JSON records, as the two deserializers read them (record-format-conversion.html,
 * "Choosing the JSON Deserializer"); values are microseconds since the epoch, UTC.
 *
 * - OpenX: `yyyy-MM-dd'T'HH:mm:ss[.S]'Z'` and `yyyy-[M]M-[d]d HH:mm:ss[.S]` (fractions of up to 9
 *   digits), epoch seconds, epoch milliseconds and floating-point epoch seconds (numbers, or
 *   strings of them). Seconds and milliseconds are told apart by size: 12 digits or more are
 *   milliseconds (1518033528 is 2018 in seconds, 1518033528123 in milliseconds).
 * - Hive: TimestampFormats, Joda-Time patterns tried in order (`millis` for epoch milliseconds);
 *   without them `java.sql.Timestamp.valueOf`'s `yyyy-[M]M-[d]d HH:mm:ss[.f...]`. Patterns take
 *   the letters y, M (MM or MMM/MMMM names), d, H, h with a, m, s, S, Z/ZZ and quoted literals;
 *   other letters are refused (the record fails).
 */

const SQL_TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})[ ](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const ISO_Z = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

function micros(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction = "", offsetMinutes = 0): bigint | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day) return undefined;
  const fractionMicros = BigInt((fraction + "000000").slice(0, 6));
  return BigInt(ms - offsetMinutes * 60_000) * 1000n + fractionMicros;
}

function fromMatch(match: RegExpExecArray): bigint | undefined {
  const [, y, mo, d, h, mi, s, f] = match;
  return micros(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), f ?? "");
}

/** Epoch seconds or milliseconds (by size), or floating-point seconds, from a number's text. */
function epoch(text: string): bigint | undefined {
  if (!NUMBER.test(text)) return undefined;
  const [whole = "", fraction] = text.split(".");
  if (fraction !== undefined) return BigInt(whole) * 1_000_000n + (whole.startsWith("-") ? -1n : 1n) * BigInt((fraction + "000000").slice(0, 6));
  const digits = whole.replace("-", "").length;
  return digits >= 12 ? BigInt(whole) * 1000n : BigInt(whole) * 1_000_000n;
}

export function openXTimestamp(value: string | number, source: string): bigint | undefined {
  if (typeof value === "number") return epoch(source);
  const text = value.trim();
  const iso = ISO_Z.exec(text);
  if (iso) return fromMatch(iso);
  const sql = SQL_TIMESTAMP.exec(text);
  if (sql) return fromMatch(sql);
  return epoch(text);
}

export function hiveTimestamp(value: string | number, source: string, formats: readonly string[] | undefined): bigint | undefined {
  if (!formats || formats.length === 0) {
    if (typeof value !== "string") return undefined;
    const sql = SQL_TIMESTAMP.exec(value.trim());
    return sql ? fromMatch(sql) : undefined;
  }
  for (const format of formats) {
    if (format === "millis") {
      const text = typeof value === "number" ? source : value.trim();
      if (/^-?\d+$/.test(text)) return BigInt(text) * 1000n;
      continue;
    }
    if (typeof value !== "string") continue;
    const parsed = jodaPattern(format)(value.trim());
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

type Field = "year" | "month" | "monthName" | "day" | "hour" | "hour12" | "ampm" | "minute" | "second" | "fraction" | "offset";

const compiled = new Map<string, (text: string) => bigint | undefined>();

/** A parser of Joda-Time pattern `pattern`; unsupported letters make a parser that matches nothing. */
function jodaPattern(pattern: string): (text: string) => bigint | undefined {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  const fields: Field[] = [];
  let source = "";
  let supported = true;
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i] ?? "";
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = end === -1 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      source += literal === "" ? "'" : escape(literal);
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      source += escape(char);
      i += 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === char) run += 1;
    i += run;
    const field = letterField(char, run);
    if (!field) {
      supported = false;
      break;
    }
    fields.push(field.field);
    source += field.regex;
  }
  const regex = new RegExp(`^${source}$`, "i");
  const parse = (text: string): bigint | undefined => {
    if (!supported) return undefined;
    const match = regex.exec(text);
    if (!match) return undefined;
    const parts: Partial<Record<Field, string>> = {};
    fields.forEach((field, index) => {
      parts[field] = match[index + 1];
    });
    const month = parts.monthName !== undefined ? MONTHS.indexOf(parts.monthName.slice(0, 3).toLowerCase()) + 1 : Number(parts.month ?? 1);
    let hour = Number(parts.hour ?? parts.hour12 ?? 0);
    if (parts.hour12 !== undefined) hour = (hour % 12) + (parts.ampm?.toLowerCase() === "pm" ? 12 : 0);
    return micros(Number(parts.year ?? 1970), month, Number(parts.day ?? 1), hour, Number(parts.minute ?? 0), Number(parts.second ?? 0), parts.fraction ?? "", offsetMinutes(parts.offset));
  };
  compiled.set(pattern, parse);
  return parse;
}

function letterField(letter: string, run: number): { field: Field; regex: string } | undefined {
  switch (letter) {
    case "y":
    case "Y":
      return { field: "year", regex: run === 2 ? "(\\d{2})" : "(\\d{4})" };
    case "M":
      return run >= 3 ? { field: "monthName", regex: "([A-Za-z]{3,9})" } : { field: "month", regex: run === 2 ? "(\\d{2})" : "(\\d{1,2})" };
    case "d":
      return { field: "day", regex: run === 2 ? "(\\d{2})" : "(\\d{1,2})" };
    case "H":
      return { field: "hour", regex: run === 2 ? "(\\d{2})" : "(\\d{1,2})" };
    case "h":
      return { field: "hour12", regex: run === 2 ? "(\\d{2})" : "(\\d{1,2})" };
    case "a":
      return { field: "ampm", regex: "(AM|PM)" };
    case "m":
      return { field: "minute", regex: run === 2 ? "(\\d{2})" : "(\\d{1,2})" };
    case "s":
      return { field: "second", regex: run === 2 ? "(\\d{2})" : "(\\d{1,2})" };
    case "S":
      return { field: "fraction", regex: `(\\d{1,${Math.max(run, 1)}})` };
    case "Z":
      return { field: "offset", regex: "(Z|[+-]\\d{2}:?\\d{2})" };
    default:
      return undefined;
  }
}

function offsetMinutes(text: string | undefined): number {
  if (text === undefined || text.toUpperCase() === "Z") return 0;
  const digits = text.replace(":", "");
  const sign = digits.startsWith("-") ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
