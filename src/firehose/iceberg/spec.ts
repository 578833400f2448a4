/**
 * What the Apache Iceberg table spec (format version 2, https://iceberg.apache.org/spec/) asks of
 * a writer that appends: the table metadata file's members, the Avro schemas of manifest lists
 * (manifest_file) and manifests (manifest_entry with its data_file), with the field ids the spec
 * assigns them, and Iceberg's primitive types as the columnar writers' Hive types.
 */
import type { HiveType, PrimitiveName } from "../columnar/hive-types";
import type { AvroType } from "./avro";

export interface IcebergField {
  id: number;
  name: string;
  required: boolean;
  type: string | { type: string };
  doc?: string;
}

export interface IcebergSchema {
  type: "struct";
  "schema-id": number;
  fields: IcebergField[];
}

export interface Snapshot {
  "sequence-number": number;
  "snapshot-id": number;
  "parent-snapshot-id"?: number;
  "timestamp-ms": number;
  summary: Record<string, string> & { operation: string };
  "manifest-list": string;
  "schema-id": number;
}

export interface TableMetadata {
  "format-version": 2;
  "table-uuid": string;
  location: string;
  "last-sequence-number": number;
  "last-updated-ms": number;
  "last-column-id": number;
  "current-schema-id": number;
  schemas: IcebergSchema[];
  "default-spec-id": number;
  "partition-specs": { "spec-id": number; fields: { "source-id": number; "field-id": number; name: string; transform: string }[] }[];
  "last-partition-id": number;
  "default-sort-order-id": number;
  "sort-orders": { "order-id": number; fields: unknown[] }[];
  properties: Record<string, string>;
  "current-snapshot-id"?: number;
  refs?: Record<string, { "snapshot-id": number; type: "branch" | "tag" }>;
  snapshots?: Snapshot[];
  "snapshot-log"?: { "timestamp-ms": number; "snapshot-id": number }[];
  "metadata-log"?: { "timestamp-ms": number; "metadata-file": string }[];
}

/** The Hive type each of Iceberg's primitive types is written as (decimals apart). */
const HIVE_PRIMITIVES: Readonly<Record<string, Exclude<PrimitiveName, "decimal" | "varchar" | "char">>> = {
  boolean: "boolean",
  int: "int",
  long: "bigint",
  float: "float",
  double: "double",
  date: "date",
  timestamp: "timestamp",
  timestamptz: "timestamp",
  string: "string",
  uuid: "string",
  binary: "binary",
};

/** Iceberg's primitive type names as the writers' Hive types; undefined for those Rivulet does not write (nested, time, fixed). */
export function hiveTypeOf(type: IcebergField["type"]): HiveType | undefined {
  if (typeof type !== "string") return undefined;
  const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return { kind: "primitive", name: "decimal", precision: Number(decimal[1]), scale: Number(decimal[2]) };
  const name = Object.hasOwn(HIVE_PRIMITIVES, type) ? HIVE_PRIMITIVES[type] : undefined;
  return name && { kind: "primitive", name };
}

// The Avro schemas of the spec's "Manifests" and "Manifest Lists" sections (format version 2).
const optional = (type: AvroType): AvroType => ["null", type];

export const MANIFEST_FILE_SCHEMA: AvroType = {
  type: "record",
  name: "manifest_file",
  fields: [
    { name: "manifest_path", type: "string", "field-id": 500 },
    { name: "manifest_length", type: "long", "field-id": 501 },
    { name: "partition_spec_id", type: "int", "field-id": 502 },
    { name: "content", type: "int", "field-id": 517 },
    { name: "sequence_number", type: "long", "field-id": 515 },
    { name: "min_sequence_number", type: "long", "field-id": 516 },
    { name: "added_snapshot_id", type: "long", "field-id": 503 },
    { name: "added_files_count", type: "int", "field-id": 504 },
    { name: "existing_files_count", type: "int", "field-id": 505 },
    { name: "deleted_files_count", type: "int", "field-id": 506 },
    { name: "added_rows_count", type: "long", "field-id": 512 },
    { name: "existing_rows_count", type: "long", "field-id": 513 },
    { name: "deleted_rows_count", type: "long", "field-id": 514 },
    {
      name: "partitions",
      type: optional({
        type: "array",
        "element-id": 508,
        items: {
          type: "record",
          name: "r508",
          fields: [
            { name: "contains_null", type: "boolean", "field-id": 509 },
            { name: "contains_nan", type: optional("boolean"), "field-id": 518, default: null },
            { name: "lower_bound", type: optional("bytes"), "field-id": 510, default: null },
            { name: "upper_bound", type: optional("bytes"), "field-id": 511, default: null },
          ],
        },
      }),
      "field-id": 507,
      default: null,
    },
    { name: "key_metadata", type: optional("bytes"), "field-id": 519, default: null },
  ],
};

/** manifest_entry for an unpartitioned table (its partition tuple is an empty struct). */
export const MANIFEST_ENTRY_SCHEMA: AvroType = {
  type: "record",
  name: "manifest_entry",
  fields: [
    { name: "status", type: "int", "field-id": 0 },
    { name: "snapshot_id", type: optional("long"), "field-id": 1, default: null },
    { name: "sequence_number", type: optional("long"), "field-id": 3, default: null },
    { name: "file_sequence_number", type: optional("long"), "field-id": 4, default: null },
    {
      name: "data_file",
      type: {
        type: "record",
        name: "r2",
        fields: [
          { name: "content", type: "int", "field-id": 134 },
          { name: "file_path", type: "string", "field-id": 100 },
          { name: "file_format", type: "string", "field-id": 101 },
          { name: "partition", type: { type: "record", name: "r102", fields: [] }, "field-id": 102 },
          { name: "record_count", type: "long", "field-id": 103 },
          { name: "file_size_in_bytes", type: "long", "field-id": 104 },
          { name: "key_metadata", type: optional("bytes"), "field-id": 131, default: null },
          { name: "split_offsets", type: optional({ type: "array", items: "long", "element-id": 133 }), "field-id": 132, default: null },
          { name: "sort_order_id", type: optional("int"), "field-id": 140, default: null },
        ],
      },
      "field-id": 2,
    },
  ],
};

/** A snapshot's, manifest's or table's id: positive, and below 2^53 so that every JSON reader keeps it exact. */
export function idFrom(bytes: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < 7; i++) value = value * 256 + (bytes[i] ?? 0);
  return (value % (2 ** 52)) + 1;
}
