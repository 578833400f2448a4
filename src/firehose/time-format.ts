/**
 * Java DateTimeFormatter patterns, the language of `!{timestamp:...}` in S3 prefixes, evaluated in
 * a delivery stream's CustomTimeZone (UTC by default). The pattern letters Firehose users write
 * (yyyy MM dd HH mm ss, names of months and days, offsets, quoted literals) are all here; a letter
 * DateTimeFormatter does not know, or one we do not render, makes the pattern invalid, which
 * CreateDeliveryStream refuses as AWS does.
 */

/** A moment as seen in one time zone. */
export interface ZonedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday ... 7 = Sunday (ISO). */
  weekday: number;
  /** Offset from UTC in minutes. */
  offsetMinutes: number;
  zone: string;
}

type Field = (time: ZonedTime) => string;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The most letters DateTimeFormatter accepts in a row, per letter (more is "Too many pattern letters"). */
const MAX_LETTERS: Readonly<Record<string, number>> = {
  G: 5, y: 19, u: 19, Q: 5, q: 5, M: 5, L: 5, w: 2, D: 3, d: 2, E: 5, a: 1, h: 2, K: 2, k: 2, H: 2, m: 2, s: 2,
  S: 9, A: 19, n: 19, N: 19, V: 2, z: 4, O: 4, X: 5, x: 5, Z: 5,
};

const pad = (value: number, width: number) => String(value).padStart(width, "0");

export class InvalidPatternError extends Error {}

/** Compiles a pattern; throws InvalidPatternError when DateTimeFormatter would refuse it. */
export function compilePattern(pattern: string): (time: ZonedTime) => string {
  const parts: Field[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === "'") {
      const end = findQuoteEnd(pattern, i + 1);
      const text = pattern.slice(i + 1, end).replaceAll("''", "'");
      const literal = end === i + 1 ? "'" : text;
      parts.push(() => literal);
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern[i + count] === char) count++;
      parts.push(letterField(char, count));
      i += count;
      continue;
    }
    // Optional sections print their content; the reserved characters are refused like Java does.
    if (char === "[" || char === "]") {
      i++;
      continue;
    }
    if (char === "#" || char === "{" || char === "}") throw new InvalidPatternError(`reserved character ${char}`);
    parts.push(() => char);
    i++;
  }
  return (time) => parts.map((part) => part(time)).join("");
}

function findQuoteEnd(pattern: string, from: number): number {
  let i = from;
  for (;;) {
    const next = pattern.indexOf("'", i);
    if (next < 0) throw new InvalidPatternError("unterminated quote");
    if (pattern[next + 1] === "'" && next !== from) {
      i = next + 2;
      continue;
    }
    return next;
  }
}

