/**
 * JSON documents to rows of a schema, as the two deserializers do (record-format-conversion.html,
 * "Choosing the JSON Deserializer", and the OpenXJsonSerDe and HiveJsonSerDe API references):
 *
 * - Keys are matched to columns case-insensitively. OpenX does so unless CaseInsensitive is false;
 *   it also turns dots in keys into underscores (ConvertDotsInJsonKeysToUnderscores) and reads a
 *   column from another key (ColumnToJsonKeyMappings). Keys no column names are ignored; columns no
 *   key names are null.
 * - OpenX is lenient: numeric, boolean and timestamp columns take strings of them (`"123"`), and a
 *   string column takes any value (nested JSON as its text). Hive refuses a string in a numeric
 *   column (`{"a":"123"}` for an int) and nested JSON in a string column, and refuses column names
 *   with dots.
 * - A value that does not fit its column (not a number, out of range, a fraction in an integer
 *   column, a decimal past its precision, an unreadable timestamp) fails the whole record:
 *   DataFormatConversion.MalformedData.
 *
 * Values come out typed for the writers: integers up to int as numbers, bigint as bigint, float
 * and double as numbers, timestamps as bigint microseconds (UTC), dates as days since the epoch,
 * decimals as bigint unscaled values, binary as bytes, arrays as arrays, maps as [key, value]
 * pairs, structs as objects.
 */
import type { HiveJsonSerDe, OpenXJsonSerDe } from "../shapes.generated";
import type { Column, HiveType } from "./hive-types";
import { JsonNumber, type JsonValue } from "./json-documents";
import { hiveTimestamp, openXTimestamp } from "./timestamps";

export type Value = null | boolean | number | bigint | string | Uint8Array | Value[] | [Value, Value][] | { [field: string]: Value };
export type Row = Value[];

/** A value that does not fit its column: DataFormatConversion.MalformedData. */
export class MalformedDataError extends Error {}

export type Deserializer = { kind: "openx"; options: OpenXJsonSerDe } | { kind: "hive"; options: HiveJsonSerDe };

export function checkColumnNames(deserializer: Deserializer, columns: readonly Column[]): string | undefined {
  if (deserializer.kind === "hive") {
    const dotted = columns.find((column) => column.name.includes("."));
    if (dotted) return `The Hive JSON SerDe does not allow periods in column names: ${dotted.name}.`;
  }
  return undefined;
}

/** One row of `columns` from a JSON object. Throws MalformedDataError. */
export function toRow(document: { [key: string]: JsonValue }, columns: readonly Column[], deserializer: Deserializer): Row {
  const members = normalizedKeys(document, deserializer);
  const mappings = deserializer.kind === "openx" ? deserializer.options.ColumnToJsonKeyMappings : undefined;
  return columns.map((column) => {
    const mapped = mappings?.[column.name];
    const value = mapped !== undefined ? (members.get(normalizeKey(mapped, deserializer)) ?? document[mapped]) : members.get(column.name);
    return convert(value, column.type, deserializer, column.name);
  });
}

function caseInsensitive(deserializer: Deserializer): boolean {
  return deserializer.kind === "hive" || deserializer.options.CaseInsensitive !== false;
}

function normalizeKey(key: string, deserializer: Deserializer): string {
  let name = caseInsensitive(deserializer) ? key.toLowerCase() : key;
  if (deserializer.kind === "openx" && deserializer.options.ConvertDotsInJsonKeysToUnderscores === true) name = name.replaceAll(".", "_");
  return name;
}

function normalizedKeys(object: { [key: string]: JsonValue }, deserializer: Deserializer): Map<string, JsonValue> {
  const members = new Map<string, JsonValue>();
  for (const [key, value] of Object.entries(object)) {
    const name = normalizeKey(key, deserializer);
    // The first of keys that normalize alike wins, as a JSON parser reading field by field keeps it.
    if (!members.has(name)) members.set(name, value);
  }
  return members;
}

const INTEGER_RANGES = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

