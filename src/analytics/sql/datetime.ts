/**
 * Dates and times, all in UTC as AWS's engine kept them ("the system clock is UTC"): reading and
 * writing their text forms, rounding to a unit (FLOOR(ts TO MINUTE), STEP), EXTRACT, interval literals,
 * and the Java SimpleDateFormat patterns of TIMESTAMP_TO_CHAR / CHAR_TO_TIMESTAMP.
 * Gaps: time zones other than UTC; pattern letters beyond y M d D E a H h k K m s S z Z X w u.
 */
import type { TimeUnit } from "./ast";

export const MS = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000, WEEK: 604_800_000 } as const;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** 'yyyy-MM-dd HH:mm:ss.SSS', AWS's way of showing a TIMESTAMP. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${formatYear(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${formatYear(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function formatYear(y: number): string {
  return y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
}

/**
 * Reads a TIMESTAMP, DATE or TIME from text: "1992-02-14", "1992-02-14 18:35:44.0",
 * "2018-08-01T20:17:20.797945" (ISO, with an optional Z or offset), "18:35:44". Fractions finer than
 * a millisecond are cut. Undefined when the text is none of these.
 */
export function parseDatetime(text: string, target: "TIMESTAMP" | "DATE" | "TIME"): number | undefined {
  const s = text.trim();
  if (target === "TIME") {
    const t = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(s);
    if (t !== null) return timeOfDay(t[1], t[2], t[3], t[4]);
    const ts = parseDatetime(s, "TIMESTAMP");
    return ts === undefined ? undefined : mod(ts, MS.DAY);
  }
  const m = /^([+-]?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d*))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const date = utc(year, month - 1, day);
  if (target === "DATE") return date;
  const time = m[4] === undefined ? 0 : timeOfDay(m[4], m[5], m[6], m[7]);
  if (time === undefined) return undefined;
  const offset = m[8] === undefined || m[8] === "Z" ? 0 : zoneOffset(m[8]);
  return date + time - offset;
}

/** Date.UTC, except that years 0-99 stay years 0-99 (Date.UTC maps them to 1900-1999). */
export function utc(year: number, month0: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

function zoneOffset(z: string): number {
  const sign = z.startsWith("-") ? -1 : 1;
  const digits = z.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * MS.HOUR + Number(digits.slice(2, 4)) * MS.MINUTE);
}

