/**
 * Delivery to Iceberg tables: each flushed batch's records (after processing) routed to their
 * tables, each table's records appended as one Parquet data file in one commit (one snapshot).
 *
 * Routing, as AWS documents it (apache-iceberg-format-input-record*.html): a record's
 * `destinationDatabaseName` and `destinationTableName` (and `operation`), from a MetadataExtraction
 * JQ query of the ProcessingConfiguration or from a Lambda's partition keys; without them, the one
 * table of DestinationTableConfigurationList. Records are JSON objects whose members fill the
 * columns of the same name (case-insensitively; OpenX's lenient conversions); several objects in one
 * record are several rows.
 *
 * Tables: an existing table's current schema is used (columns of nested, time or fixed types are
 * not written: such a table fails its records). A table that does not exist is created, with a
 * schema inferred from its first records (strings, longs, doubles, booleans; nested JSON as strings),
 * when TableCreationConfiguration is enabled; otherwise its records fail. With
 * SchemaEvolutionConfiguration enabled, members no column has become new optional columns.
 *
 * Failures, into the S3 configuration's error output (`iceberg-failed/`): records that are not JSON
 * (Iceberg.ParseError), do not fit the schema (Iceberg.MalformedData), name no table
 * (Iceberg.MissingRoutingInformation), a table that does not exist (Iceberg.TableNotFound), an
 * operation other than insert (Iceberg.UnsupportedOperation), a table Rivulet cannot write
 * (Iceberg.UnsupportedSchema). A commit that fails (R2, or other writers winning the race every
 * time) is retried by the delivery queue until RetryOptions.DurationInSeconds have passed since the
 * flush; then its records go to the error output (Iceberg.CommitFailed). These codes are ours.
 */
import type { Clock } from "../../clock";
import { toRow, MalformedDataError, type Row, type Value } from "../columnar/deserialize";
import type { Column } from "../columnar/hive-types";
import { jsonDocuments, JsonNumber, JsonParseError, type JsonValue } from "../columnar/json-documents";
import { writeParquet } from "../columnar/parquet";
import type { DestinationDelivery, FlushedBatch } from "../destinations/outbound";
import type { ProcessedRecord } from "../records";
import { tableLocation, warehouseOf, type IcebergSettings } from "./destination";
import { hiveTypeOf, type IcebergField, type IcebergSchema, type TableMetadata } from "./spec";
import { appendDataFile, createTable, currentTable, type AppendFile } from "./table";

class RecordFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Routed {
  record: ProcessedRecord;
  documents: { [key: string]: JsonValue }[];
}

const OPENX = { kind: "openx", options: {} } as const;

export async function appendToIceberg(options: {
  env: Env;
  batch: FlushedBatch;
  settings: IcebergSettings;
  s3BucketArn: string;
  records: readonly ProcessedRecord[];
  clock: Clock;
}): Promise<DestinationDelivery> {
  const { env, batch, settings, s3BucketArn, records, clock } = options;
  const warehouse = warehouseOf(env, settings, s3BucketArn);
  if (!warehouse) throw new Error(`delivery stream ${batch.config.streamName}: the Iceberg warehouse's bucket is not bound`);
  const failed: ProcessedRecord[] = [];
  const fail = (record: ProcessedRecord, code: string, message: string) =>
    failed.push({ ...record, result: "ProcessingFailed", error: { code, message, attempts: 1 } });

  // Route every record to its table.
  const tables = new Map<string, { database: string; table: string; routed: Routed[] }>();
  const only = settings.DestinationTableConfigurationList?.length === 1 ? settings.DestinationTableConfigurationList[0] : undefined;
  for (const record of records) {
    const keys = { ...record.partitionKeys.lambda, ...record.partitionKeys.query };
    const database = keys.destinationDatabaseName ?? only?.DestinationDatabaseName;
    const table = keys.destinationTableName ?? only?.DestinationTableName;
    const operation = (keys.operation ?? "insert").toLowerCase();
    if (!database || !table) {
      fail(record, "Iceberg.MissingRoutingInformation", "The record names no destination table, and the stream has more than one (or none) configured.");
      continue;
    }
    if (operation !== "insert") {
      fail(record, "Iceberg.UnsupportedOperation", `Operation ${operation} is not supported: Rivulet appends to Iceberg tables.`);
      continue;
    }
    let documents: { [key: string]: JsonValue }[];
    try {
      documents = jsonDocuments(new TextDecoder().decode(record.data));
    } catch (error) {
      if (!(error instanceof JsonParseError)) throw error;
      fail(record, "Iceberg.ParseError", error.message);
      continue;
    }
    const name = `${database}.${table}`;
    const entry = tables.get(name) ?? { database, table, routed: [] };
    entry.routed.push({ record, documents });
    tables.set(name, entry);
  }

  let delivered = 0;
  for (const [name, { database, table, routed }] of [...tables].sort(([a], [b]) => a.localeCompare(b))) {
    const location = tableLocation(warehouse, database, table);
    try {
      let current = await currentTable(location);
      if (!current) {
        if (settings.TableCreationConfiguration?.Enabled !== true) {
          for (const { record } of routed) fail(record, "Iceberg.TableNotFound", `Table ${name} does not exist in the warehouse, and table creation is not enabled.`);
          continue;
        }
        const uuid = crypto.randomUUID();
        current = await createTable(location, { type: "struct", "schema-id": 0, fields: evolve([], routed, 0).fields }, uuid, clock.now());
      }
      let rejected: { record: ProcessedRecord; failure: RecordFailure }[] = [];
      let appended = 0;
      // The file for the metadata read last; written again only when another commit came first.
      let prepared: { metadata: TableMetadata; file: AppendFile } | undefined;
      const prepare = (metadata: TableMetadata): AppendFile => {
        if (prepared?.metadata === metadata) return prepared.file;
        const file = dataFile(metadata, routed, settings.SchemaEvolutionConfiguration?.Enabled === true);
        rejected = file.rejected;
        appended = file.accepted;
        prepared = { metadata, file };
        return file;
      };
      // A table whose rows all fail commits nothing.
      const probe = prepare(current.metadata);
      if (probe.recordCount > 0) await appendDataFile({ location, marker: batch.batchId, nowMs: clock.now(), prepare }, current);
      for (const { record, failure } of rejected) fail(record, failure.code, failure.message);
      delivered += appended;
    } catch (error) {
      if (error instanceof RecordFailure) {
        for (const { record } of routed) fail(record, error.code, error.message);
        continue;
      }
      const retryMs = settings.RetryOptions.DurationInSeconds * 1000;
      if (retryMs > 0 && clock.now() < batch.flushedMs + retryMs) throw error;
      for (const { record } of routed) fail(record, "Iceberg.CommitFailed", error instanceof Error ? error.message : String(error));
    }
  }
  return { delivered, failed };
}

