/**
 * From records to rows, by an input's InputSchema (or a reference source's ReferenceSchema), as the
 * Developer Guide's "Mapping Streaming Source Elements to SQL Input Columns" describes:
 * - JSON: the record holds one or more JSON documents (a preprocessing function may put several in
 *   one); RecordRowPath picks each document's row (`$`, or a path ending in `[0:]` for one row per
 *   element); each column's Mapping is a JSONPath from the row. One mapping may flatten an array
 *   (`$.orders[0:].orderId`): then a row per element, the other columns repeated, and an empty array
 *   still gives one row, its flattened columns NULL.
 * - CSV: rows split at RecordRowDelimiter, fields at RecordColumnDelimiter, the columns taken in
 *   order; missing fields are NULL, extra fields are ignored.
 * Values stay as read (JSON values, or text): the engine converts them to the columns' types, and a
 * value that does not convert sends its row to error_stream. A record that cannot be read at all
 * (not JSON, not UTF-8 text) is reported for error_stream too.
 *
 * Deliberate choices AWS leaves open: CSV has no quoting (AWS's mapping documents none); an empty CSV
 * field is NULL except in character columns; with RecordRowDelimiter "\n" a trailing "\r" is dropped.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { isCharacter, parseColumnType, type ColumnDescriptor } from "../sql";
import type { SourceSchema } from "../shapes-v1.generated";
import { evaluate, flatteningStep, JsonPathError, parseJsonPath, samePrefix, type PathStep } from "./jsonpath";

export type ReadResult = { readonly ok: true; readonly rows: unknown[][] } | { readonly ok: false; readonly error: string };

export interface RecordReader {
  /** The columns, typed, in order. */
  readonly columns: readonly ColumnDescriptor[];
  read(data: Uint8Array): ReadResult;
}

const decoder = new TextDecoder("utf-8");

/** The schema's columns with their SQL types; throws InvalidArgumentException for a type AWS would refuse. */
export function schemaColumns(schema: SourceSchema): ColumnDescriptor[] {
  return schema.RecordColumns.map((column) => {
    try {
      return { name: column.Name, type: parseColumnType(column.SqlType) };
    } catch (error) {
      throw new InvalidArgumentException(`Column ${column.Name}: '${column.SqlType}' is not a valid SQL type (${messageOf(error)})`);
    }
  });
}

/** A reader for the schema; throws InvalidArgumentException for a mapping it cannot apply. */
export function recordReader(schema: SourceSchema): RecordReader {
  const encoding = schema.RecordEncoding ?? "UTF-8";
  if (encoding.toUpperCase() !== "UTF-8") throw new InvalidArgumentException(`RecordEncoding ${encoding} is not supported; only UTF-8 is`);
  const columns = schemaColumns(schema);
  const format = schema.RecordFormat;
  if (format.RecordFormatType === "CSV") {
    const csv = format.MappingParameters?.CSVMappingParameters;
    if (!csv) throw new InvalidArgumentException("A CSV record format needs CSVMappingParameters");
    return csvReader(columns, csv.RecordRowDelimiter, csv.RecordColumnDelimiter);
  }
  const rowPath = format.MappingParameters?.JSONMappingParameters?.RecordRowPath ?? "$";
  return jsonReader(columns, schema.RecordColumns.map((c) => c.Mapping ?? `$.${c.Name}`), rowPath);
}

function csvReader(columns: ColumnDescriptor[], rowDelimiter: string, columnDelimiter: string): RecordReader {
  const character = columns.map((c) => isCharacter(c.type));
  const width = columns.length;
  return {
    columns,
    read(data) {
      const rows: unknown[][] = [];
      for (let line of decoder.decode(data).split(rowDelimiter)) {
        if (rowDelimiter === "\n" && line.endsWith("\r")) line = line.slice(0, -1);
        if (line === "") continue;
        const fields = line.split(columnDelimiter, width);
        const row: unknown[] = new Array<unknown>(width);
        for (let i = 0; i < width; i++) {
          const field = fields[i];
          row[i] = field === undefined || (field === "" && !character[i]) ? null : field;
        }
        rows.push(row);
      }
      return { ok: true, rows };
    },
  };
}

