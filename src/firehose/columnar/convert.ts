/**
 * Record format conversion at delivery: the schema read once per batch, then each data object's
 * records turned into rows and written as one Parquet or ORC file. A record that is not JSON
 * objects (DataFormatConversion.ParseError) or whose values do not fit the schema
 * (DataFormatConversion.MalformedData) fails alone, into the error output; a schema that cannot be
 * read as one fails every record of the batch the same way (DataFormatConversion.EntityNotFound,
 * .InvalidSchema, .NonExistentColumns), as AWS writes records it cannot convert instead of holding
 * up the stream. Failed records carry the dataCatalogTable AWS's error output names.
 */
import { InvalidArgumentException } from "../../aws/errors";
import type { BufferConfig } from "../buffer";
import type { DataCatalogTable, ProcessedRecord } from "../records";
import { outputFormatOf, type DataFormatConversion, type OutputFormat } from "./conversion-config";
import { checkColumnNames, MalformedDataError, toRow, type Deserializer, type Row } from "./deserialize";
import type { Column } from "./hive-types";
import { jsonDocuments, JsonParseError } from "./json-documents";
import { writeOrc } from "./orc/writer";
import { writeParquet } from "./parquet";
import { readSchema, SchemaError, schemaSourceOf } from "./schema-source";

export const EXTENSIONS: Readonly<Record<OutputFormat, string>> = { parquet: ".parquet", orc: ".orc" };

export interface Converter {
  format: OutputFormat;
  /** The table's columns, or why there are none. */
  schema: Column[] | SchemaError;
  deserializer: Deserializer;
  table: DataCatalogTable;
  conversion: DataFormatConversion;
}

export async function converterFor(env: Env, config: BufferConfig, conversion: DataFormatConversion): Promise<Converter> {
  const schemaConfiguration = conversion.SchemaConfiguration ?? {};
  const region = schemaConfiguration.Region ?? config.region;
  const catalogId = schemaConfiguration.CatalogId ?? config.account;
  const table: DataCatalogTable = {
    catalogId,
    databaseName: schemaConfiguration.DatabaseName ?? "",
    tableName: schemaConfiguration.TableName ?? "",
    region,
    versionId: schemaConfiguration.VersionId ?? "LATEST",
    catalogArn: `arn:aws:glue:${region}:${catalogId}:catalog`,
  };
  const options = conversion.InputFormatConfiguration?.Deserializer ?? {};
  const deserializer: Deserializer = options.HiveJsonSerDe ? { kind: "hive", options: options.HiveJsonSerDe } : { kind: "openx", options: options.OpenXJsonSerDe ?? {} };
  let schema: Column[] | SchemaError;
  try {
    schema = await readSchema(schemaSourceOf(env, schemaConfiguration));
    const invalid = checkColumnNames(deserializer, schema);
    if (invalid) schema = new SchemaError("DataFormatConversion.InvalidSchema", `The schema is invalid. ${invalid}`);
  } catch (error) {
    // A D1 database or bucket unbound since the stream was created reads as a table that is gone.
    if (error instanceof SchemaError) schema = error;
    else if (error instanceof InvalidArgumentException) schema = new SchemaError("DataFormatConversion.EntityNotFound", error.message);
    else throw error;
  }
  return { format: outputFormatOf(conversion), schema, deserializer, table, conversion };
}

export interface ConvertedObject {
  /** The file; undefined when no record converted. */
  body: Uint8Array | undefined;
  converted: ProcessedRecord[];
  failed: ProcessedRecord[];
}

/** One data object's records as one file of the converter's format. */
export async function convertRecords(converter: Converter, records: readonly ProcessedRecord[]): Promise<ConvertedObject> {
  const fail = (record: ProcessedRecord, code: string, message: string): ProcessedRecord => ({
    ...record,
    result: "ProcessingFailed",
    error: { code, message, attempts: 1, dataCatalogTable: converter.table },
  });
  const schema = converter.schema;
  if (schema instanceof SchemaError) return { body: undefined, converted: [], failed: records.map((record) => fail(record, schema.code, schema.message)) };
  const rows: Row[] = [];
  const converted: ProcessedRecord[] = [];
  const failed: ProcessedRecord[] = [];
  let sourceBytes = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  for (const record of records) {
    try {
      let text: string;
      try {
        text = decoder.decode(record.data);
      } catch {
        throw new JsonParseError("Encountered malformed JSON. The record is not UTF-8.");
      }
      const recordRows = jsonDocuments(text).map((document) => toRow(document, schema, converter.deserializer));
      rows.push(...recordRows);
      converted.push(record);
      sourceBytes += record.data.length;
    } catch (error) {
      if (error instanceof JsonParseError) failed.push(fail(record, "DataFormatConversion.ParseError", error.message));
      else if (error instanceof MalformedDataError) failed.push(fail(record, "DataFormatConversion.MalformedData", error.message));
      else throw error;
    }
  }
  if (rows.length === 0) return { body: undefined, converted, failed };
  const serializer = converter.conversion.OutputFormatConfiguration?.Serializer ?? {};
  const body =
    converter.format === "orc"
      ? await writeOrc(schema, rows, sourceBytes, serializer.OrcSerDe ?? {})
      : writeParquet(schema, rows, sourceBytes, serializer.ParquetSerDe ?? {});
  return { body, converted, failed };
}