function letterField(letter: string, count: number): Field {
  const max = MAX_LETTERS[letter];
  if (max === undefined) throw new InvalidPatternError(`unknown pattern letter ${letter}`);
  if (count > max) throw new InvalidPatternError(`too many pattern letters ${letter}`);
  const number = (value: (t: ZonedTime) => number): Field => (t) => pad(value(t), count);
  switch (letter) {
    case "G":
      return () => (count === 4 ? "Anno Domini" : count === 5 ? "A" : "AD");
    case "y":
    case "u":
      return (t) => (count === 2 ? pad(t.year % 100, 2) : pad(t.year, count));
    case "Q":
    case "q": {
      const quarter = (t: ZonedTime) => Math.floor((t.month - 1) / 3) + 1;
      if (count <= 2) return number(quarter);
      if (count === 3) return (t) => `Q${quarter(t)}`;
      if (count === 4) return (t) => `${["1st", "2nd", "3rd", "4th"][quarter(t) - 1]} quarter`;
      return (t) => String(quarter(t));
    }
    case "M":
    case "L":
      if (count <= 2) return number((t) => t.month);
      return (t) => {
        const name = MONTHS[t.month - 1] as string;
        return count === 3 ? name.slice(0, 3) : count === 4 ? name : name.slice(0, 1);
      };
    case "w":
      return number(isoWeek);
    case "D":
      return number(dayOfYear);
    case "d":
      return number((t) => t.day);
    case "E":
      return (t) => {
        const name = DAYS[t.weekday - 1] as string;
        return count <= 3 ? name.slice(0, 3) : count === 4 ? name : name.slice(0, 1);
      };
    case "a":
      return (t) => (t.hour < 12 ? "AM" : "PM");
    case "h":
      return number((t) => (t.hour % 12 === 0 ? 12 : t.hour % 12));
    case "K":
      return number((t) => t.hour % 12);
    case "k":
      return number((t) => (t.hour === 0 ? 24 : t.hour));
    case "H":
      return number((t) => t.hour);
    case "m":
      return number((t) => t.minute);
    case "s":
      return number((t) => t.second);
    case "S":
      return (t) => pad(t.millisecond, 3).padEnd(9, "0").slice(0, count);
    case "A":
      return number((t) => ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond);
    case "n":
      return number((t) => t.millisecond * 1_000_000);
    case "N":
      return number((t) => (((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond) * 1_000_000);
    case "V":
      if (count !== 2) throw new InvalidPatternError("V must be VV");
      return (t) => t.zone;
    case "z":
      return (t) => (t.zone === "UTC" ? "UTC" : offsetText(t.offsetMinutes, "GMT", true));
    case "O":
      return (t) => offsetText(t.offsetMinutes, "GMT", count === 4);
    case "X":
      return (t) => (t.offsetMinutes === 0 ? "Z" : isoOffset(t.offsetMinutes, count));
    case "x":
      return (t) => isoOffset(t.offsetMinutes, count);
    default: // "Z"
      return (t) => (count === 4 ? offsetText(t.offsetMinutes, "GMT", true) : count === 5 ? (t.offsetMinutes === 0 ? "Z" : isoOffset(t.offsetMinutes, 3)) : isoOffset(t.offsetMinutes, 2));
  }
}

function isoOffset(minutes: number, count: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const hours = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const rest = pad(Math.abs(minutes) % 60, 2);
  if (count === 1) return rest === "00" ? `${sign}${hours}` : `${sign}${hours}${rest}`;
  if (count === 2 || count === 4) return `${sign}${hours}${rest}`;
  return `${sign}${hours}:${rest}`;
}

function offsetText(minutes: number, prefix: string, long: boolean): string {
  if (minutes === 0) return prefix;
  const sign = minutes < 0 ? "-" : "+";
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return long ? `${prefix}${sign}${pad(hours, 2)}:${pad(rest, 2)}` : `${prefix}${sign}${hours}${rest ? `:${pad(rest, 2)}` : ""}`;
}

function dayOfYear(t: ZonedTime): number {
  return Math.round((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(t.year, 0, 1)) / 86_400_000) + 1;
}

function isoWeek(t: ZonedTime): number {
  const date = new Date(Date.UTC(t.year, t.month - 1, t.day));
  date.setUTCDate(date.getUTCDate() + 4 - t.weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether Intl knows the zone (IANA names such as Asia/Tokyo). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    zonedFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

function zonedFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The moment `ms` in `zone` (empty or undefined: UTC). */
export function zonedTime(ms: number, zone?: string): ZonedTime {
  const date = new Date(ms);
  if (!zone || zone === "UTC") {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
      weekday: ((date.getUTCDay() + 6) % 7) + 1,
      offsetMinutes: 0,
      zone: "UTC",
    };
  }
  const parts: Record<string, string> = {};
  for (const part of zonedFormatter(zone).formatToParts(date)) parts[part.type] = part.value;
  const fields = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
  const local = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const offsetMinutes = Math.round((local - (ms - date.getUTCMilliseconds())) / 60_000);
  return { ...fields, millisecond: date.getUTCMilliseconds(), weekday: WEEKDAYS[parts.weekday ?? "Mon"] ?? 1, offsetMinutes, zone };
}