function timeOfDay(h: string | undefined, m: string | undefined, s: string | undefined, frac: string | undefined): number | undefined {
  const hours = Number(h ?? 0);
  const minutes = Number(m ?? 0);
  const seconds = Number(s ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = frac === undefined || frac === "" ? 0 : Number(frac.slice(0, 3).padEnd(3, "0"));
  return hours * MS.HOUR + minutes * MS.MINUTE + seconds * MS.SECOND + millis;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** FLOOR(ts TO unit). WEEK starts on Sunday, as AWS's FLOOR does. */
export function floorTo(ms: number, unit: TimeUnit): number {
  switch (unit) {
    case "MILLISECOND":
      return Math.floor(ms);
    case "SECOND":
    case "MINUTE":
    case "HOUR":
    case "DAY":
      return ms - mod(ms, MS[unit]);
    case "WEEK": {
      // 1970-01-01 was a Thursday: Sunday-based weeks start 4 days before the epoch's week offset.
      const shift = 4 * MS.DAY;
      return ms - mod(ms + shift, MS.WEEK);
    }
    default: {
      const d = new Date(ms);
      const y = d.getUTCFullYear();
      if (unit === "YEAR") return Date.UTC(y, 0, 1);
      if (unit === "QUARTER") return Date.UTC(y, d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
      return Date.UTC(y, d.getUTCMonth(), 1);
    }
  }
}

/** The start of the unit after the one holding `ms` (the end of FLOOR(ms TO unit)'s bucket). */
export function nextBoundary(ms: number, unit: TimeUnit): number {
  const start = floorTo(ms, unit);
  switch (unit) {
    case "MILLISECOND":
      return start + 1;
    case "SECOND":
    case "MINUTE":
    case "HOUR":
    case "DAY":
    case "WEEK":
      return start + MS[unit];
    default: {
      const d = new Date(start);
      const months = unit === "YEAR" ? 12 : unit === "QUARTER" ? 3 : 1;
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
    }
  }
}

export function ceilTo(ms: number, unit: TimeUnit): number {
  const start = floorTo(ms, unit);
  return start === ms ? ms : nextBoundary(ms, unit);
}

/** EXTRACT(unit FROM value). */
export function extractField(unit: TimeUnit, ms: number): number {
  const d = new Date(ms);
  switch (unit) {
    case "YEAR":
      return d.getUTCFullYear();
    case "QUARTER":
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case "MONTH":
      return d.getUTCMonth() + 1;
    case "WEEK": {
      const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
      return Math.floor((floorTo(ms, "DAY") - jan1) / MS.WEEK) + 1;
    }
    case "DAY":
      return d.getUTCDate();
    case "DOW":
      return d.getUTCDay() + 1;
    case "DOY":
      return Math.floor((floorTo(ms, "DAY") - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS.DAY) + 1;
    case "HOUR":
      return d.getUTCHours();
    case "MINUTE":
      return d.getUTCMinutes();
    case "SECOND":
      return d.getUTCSeconds();
    case "MILLISECOND":
      return d.getUTCMilliseconds();
    case "EPOCH":
      return Math.floor(ms / 1000);
  }
}

/**
 * The milliseconds of an interval literal: INTERVAL '10' SECOND, INTERVAL '1.5' SECOND,
 * INTERVAL '1 02:03:04.5' DAY TO SECOND, INTERVAL '02:30' HOUR TO MINUTE... A string says why not.
 */
export function intervalMillis(text: string, start: TimeUnit, end: TimeUnit | undefined): number | string {
  if (start === "YEAR" || start === "MONTH" || start === "QUARTER" || end === "YEAR" || end === "MONTH") {
    return "Year-month intervals are not supported; use DAY, HOUR, MINUTE or SECOND";
  }
  const units: TimeUnit[] = ["DAY", "HOUR", "MINUTE", "SECOND"];
  const from = start === "WEEK" ? -1 : units.indexOf(start);
  const to = end === undefined ? from : units.indexOf(end);
  const s = text.trim();
  const negative = s.startsWith("-");
  const body = negative || s.startsWith("+") ? s.slice(1) : s;
  if (start === "WEEK" && end === undefined) {
    const n = Number(body);
    return Number.isFinite(n) && body !== "" ? (negative ? -1 : 1) * n * MS.WEEK : `Illegal interval literal '${text}'`;
  }
  if (from < 0 || to < from) return `Illegal interval qualifier ${start}${end ? ` TO ${end}` : ""}`;
  // Fields are separated by a space (after days), colons (between time fields).
  const parts: string[] = [];
  let rest = body;
  if (from === 0 && to > 0) {
    const space = rest.indexOf(" ");
    if (space < 0) return `Illegal interval literal '${text}' for DAY TO ${units[to] ?? ""}`;
    parts.push(rest.slice(0, space));
    rest = rest.slice(space + 1).trim();
    parts.push(...rest.split(":"));
  } else {
    parts.push(...rest.split(":"));
  }
  if (parts.length !== to - from + 1) return `Illegal interval literal '${text}' for ${start}${end ? ` TO ${end}` : ""}`;
  const scale = [MS.DAY, MS.HOUR, MS.MINUTE, MS.SECOND];
  let total = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] ?? "";
    const isLast = k === parts.length - 1;
    const valid = p !== "" && [...p].every((c) => (c >= "0" && c <= "9") || (isLast && from + k === 3 && c === "."));
    const n = Number(p);
    if (!valid || !Number.isFinite(n)) return `Illegal interval literal '${text}'`;
    total += n * (scale[from + k] ?? 0);
  }
  return (negative ? -1 : 1) * Math.round(total);
}

// --- Java SimpleDateFormat patterns -----------------------------------------------------------------

type PatternPart = { kind: "literal"; text: string } | { kind: "field"; letter: string; count: number };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function splitPattern(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] ?? "";
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        parts.push({ kind: "literal", text: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = "";
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") {
          break;
        } else {
          text += pattern[j];
          j++;
        }
      }
      parts.push({ kind: "literal", text });
      i = j + 1;
      continue;
    }
    if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) {
      let j = i;
      while (pattern[j] === c) j++;
      parts.push({ kind: "field", letter: c, count: j - i });
      i = j;
      continue;
    }
    parts.push({ kind: "literal", text: c });
    i++;
  }
  return parts;
}

const SUPPORTED_LETTERS = new Set(["y", "M", "d", "D", "E", "a", "H", "h", "k", "K", "m", "s", "S", "z", "Z", "X", "w", "u", "G"]);

export interface DatePattern {
  format(ms: number): string;
  /** Undefined when the text does not match the pattern. */
  parse(text: string): number | undefined;
}

/** Compiles a SimpleDateFormat pattern; throws an Error naming a letter it does not know. */
export function compileDatePattern(pattern: string): DatePattern {
  const parts = splitPattern(pattern);
  for (const p of parts) {
    if (p.kind === "field" && !SUPPORTED_LETTERS.has(p.letter)) throw new Error(`Illegal pattern character '${p.letter}' in '${pattern}'`);
  }
  return {
    format: (ms) => parts.map((p) => (p.kind === "literal" ? p.text : formatField(p.letter, p.count, ms))).join(""),
    parse: (text) => parseWithPattern(parts, text),
  };
}