function compile(path: string, what: string): PathStep[] {
  try {
    return parseJsonPath(path);
  } catch (error) {
    if (error instanceof JsonPathError) throw new InvalidArgumentException(`${what}: ${error.message}`);
    throw error;
  }
}

function jsonReader(columns: ColumnDescriptor[], mappings: string[], rowPath: string): RecordReader {
  const row = compile(rowPath, "RecordRowPath");
  const rowAll = row.at(-1)?.kind === "all";
  if (row.findIndex((step) => step.kind === "all") < row.length - 1 && row.some((step) => step.kind === "all")) {
    throw new InvalidArgumentException(`RecordRowPath '${rowPath}' may select all elements of an array only at its end`);
  }
  const paths = mappings.map((mapping, i) => compile(mapping, `Mapping of column ${columns[i]?.name ?? i}`));
  // The one array the mappings flatten, if any: every flattening mapping must name the same one.
  let flatten: { steps: PathStep[]; at: number } | undefined;
  for (const steps of paths) {
    const at = flatteningStep(steps);
    if (at < 0) continue;
    if (steps.slice(at + 1).some((step) => step.kind === "all")) {
      throw new InvalidArgumentException("Only one level of dereferencing is supported in an array expression");
    }
    if (flatten && (flatten.at !== at || !samePrefix(flatten.steps, steps, at + 1))) {
      throw new InvalidArgumentException("Only one array can be flattened in a schema");
    }
    flatten ??= { steps, at };
  }
  const flattened = paths.map((steps) => flatten !== undefined && flatteningStep(steps) >= 0);
  const width = columns.length;

  const rowsOf = (root: unknown, out: unknown[][]): void => {
    if (!flatten) {
      out.push(paths.map((steps) => evaluate(root, steps)));
      return;
    }
    const elements = evaluate(root, flatten.steps, 0, flatten.at + 1);
    const list = Array.isArray(elements) && elements.length > 0 ? elements : [undefined];
    const fixed = paths.map((steps, i) => (flattened[i] ? undefined : evaluate(root, steps)));
    for (const element of list) {
      const values = new Array<unknown>(width);
      for (let i = 0; i < width; i++) {
        values[i] = flattened[i] ? (element === undefined ? null : evaluate(element, paths[i] ?? [], (flatten?.at ?? 0) + 1)) : fixed[i];
      }
      out.push(values);
    }
  };

  return {
    columns,
    read(data) {
      let documents: unknown[];
      try {
        documents = parseDocuments(decoder.decode(data));
      } catch (error) {
        return { ok: false, error: `The record is not valid JSON: ${messageOf(error)}` };
      }
      const rows: unknown[][] = [];
      for (const document of documents) {
        const selected = evaluate(document, row);
        if (selected === undefined) return { ok: false, error: `RecordRowPath '${rowPath}' selects nothing in the record` };
        if (rowAll && Array.isArray(selected)) for (const element of selected) rowsOf(element, rows);
        else rowsOf(selected, rows);
      }
      return { ok: true, rows };
    },
  };
}

/**
 * The JSON documents of a record: usually one; several when they follow one another ("{...}{...}"
 * or one per line), as a preprocessing function may return them.
 */
export function parseDocuments(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch (error) {
    const parts = splitDocuments(text);
    if (parts.length <= 1) throw error;
    return parts.map((part) => JSON.parse(part) as unknown);
  }
}

/** Cuts text at the ends of top-level JSON values (objects and arrays by their brackets, others at whitespace). */
function splitDocuments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (start < 0) {
      if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
      start = i;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    const next = text[i + 1];
    const atEnd = next === undefined || (depth === 0 && (c === "}" || c === "]" || /\s/.test(next) || next === "{" || next === "["));
    if (depth === 0 && atEnd && !inString) {
      parts.push(text.slice(start, i + 1));
      start = -1;
    }
  }
  if (start >= 0) parts.push(text.slice(start));
  return parts;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
