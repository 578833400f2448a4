/**
 * jq's `strftime` over a Unix time in seconds, always in UTC as jq's gmtime is, with the C library's
 * conversions for the "C" locale. Dynamic partitioning uses it for date partitions
 * (`.event_timestamp | strftime("%Y")`, AWS's example), so every conversion that makes sense in an
 * S3 prefix is here; the locale-dependent composites (%c, %x, %X) and %E/%O modifiers are not, and a
 * query using them is refused when the stream is configured (see `unsupportedConversions`).
 */
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SUPPORTED = new Set("aAbBCdDeFgGhHIjmMnpRsStTuUVwWyYzZ%".split(""));

/** The conversions of `format` this implementation lacks (empty when it can format it). */
export function unsupportedConversions(format: string): string[] {
  const missing: string[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") continue;
    const conversion = format[++i];
    if (conversion === undefined || !SUPPORTED.has(conversion)) missing.push(`%${conversion ?? ""}`);
  }
  return missing;
}

const pad = (value: number, width = 2, fill = "0") => String(value).padStart(width, fill);

/** Day of the year, 0-based, of a UTC date. */
function yearDay(date: Date): number {
  return Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000);
}

/** ISO 8601 week-based year and week number (%G, %V). */
function isoWeek(date: Date): { year: number; week: number } {
  const day = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor(yearDay(thursday) / 7) + 1;
  return { year, week };
}

/** Week of the year with weeks starting on `firstDay` (0 = Sunday for %U, 1 = Monday for %W). */
function weekOfYear(date: Date, firstDay: number): number {
  const weekday = (date.getUTCDay() - firstDay + 7) % 7;
  return Math.floor((yearDay(date) + 7 - weekday) / 7);
}

export function strftime(format: string, seconds: number): string {
  const date = new Date(Math.floor(seconds) * 1000);
  if (Number.isNaN(date.getTime())) throw new RangeError("gmtime() requires a valid time");
  const hours = date.getUTCHours();
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const char = format[i];
    if (char !== "%") {
      out += char;
      continue;
    }
    const conversion = format[++i];
    switch (conversion) {
      case "a": out += (DAYS[date.getUTCDay()] ?? "").slice(0, 3); break;
      case "A": out += DAYS[date.getUTCDay()] ?? ""; break;
      case "b":
      case "h": out += (MONTHS[date.getUTCMonth()] ?? "").slice(0, 3); break;
      case "B": out += MONTHS[date.getUTCMonth()] ?? ""; break;
      case "C": out += pad(Math.floor(date.getUTCFullYear() / 100)); break;
      case "d": out += pad(date.getUTCDate()); break;
      case "D": out += strftime("%m/%d/%y", seconds); break;
      case "e": out += pad(date.getUTCDate(), 2, " "); break;
      case "F": out += strftime("%Y-%m-%d", seconds); break;
      case "g": out += pad(isoWeek(date).year % 100); break;
      case "G": out += String(isoWeek(date).year); break;
      case "H": out += pad(hours); break;
      case "I": out += pad(hours % 12 === 0 ? 12 : hours % 12); break;
      case "j": out += pad(yearDay(date) + 1, 3); break;
      case "m": out += pad(date.getUTCMonth() + 1); break;
      case "M": out += pad(date.getUTCMinutes()); break;
      case "n": out += "\n"; break;
      case "p": out += hours < 12 ? "AM" : "PM"; break;
      case "R": out += strftime("%H:%M", seconds); break;
      case "s": out += String(Math.floor(seconds)); break;
      case "S": out += pad(date.getUTCSeconds()); break;
      case "t": out += "\t"; break;
      case "T": out += strftime("%H:%M:%S", seconds); break;
      case "u": out += String(date.getUTCDay() === 0 ? 7 : date.getUTCDay()); break;
      case "U": out += pad(weekOfYear(date, 0)); break;
      case "V": out += pad(isoWeek(date).week); break;
      case "w": out += String(date.getUTCDay()); break;
      case "W": out += pad(weekOfYear(date, 1)); break;
      case "y": out += pad(date.getUTCFullYear() % 100); break;
      case "Y": out += String(date.getUTCFullYear()); break;
      case "z": out += "+0000"; break;
      case "Z": out += "UTC"; break;
      case "%": out += "%"; break;
      default: throw new RangeError(`strftime/1: unsupported conversion %${conversion ?? ""}`);
    }
  }
  return out;
}

/**
 * jq's `fromdateiso8601` (and `fromdate`): exactly `%Y-%m-%dT%H:%M:%SZ`, as jq 1.6 parses it, to
 * seconds since the epoch.
 */
export function fromIso8601(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(text);
  if (!match) throw new RangeError(`date "${text}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}
