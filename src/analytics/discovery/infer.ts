/**
 * Schema discovery's inference: sample records (text) in, a SourceSchema and the records parsed into
 * it out, as AWS's DiscoverInputSchema answers them. AWS documents the outcome, not the algorithm;
 * what its documentation shows is followed:
 * - JSON records (each one object, or JSON lines): RecordRowPath `$`, a column per leaf value with
 *   its JSONPath (`$.TICKER_SYMBOL`, `$.a.b`), in the order first seen. Whole numbers take the
 *   smallest integer type that holds every value seen (app-anom-score-create-app.md: heart rates
 *   that are "most likely" TINYINT), numbers with fractions DECIMAL(p,s) sized to them (sch-mapping.md's
 *   example, `PRICE` DECIMAL(5,2)), booleans BOOLEAN, text and arrays VARCHAR.
 * - CSV otherwise (sch-dis-ref.md's example): the row delimiter `\r\n` when the records use it, else
 *   `\n`; the first of `,` `\t` `|` `;` that splits every row into the same number (at least two) of
 *   columns; names from a header row when the first row is one (it stays among the parsed records,
 *   its values null where they do not fit the column's type, as AWS's example shows), `COL_0`...
 *   otherwise; whole numbers INTEGER (BIGINT past its range), other numbers DOUBLE.
 * - VARCHAR(n): n is the longest value seen rounded up to a power of two, at least 4 (the example's
 *   `AK` is VARCHAR(4), `ShortTons` VARCHAR(16), a 35-character value VARCHAR(64)).
 * - Column names follow names.ts. Anything else (no records, text in no pattern) has no schema.
 */
import type { RecordColumn, SourceSchema } from "../shapes-v1.generated";
import { columnName } from "./names";

export interface Inferred {
  schema: SourceSchema;
  /** Each row the records hold, its values as text in column order (null where a row has none or it does not fit). */
  parsed: (string | null)[][];
}

/** The records follow no pattern discovery knows. */
export class NoSchema extends Error {}

const MAX_VARCHAR = 65535;
const MAX_DECIMAL_PRECISION = 19;
const INTEGER_TYPES: [string, number][] = [
  ["TINYINT", 2 ** 7],
  ["SMALLINT", 2 ** 15],
  ["INTEGER", 2 ** 31],
];

function varchar(longest: number): string {
  let n = 4;
  while (n < longest && n < MAX_VARCHAR) n *= 2;
  return `VARCHAR(${Math.min(n, MAX_VARCHAR)})`;
}

export function inferSchema(records: readonly string[]): Inferred {
  const texts = records.filter((record) => record.trim() !== "");
  if (texts.length === 0) throw new NoSchema("No records were found to discover a schema from.");
  const objects = jsonRows(texts);
  if (objects) return inferJson(objects);
  const csv = inferCsv(texts);
  if (csv) return csv;
  throw new NoSchema("Unable to detect a schema: the records are neither JSON nor delimited text with a consistent number of columns.");
}

// ---------------------------------------------------------------------------------------------
// JSON

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every record's objects (a record is one object or JSON lines), or undefined when one is not JSON. */
function jsonRows(texts: readonly string[]): JsonObject[] | undefined {
  const rows: JsonObject[] = [];
  for (const text of texts) {
    const whole = parseJson(text);
    if (isObject(whole)) {
      rows.push(whole);
      continue;
    }
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
    for (const line of lines) {
      const value = parseJson(line);
      if (!isObject(value)) return undefined;
      rows.push(value);
    }
  }
  return rows;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface JsonColumn {
  path: string;
  key: string;
  integers: { min: number; max: number } | undefined;
  decimals: { intDigits: number; fracDigits: number; exponent: boolean } | undefined;
  booleans: boolean;
  texts: boolean;
  longest: number;
}

function pathOf(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}['${key.replace(/'/g, "\\'")}']`;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function collectLeaves(object: JsonObject, parent: string, into: (path: string, key: string, value: unknown) => void): void {
  for (const [key, value] of Object.entries(object)) {
    const path = pathOf(parent, key);
    if (isObject(value)) collectLeaves(value, path, into);
    else into(path, key, value);
  }
}

function observe(column: JsonColumn, value: unknown): void {
  if (value === null || value === undefined) return;
  const text = textOf(value) ?? "";
  column.longest = Math.max(column.longest, text.length);
  if (typeof value === "boolean") column.booleans = true;
  else if (typeof value === "number" && Number.isInteger(value) && Number.isSafeInteger(value)) {
    column.integers = { min: Math.min(column.integers?.min ?? value, value), max: Math.max(column.integers?.max ?? value, value) };
  } else if (typeof value === "number") {
    const exponent = /e/i.test(text);
    const [whole = "", fraction = ""] = text.replace(/^-/, "").split(".");
    const current = column.decimals ?? { intDigits: 0, fracDigits: 0, exponent: false };
    column.decimals = {
      intDigits: Math.max(current.intDigits, whole.length),
      fracDigits: Math.max(current.fracDigits, fraction.length),
      exponent: current.exponent || exponent,
    };
  } else column.texts = true;
}

function integerType(min: number, max: number): string {
  for (const [type, bound] of INTEGER_TYPES) if (min >= -bound && max < bound) return type;
  return "BIGINT";
}