function convert(value: JsonValue | undefined, type: HiveType, deserializer: Deserializer, path: string): Value {
  if (value === undefined || value === null) return null;
  const lenient = deserializer.kind === "openx";
  const fail = (what: string): never => {
    throw new MalformedDataError(`The value ${preview(value)} of ${path} is not ${what}.`);
  };
  switch (type.kind) {
    case "array":
      if (!Array.isArray(value)) return fail("an array");
      return value.map((element, index) => convert(element, type.element, deserializer, `${path}[${index}]`));
    case "map": {
      if (!isObject(value)) return fail("a JSON object (map)");
      return Object.entries(value).map(([key, entry]): [Value, Value] => [
        convert(key, type.key, deserializer, `${path} key`),
        convert(entry, type.value, deserializer, `${path}.${key}`),
      ]);
    }
    case "struct": {
      if (!isObject(value)) return fail("a JSON object (struct)");
      const members = normalizedKeys(value, deserializer);
      const struct: { [field: string]: Value } = {};
      for (const field of type.fields) struct[field.name] = convert(members.get(field.name), field.type, deserializer, `${path}.${field.name}`);
      return struct;
    }
    case "primitive":
      break;
  }
  switch (type.name) {
    case "boolean":
      if (typeof value === "boolean") return value;
      if (lenient && typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      return fail("a boolean");
    case "tinyint":
    case "smallint":
    case "int":
    case "bigint": {
      const text = numberText(value, lenient);
      if (text === undefined || !/^-?\d+$/.test(text)) return fail(`an integer (${type.name})`);
      const integer = BigInt(text);
      const [min, max] = INTEGER_RANGES[type.name];
      if (integer < min || integer > max) return fail(`within the range of ${type.name}`);
      return type.name === "bigint" ? integer : Number(integer);
    }
    case "float":
    case "double": {
      const text = numberText(value, lenient);
      const number = text === undefined ? Number.NaN : Number(text);
      if (text === undefined || text.trim() === "" || Number.isNaN(number)) return fail(`a number (${type.name})`);
      return type.name === "float" ? Math.fround(number) : number;
    }
    case "decimal": {
      const text = numberText(value, lenient);
      const unscaled = text === undefined ? undefined : decimalUnscaled(text, type.scale);
      if (unscaled === undefined) return fail(`a decimal(${type.precision},${type.scale})`);
      if ((unscaled < 0n ? -unscaled : unscaled) >= 10n ** BigInt(type.precision)) return fail(`within decimal(${type.precision},${type.scale})`);
      return unscaled;
    }
    case "string":
    case "varchar":
    case "char": {
      let text: string;
      if (typeof value === "string") text = value;
      else if (value instanceof JsonNumber) text = value.source;
      else if (typeof value === "boolean") text = String(value);
      else if (lenient) text = JSON.stringify(value, (_key, member: unknown) => (member instanceof JsonNumber ? Number(member.source) : member));
      else return fail("a string (the Hive JSON SerDe does not turn nested JSON into strings)");
      if (type.name === "varchar") return [...text].slice(0, type.length).join("");
      if (type.name === "char") return [...text].slice(0, type.length).join("").padEnd(type.length, " ");
      return text;
    }
    case "binary":
      if (typeof value !== "string") return fail("a string (binary)");
      return new TextEncoder().encode(value);
    case "timestamp": {
      const raw = value instanceof JsonNumber ? value.value : value;
      if (typeof raw !== "string" && typeof raw !== "number") return fail("a timestamp");
      const source = value instanceof JsonNumber ? value.source : String(raw);
      const micros = deserializer.kind === "openx" ? openXTimestamp(raw, source) : hiveTimestamp(raw, source, deserializer.options.TimestampFormats);
      return micros ?? fail("a timestamp in a format the deserializer reads");
    }
    case "date": {
      if (typeof value !== "string") return fail("a date (yyyy-MM-dd)");
      const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
      if (!match) return fail("a date (yyyy-MM-dd)");
      const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      if (new Date(ms).getUTCDate() !== Number(match[3])) return fail("a date (yyyy-MM-dd)");
      return ms / 86_400_000;
    }
  }
}

/** The text of a number: a JSON number's, or (OpenX only) a string's. */
function numberText(value: JsonValue, lenient: boolean): string | undefined {
  if (value instanceof JsonNumber) return value.source;
  if (lenient && typeof value === "string") return value.trim();
  return undefined;
}

/** `text` (a decimal number, with an exponent or not) times 10^scale, rounded half up; undefined when not a number. */
function decimalUnscaled(text: string, scale: number): bigint | undefined {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, "") || "0";
  const shift = scale + Number(exponent) - fraction.length;
  let unscaled: bigint;
  if (shift >= 0) unscaled = BigInt(digits) * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    const value = BigInt(digits);
    unscaled = value / divisor + ((value % divisor) * 2n >= divisor ? 1n : 0n);
  }
  return sign === "-" ? -unscaled : unscaled;
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

function preview(value: JsonValue): string {
  const text = value instanceof JsonNumber ? value.source : JSON.stringify(value, (_key, member: unknown) => (member instanceof JsonNumber ? Number(member.source) : member));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