/** The schema's columns as the writers take them; RecordFailure for a type Rivulet does not write. */
function columnsOf(schema: IcebergSchema): { columns: Column[]; fields: IcebergField[] } {
  const columns = schema.fields.map((field) => {
    const type = hiveTypeOf(field.type);
    if (!type) throw new RecordFailure("Iceberg.UnsupportedSchema", `Column ${field.name} has type ${JSON.stringify(field.type)}, which Rivulet does not write.`);
    return { name: field.name.toLowerCase(), type };
  });
  return { columns, fields: schema.fields };
}

/**
 * `fields` plus, for every member of the records no field has, a new optional field of the
 * members' JSON type across all the records: long, widened to double by any fraction, to string by
 * any mix (and for nested JSON).
 */
function evolve(fields: readonly IcebergField[], routed: readonly Routed[], lastColumnId: number): { fields: IcebergField[]; changed: boolean } {
  const known = new Set(fields.map((field) => field.name.toLowerCase()));
  const seen = new Map<string, string>();
  for (const { documents } of routed) {
    for (const document of documents) {
      for (const [key, value] of Object.entries(document)) {
        const name = key.toLowerCase();
        if (known.has(name) || value === null) continue;
        const type = inferredType(value);
        const before = seen.get(name);
        seen.set(name, before === undefined || before === type ? type : before !== "string" && type !== "string" && before !== "boolean" && type !== "boolean" ? "double" : "string");
      }
    }
  }
  let nextId = Math.max(lastColumnId, ...fields.map((field) => field.id));
  const added = [...seen].map(([name, type]): IcebergField => ({ id: (nextId += 1), name, required: false, type }));
  return { fields: [...fields, ...added], changed: added.length > 0 };
}

function inferredType(value: JsonValue): string {
  if (typeof value === "boolean") return "boolean";
  if (value instanceof JsonNumber) return /^-?\d+$/.test(value.source) ? "long" : "double";
  return "string";
}

function dataFile(metadata: TableMetadata, routed: readonly Routed[], evolution: boolean): AppendFile & { accepted: number; rejected: { record: ProcessedRecord; failure: RecordFailure }[] } {
  let schema = metadata.schemas.find((candidate) => candidate["schema-id"] === metadata["current-schema-id"]);
  if (!schema) throw new Error(`Iceberg: the current schema ${metadata["current-schema-id"]} is missing`);
  if (evolution) {
    const evolved = evolve(schema.fields, routed, metadata["last-column-id"]);
    if (evolved.changed) {
      const id = Math.max(...metadata.schemas.map((candidate) => candidate["schema-id"])) + 1;
      schema = { type: "struct", "schema-id": id, fields: evolved.fields };
    }
  }
  const partitioned = metadata["partition-specs"].find((spec) => spec["spec-id"] === metadata["default-spec-id"])?.fields.length ?? 0;
  if (partitioned > 0) throw new RecordFailure("Iceberg.UnsupportedSchema", "The table is partitioned: Rivulet appends to unpartitioned tables only.");
  const { columns, fields } = columnsOf(schema);
  const rows: Row[] = [];
  const rejected: { record: ProcessedRecord; failure: RecordFailure }[] = [];
  let accepted = 0;
  let sourceBytes = 0;
  for (const { record, documents } of routed) {
    try {
      const recordRows = documents.map((document) => {
        const row = toRow(document, columns, OPENX);
        const missing = fields.find((field, index) => field.required && (row[index] ?? null) === null);
        if (missing) throw new MalformedDataError(`The record has no value for the required column ${missing.name}.`);
        return row;
      });
      rows.push(...recordRows);
      accepted += 1;
      sourceBytes += record.data.length;
    } catch (error) {
      if (!(error instanceof MalformedDataError)) throw error;
      rejected.push({ record, failure: new RecordFailure("Iceberg.MalformedData", error.message) });
    }
  }
  const body =
    rows.length === 0
      ? new Uint8Array()
      : writeParquet(columns, rows as Value[][], sourceBytes, { Compression: "SNAPPY" }, { fieldIds: fields.map((field) => field.id), required: fields.map((field) => field.required) });
  return { schema, body, recordCount: rows.length, accepted, rejected };
}
