/**
 * From rows of an in-application stream to output records, by an output's DestinationSchema:
 * - JSON: one object per row, its keys the stream's column names as declared (upper case unless
 *   quoted), ROWTIME not included. Records are not newline-terminated: AWS's output is
 *   concatenated JSON (`{...}{...}` once a delivery stream puts records together).
 * - CSV: the row's values separated by commas, ended by a newline.
 * Values: numbers as numbers (a NaN or infinity, which JSON cannot hold, as null), TIMESTAMP as
 * "yyyy-MM-dd HH:mm:ss.SSS", DATE and TIME as their text, BINARY as hex, BOOLEAN as true/false.
 *
 * Deliberate choices AWS leaves open: a CSV field holding a comma, quote or line break is quoted
 * (RFC 4180), NULL is an empty field.
 */
import { formatDate, formatTime, formatTimestamp, valueToText, type ColumnDescriptor, type SqlType, type SqlValue } from "../sql";
import type { RecordFormatType } from "../shapes-v1.generated";

const encoder = new TextEncoder();

export type RowFormatter = (values: readonly SqlValue[]) => Uint8Array;

export function rowFormatter(format: RecordFormatType, columns: readonly ColumnDescriptor[]): RowFormatter {
  if (format === "CSV") {
    return (values) => encoder.encode(`${columns.map((c, i) => csvField(values[i] ?? null, c.type)).join(",")}\n`);
  }
  const keys = columns.map((c) => JSON.stringify(c.name));
  return (values) => {
    let text = "{";
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) text += ",";
      text += `${keys[i]}:${JSON.stringify(jsonValue(values[i] ?? null, columns[i]?.type))}`;
    }
    return encoder.encode(`${text}}`);
  };
}

function jsonValue(value: SqlValue, type: SqlType | undefined): unknown {
  if (value === null || type === undefined) return value;
  if (typeof value === "number") {
    switch (type.name) {
      case "TIMESTAMP":
        return formatTimestamp(value);
      case "DATE":
        return formatDate(value);
      case "TIME":
        return formatTime(value);
      default:
        return Number.isFinite(value) ? value : null;
    }
  }
  if (value instanceof Uint8Array || Array.isArray(value)) return valueToText(value, type);
  return value;
}

function csvField(value: SqlValue, type: SqlType): string {
  if (value === null) return "";
  const text = typeof value === "boolean" ? String(value) : valueToText(value, type);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
