/**
 * Where a conversion's schema comes from. AWS reads the Glue table that SchemaConfiguration names
 * (DatabaseName, TableName); there is no Glue here, so DatabaseName names one of two things this
 * Worker can read, resolved the way BucketARNs and ClusterJDBCURLs are:
 *
 * - `s3://<bucket>[/<prefix>]`: a schema file in an R2 bucket bound to the Worker, the object
 *   `<prefix>/<TableName>.json`. It holds the columns as Glue describes them, so the output of
 *   `aws glue get-table` can be stored as it is: `{"Table": {"StorageDescriptor": {"Columns": [...]}}}`,
 *   a TableInput `{"StorageDescriptor": {"Columns": [...]}}`, or just `{"Columns": [...]}`, each column
 *   `{"Name": "user_id", "Type": "string"}` with a Hive type (hive-types.ts). PartitionKeys are not
 *   columns of the files (as in Glue, they come from the object's path).
 * - anything else: a D1 database bound to the Worker (the name upper-cased, `_` for anything but
 *   A-Z and 0-9: `rivulet-analytics` is RIVULET_ANALYTICS), whose table TableName gives the
 *   columns in order (PRAGMA table_info). A declared type that is a Hive type is taken as it is
 *   (`STRING`, `TIMESTAMP`, `DECIMAL(10,2)`, `VARCHAR(20)`, ...); otherwise SQLite's affinity rules
 *   decide (`INTEGER` and other *INT* types: bigint; *CHAR*, *CLOB*, *TEXT*: string; *BLOB* or none:
 *   binary; *REAL*, *FLOA*, *DOUB*: double; anything else: double).
 *
 * The schema is read at every delivery, as Firehose reads the table's latest version (VersionId is
 * kept and described, not used). A table that cannot be found or read as a schema fails the batch's
 * records into the error output with AWS's codes; an unreachable D1 or R2 throws, and delivery is retried.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { resolveBucket } from "../buckets";
import { databaseNamed } from "../redshift";
import type { SchemaConfiguration } from "../shapes.generated";
import { InvalidTypeError, parseHiveType, type Column, type HiveType } from "./hive-types";

export type SchemaSource =
  | { kind: "d1"; database: D1Database; table: string }
  | { kind: "r2"; bucket: R2Bucket; key: string };

/** Why a schema cannot be used: the error output's lastErrorCode and lastErrorMessage (AWS's). */
export class SchemaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ENTITY_NOT_FOUND = () =>
  new SchemaError(
    "DataFormatConversion.EntityNotFound",
    "The specified table/database could not be found. Please ensure that the table/database exists and that the values provided in the schema configuration are correct, especially with regards to casing.",
  );

/** The source SchemaConfiguration names; throws InvalidArgumentException when this Worker can read none. */
export function schemaSourceOf(env: Env, schema: SchemaConfiguration): SchemaSource {
  const database = schema.DatabaseName ?? "";
  const table = schema.TableName ?? "";
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(database);
  if (s3) {
    const [, bucketName = "", prefix = ""] = s3;
    const bucket = resolveBucket(env, `arn:aws:s3:::${bucketName}`);
    if (!bucket) {
      throw new InvalidArgumentException(
        `SchemaConfiguration.DatabaseName ${database} names a bucket this Worker has no R2 binding for.`,
      );
    }
    const folder = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
    return { kind: "r2", bucket, key: `${folder}${table}.json` };
  }
  const d1 = databaseNamed(env, database);
  if (!d1) {
    throw new InvalidArgumentException(
      `SchemaConfiguration.DatabaseName ${database} names neither a D1 database bound to this Worker nor a bucket (s3://<bucket>/<prefix>).`,
    );
  }
  return { kind: "d1", database: d1, table };
}

/** The columns of the table, in order. Throws SchemaError (the records fail) or anything else (retried). */
export async function readSchema(source: SchemaSource): Promise<Column[]> {
  const columns = source.kind === "d1" ? await d1Columns(source.database, source.table) : await r2Columns(source.bucket, source.key);
  if (columns.length === 0) {
    throw new SchemaError("DataFormatConversion.NonExistentColumns", "The schema is invalid. The Glue table must have at least one column.");
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) throw new SchemaError("DataFormatConversion.InvalidSchema", `The schema is invalid. Column ${column.name} appears twice.`);
    seen.add(column.name);
  }
  return columns;
}

async function d1Columns(database: D1Database, table: string): Promise<Column[]> {
  const rows = await database.prepare("SELECT name, type FROM pragma_table_info(?) ORDER BY cid").bind(table).all<{ name: string; type: string }>();
  if (rows.results.length === 0) throw ENTITY_NOT_FOUND();
  return rows.results.map((row) => ({ name: row.name.toLowerCase(), type: sqliteType(row.type) }));
}

function sqliteType(declared: string): HiveType {
  const text = declared.trim();
  if (/^integer$/i.test(text)) return { kind: "primitive", name: "bigint" };
  try {
    return parseHiveType(text);
  } catch (error) {
    if (!(error instanceof InvalidTypeError)) throw error;
  }
  // SQLite's affinity rules (https://www.sqlite.org/datatype3.html, 3.1), in their order.
  const upper = text.toUpperCase();
  if (upper.includes("INT")) return { kind: "primitive", name: "bigint" };
  if (/CHAR|CLOB|TEXT/.test(upper)) return { kind: "primitive", name: "string" };
  if (upper === "" || upper.includes("BLOB")) return { kind: "primitive", name: "binary" };
  return { kind: "primitive", name: "double" };
}

async function r2Columns(bucket: R2Bucket, key: string): Promise<Column[]> {
  const object = await bucket.get(key);
  if (!object) throw ENTITY_NOT_FOUND();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await object.text());
  } catch {
    throw new SchemaError("DataFormatConversion.InvalidSchema", `The schema is invalid. ${key} is not JSON.`);
  }
  const list = columnList(parsed);
  if (!list) throw new SchemaError("DataFormatConversion.InvalidSchema", `The schema is invalid. ${key} holds no Columns list.`);
  return list.map((entry) => {
    const column = entry as { Name?: unknown; Type?: unknown };
    if (typeof column.Name !== "string" || typeof column.Type !== "string" || column.Name === "") {
      throw new SchemaError("DataFormatConversion.InvalidSchema", "The schema is invalid. Every column needs a Name and a Type.");
    }
    try {
      return { name: column.Name.toLowerCase(), type: parseHiveType(column.Type) };
    } catch (error) {
      if (error instanceof InvalidTypeError) throw new SchemaError("DataFormatConversion.InvalidSchema", `The schema is invalid. ${error.message}`);
      throw error;
    }
  });
}

/** The Columns of a Glue GetTable answer, a TableInput, or a bare {Columns}. */
function columnList(value: unknown): unknown[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.Columns)) return record.Columns;
  if (record.StorageDescriptor !== undefined) return columnList(record.StorageDescriptor);
  if (record.Table !== undefined) return columnList(record.Table);
  return undefined;
}