function formatField(letter: string, count: number, ms: number): string {
  const d = new Date(ms);
  switch (letter) {
    case "G":
      return d.getUTCFullYear() > 0 ? "AD" : "BC";
    case "y": {
      const y = d.getUTCFullYear();
      return count === 2 ? pad(y % 100) : pad(y, count);
    }
    case "M": {
      const m = d.getUTCMonth();
      if (count >= 4) return MONTHS[m] ?? "";
      if (count === 3) return (MONTHS[m] ?? "").slice(0, 3);
      return pad(m + 1, count);
    }
    case "d":
      return pad(d.getUTCDate(), count);
    case "D":
      return pad(extractField("DOY", ms), count);
    case "w":
      return pad(extractField("WEEK", ms), count);
    case "u":
      return pad(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), count);
    case "E": {
      const name = DAYS[d.getUTCDay()] ?? "";
      return count >= 4 ? name : name.slice(0, 3);
    }
    case "a":
      return d.getUTCHours() < 12 ? "AM" : "PM";
    case "H":
      return pad(d.getUTCHours(), count);
    case "k":
      return pad(d.getUTCHours() === 0 ? 24 : d.getUTCHours(), count);
    case "K":
      return pad(d.getUTCHours() % 12, count);
    case "h":
      return pad(d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12, count);
    case "m":
      return pad(d.getUTCMinutes(), count);
    case "s":
      return pad(d.getUTCSeconds(), count);
    case "S":
      return pad(d.getUTCMilliseconds(), count);
    case "z":
      return count >= 4 ? "Coordinated Universal Time" : "UTC";
    case "Z":
      return "+0000";
    case "X":
      return "Z";
    default:
      return "";
  }
}

function parseWithPattern(parts: PatternPart[], text: string): number | undefined {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let milli = 0;
  let pm: boolean | undefined;
  let twelveHour = false;
  let offset = 0;
  let i = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p === undefined) break;
    if (p.kind === "literal") {
      if (!text.startsWith(p.text, i)) return undefined;
      i += p.text.length;
      continue;
    }
    // A numeric field directly followed by another field takes exactly `count` digits (yyyyMMdd).
    const nextPart = parts[k + 1];
    const fixed = nextPart !== undefined && nextPart.kind === "field";
    const readNumber = (): number | undefined => {
      let j = i;
      if (text[j] === "-" || text[j] === "+") j++;
      const limit = fixed ? i + p.count : text.length;
      while (j < limit && text[j] !== undefined && (text[j] ?? "") >= "0" && (text[j] ?? "") <= "9") j++;
      if (j === i) return undefined;
      const n = Number(text.slice(i, j));
      i = j;
      return Number.isFinite(n) ? n : undefined;
    };
    const readWord = (words: string[]): number | undefined => {
      for (let w = 0; w < words.length; w++) {
        for (const candidate of [words[w] ?? "", (words[w] ?? "").slice(0, 3)]) {
          if (candidate !== "" && text.slice(i, i + candidate.length).toLowerCase() === candidate.toLowerCase()) {
            i += candidate.length;
            return w;
          }
        }
      }
      return undefined;
    };
    let n: number | undefined;
    switch (p.letter) {
      case "y":
        n = readNumber();
        if (n === undefined) return undefined;
        year = p.count === 2 && n < 100 ? 2000 + n : n;
        break;
      case "M":
        n = p.count >= 3 ? readWord(MONTHS) : readNumber();
        if (n === undefined) return undefined;
        month = p.count >= 3 ? n + 1 : n;
        break;
      case "d":
        n = readNumber();
        if (n === undefined) return undefined;
        day = n;
        break;
      case "E":
        if (readWord(DAYS) === undefined) return undefined;
        break;
      case "a": {
        const w = readWord(["AM", "PM"]);
        if (w === undefined) return undefined;
        pm = w === 1;
        break;
      }
      case "H":
      case "k":
      case "K":
      case "h":
        n = readNumber();
        if (n === undefined) return undefined;
        hour = n === 24 && p.letter === "k" ? 0 : n;
        twelveHour = p.letter === "h" || p.letter === "K";
        break;
      case "m":
        n = readNumber();
        if (n === undefined) return undefined;
        minute = n;
        break;
      case "s":
        n = readNumber();
        if (n === undefined) return undefined;
        second = n;
        break;
      case "S":
        n = readNumber();
        if (n === undefined) return undefined;
        milli = n;
        break;
      case "Z":
      case "X": {
        if (text[i] === "Z") {
          i++;
          break;
        }
        const m = /^[+-]\d{2}:?\d{2}/.exec(text.slice(i));
        if (m === null) return undefined;
        offset = zoneOffset(m[0]);
        i += m[0].length;
        break;
      }
      case "z":
        if (text.startsWith("UTC", i)) i += 3;
        else if (text.startsWith("GMT", i)) i += 3;
        else return undefined;
        break;
      default:
        if (readNumber() === undefined) return undefined;
    }
  }
  if (i !== text.length) return undefined;
  if (twelveHour && pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  return utc(year, month - 1, day, hour, minute, second, milli) - offset;
}