function jsonType(column: JsonColumn): string {
  const numeric = column.integers !== undefined || column.decimals !== undefined;
  if (column.texts || (column.booleans && numeric)) return varchar(column.longest);
  if (column.booleans) return "BOOLEAN";
  if (column.decimals) {
    const integerDigits = Math.max(column.decimals.intDigits, String(Math.max(Math.abs(column.integers?.min ?? 0), Math.abs(column.integers?.max ?? 0))).length);
    const precision = integerDigits + column.decimals.fracDigits;
    if (column.decimals.exponent || precision > MAX_DECIMAL_PRECISION) return "DOUBLE";
    return `DECIMAL(${precision},${column.decimals.fracDigits})`;
  }
  if (column.integers) return integerType(column.integers.min, column.integers.max);
  return varchar(column.longest);
}

function inferJson(objects: readonly JsonObject[]): Inferred {
  const columns = new Map<string, JsonColumn>();
  for (const object of objects) {
    collectLeaves(object, "$", (path, key, value) => {
      let column = columns.get(path);
      if (!column) {
        column = { path, key, integers: undefined, decimals: undefined, booleans: false, texts: false, longest: 0 };
        columns.set(path, column);
      }
      observe(column, value);
    });
  }
  const taken = new Set<string>();
  const list = [...columns.values()];
  const recordColumns: RecordColumn[] = list.map((column, i) => ({ Name: columnName(column.key, i, taken), Mapping: column.path, SqlType: jsonType(column) }));
  const parsed = objects.map((object) => {
    const values = new Map<string, unknown>();
    collectLeaves(object, "$", (path, _key, value) => values.set(path, value));
    return list.map((column) => textOf(values.get(column.path)));
  });
  return {
    schema: {
      RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
      RecordEncoding: "UTF-8",
      RecordColumns: recordColumns,
    },
    parsed,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

const COLUMN_DELIMITERS = [",", "\t", "|", ";"];
const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN_TEXT = /^(?:true|false)$/i;

type CsvKind = "integer" | "bigint" | "double" | "boolean" | "text";

function kindOf(value: string): CsvKind {
  if (INTEGER_TEXT.test(value)) return Math.abs(Number(value)) < 2 ** 31 ? "integer" : "bigint";
  if (NUMBER_TEXT.test(value)) return "double";
  if (BOOLEAN_TEXT.test(value)) return "boolean";
  return "text";
}

/** The column type that holds every kind seen. */
function csvType(kinds: ReadonlySet<CsvKind>, longest: number): string {
  if (kinds.size === 0 || kinds.has("text") || (kinds.has("boolean") && kinds.size > 1)) return varchar(longest);
  if (kinds.has("boolean")) return "BOOLEAN";
  if (kinds.has("double")) return "DOUBLE";
  if (kinds.has("bigint")) return "BIGINT";
  return "INTEGER";
}

function fits(value: string, type: string): boolean {
  if (value === "") return false;
  const kind = kindOf(value);
  if (type === "INTEGER") return kind === "integer";
  if (type === "BIGINT") return kind === "integer" || kind === "bigint";
  if (type === "DOUBLE") return kind !== "text" && kind !== "boolean";
  if (type === "BOOLEAN") return kind === "boolean";
  return true;
}

function inferCsv(texts: readonly string[]): Inferred | undefined {
  const rowDelimiter = texts.some((text) => text.includes("\r\n")) ? "\r\n" : "\n";
  const rows = texts.flatMap((text) => text.split(rowDelimiter).filter((row, i, all) => !(row === "" && i === all.length - 1)));
  if (rows.length === 0) return undefined;
  const columnDelimiter = COLUMN_DELIMITERS.find((delimiter) => {
    const count = rows[0]?.split(delimiter).length ?? 0;
    return count > 1 && rows.every((row) => row.split(delimiter).length === count);
  });
  if (columnDelimiter === undefined) return undefined;
  const fields = rows.map((row) => row.split(columnDelimiter));
  const width = fields[0]?.length ?? 0;
  const [first = [], ...rest] = fields;
  const header = rest.length > 0 && isHeader(first, rest);
  const body = header ? rest : fields;
  const types = Array.from({ length: width }, (_, c) => {
    const values = body.map((row) => row[c] ?? "").filter((value) => value !== "");
    return csvType(new Set(values.map(kindOf)), Math.max(0, ...values.map((value) => value.length)));
  });
  const taken = new Set<string>();
  const recordColumns: RecordColumn[] = types.map((type, c) => ({ Name: header ? columnName(first[c] ?? "", c, taken) : columnName(`COL_${c}`, c, taken), SqlType: type }));
  return {
    schema: {
      RecordFormat: { RecordFormatType: "CSV", MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: rowDelimiter, RecordColumnDelimiter: columnDelimiter } } },
      RecordEncoding: "UTF-8",
      RecordColumns: recordColumns,
    },
    parsed: fields.map((row) => row.map((value, c) => (fits(value, types[c] ?? "") ? value : null))),
  };
}

/** Whether the first row names the columns: no number in it, and a column whose other rows are numbers, or values not seen below it. */
function isHeader(first: readonly string[], rest: readonly (readonly string[])[]): boolean {
  if (first.some((value) => value === "" || kindOf(value) !== "text")) return false;
  const numericColumn = first.some((_, c) => rest.every((row) => kindOf(row[c] ?? "") !== "text"));
  const unseen = first.every((value, c) => rest.every((row) => row[c] !== value));
  return numericColumn || unseen;
}
