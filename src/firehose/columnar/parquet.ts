/**
 * Rows to a Parquet file, with hyparquet-writer (a pure-JavaScript writer, ~18 KB gzipped: the
 * WebAssembly writers cost 1.6 MB, half the Workers bundle limit). ParquetSerDe's options:
 *
 * - Compression SNAPPY (the default), GZIP or UNCOMPRESSED, per page;
 * - BlockSizeBytes: rows per row group, estimated from the records' JSON size (a flush holds at most
 *   16 MiB, so the default 256 MiB block makes one row group);
 * - PageSizeBytes: the target page size (default 1 MiB);
 * - EnableDictionaryCompression false: every flat column PLAIN-encoded; otherwise dictionaries where
 *   they at least halve a column.
 *
 * Types as Hive's Parquet writer maps them, except timestamps: INT64 microseconds (TIMESTAMP_MICROS)
 * instead of the deprecated INT96, which hyparquet-writer does not write. Every page is a
 * DATA_PAGE_V2 whatever WriterVersion says (hyparquet-writer writes no V1 pages); MaxPaddingBytes
 * has no meaning without HDFS blocks. Arrays are 3-level LISTs (`list`/`element`), maps MAPs
 * (`key_value`/`key`/`value`), structs groups; every column is OPTIONAL.
 */
import { gzipSync } from "fflate";
import { ByteWriter, parquetWrite } from "hyparquet-writer";
import type { ColumnSource } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";
import type { ParquetSerDe } from "../shapes.generated";
import type { Column, HiveType } from "./hive-types";
import type { Row, Value } from "./deserialize";

/** AWS's defaults (the ParquetSerDe API reference). */
const DEFAULT_BLOCK_BYTES = 256 * 1024 * 1024;
const DEFAULT_PAGE_BYTES = 1024 * 1024;

/**
 * `fieldIds` gives each top-level column a Parquet field_id (Iceberg data files need them), and
 * `required` the columns written REQUIRED.
 */
export function writeParquet(
  columns: readonly Column[],
  rows: readonly Row[],
  sourceBytes: number,
  options: ParquetSerDe,
  iceberg?: { fieldIds: readonly number[]; required: readonly boolean[] },
): Uint8Array {
  const schema: SchemaElement[] = [{ name: "schema", num_children: columns.length }];
  columns.forEach((column, index) => {
    const [top, ...nested] = elements(column.name, column.type, iceberg?.required[index] ? "REQUIRED" : "OPTIONAL");
    const fieldId = iceberg?.fieldIds[index];
    if (top) schema.push(fieldId === undefined ? top : { ...top, field_id: fieldId }, ...nested);
  });
  const plain = options.EnableDictionaryCompression === false;
  const columnData: ColumnSource[] = columns.map((column, index) => ({
    name: column.name,
    data: rows.map((row) => toWriterValue(row[index] ?? null, column.type)),
    ...(plain && column.type.kind === "primitive" && { encoding: "PLAIN" as const }),
  }));
  const averageRowBytes = Math.max(1, sourceBytes / Math.max(1, rows.length));
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    columnData,
    schema,
    codec: options.Compression ?? "SNAPPY",
    compressors: { GZIP: (input) => gzipSync(input) },
    pageSize: options.PageSizeBytes ?? DEFAULT_PAGE_BYTES,
    rowGroupSize: Math.max(1, Math.floor((options.BlockSizeBytes ?? DEFAULT_BLOCK_BYTES) / averageRowBytes)),
    createdBy: "Rivulet (hyparquet-writer)",
  });
  return writer.getBytes();
}

function elements(name: string, type: HiveType, repetition: "OPTIONAL" | "REQUIRED"): SchemaElement[] {
  switch (type.kind) {
    case "array":
      return [
        { name, repetition_type: repetition, converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        ...elements("element", type.element, "OPTIONAL"),
      ];
    case "map":
      return [
        { name, repetition_type: repetition, converted_type: "MAP", num_children: 1 },
        { name: "key_value", repetition_type: "REPEATED", num_children: 2 },
        ...elements("key", type.key, "REQUIRED"),
        ...elements("value", type.value, "OPTIONAL"),
      ];
    case "struct":
      return [
        { name, repetition_type: repetition, num_children: type.fields.length },
        ...type.fields.flatMap((field) => elements(field.name, field.type, "OPTIONAL")),
      ];
    case "primitive":
      return [{ name, repetition_type: repetition, ...primitive(type) }];
  }
}

function primitive(type: HiveType & { kind: "primitive" }): Omit<SchemaElement, "name"> {
  switch (type.name) {
    case "boolean":
      return { type: "BOOLEAN" };
    case "tinyint":
      return { type: "INT32", converted_type: "INT_8" };
    case "smallint":
      return { type: "INT32", converted_type: "INT_16" };
    case "int":
      return { type: "INT32" };
    case "bigint":
      return { type: "INT64" };
    case "float":
      return { type: "FLOAT" };
    case "double":
      return { type: "DOUBLE" };
    case "string":
    case "varchar":
    case "char":
      return { type: "BYTE_ARRAY", converted_type: "UTF8" };
    case "binary":
      return { type: "BYTE_ARRAY" };
    case "timestamp":
      return { type: "INT64", converted_type: "TIMESTAMP_MICROS" };
    case "date":
      return { type: "INT32", converted_type: "DATE" };
    case "decimal":
      // Hive's layout: the fewest bytes that hold `precision` digits, two's complement big-endian.
      return {
        type: "FIXED_LEN_BYTE_ARRAY",
        type_length: Math.ceil((type.precision * Math.log2(10) + 1) / 8),
        converted_type: "DECIMAL",
        precision: type.precision,
        scale: type.scale,
      };
  }
}

/** What hyparquet-writer takes for a value: structs as objects, maps as [key, value] pairs (both as the row has them). */
function toWriterValue(value: Value, type: HiveType): unknown {
  if (value === null) return null;
  if (type.kind === "array" && Array.isArray(value)) return value.map((element) => toWriterValue(element as Value, type.element));
  if (type.kind === "map" && Array.isArray(value)) {
    return (value as [Value, Value][]).map(([key, entry]) => [toWriterValue(key, type.key), toWriterValue(entry, type.value)]);
  }
  if (type.kind === "struct" && typeof value === "object" && !(value instanceof Uint8Array) && !Array.isArray(value)) {
    return Object.fromEntries(type.fields.map((field) => [field.name, toWriterValue(value[field.name] ?? null, field.type)]));
  }
  return value;
}
