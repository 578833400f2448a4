/**
 * The "COPY" of a Redshift destination, into D1: the batch's records (after processing) become rows
 * of CopyCommand.DataTableName's columns, inserted in one D1 batch (a transaction) together with a
 * row of the load log keyed by the delivery batch's id. A batch delivered again finds its log row
 * and inserts nothing, so a retry never duplicates rows.
 *
 * Records are read as Redshift's COPY reads the staged object: with json 'auto' (the default here)
 * each record holds one JSON object, or several separated by newlines, whose members fill the
 * columns of the same name; CSV and DELIMITER read one row per line, fields in column order. A
 * record that does not read as rows is failed alone (to the error output); the others load.
 */
import type { ProcessedRecord } from "./records";
import { columnsOf, copyFormatOf, resolveDatabase, tableNameOf, type CopyFormat, type RedshiftSettings } from "./redshift";

/** The load log, created on first use (migrations/0001_firehose_load_log.sql creates it too). */
const LOAD_LOG = `CREATE TABLE IF NOT EXISTS firehose_load_log (
  batch_id TEXT PRIMARY KEY,
  delivery_stream TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  loaded_at TEXT NOT NULL
)`;

/** D1 binds at most 100 parameters a statement. */
const MAX_PARAMETERS = 100;

type Value = string | number | null;

export interface ParsedRecords<R> {
  rows: Value[][];
  /** Records that did not read as rows, with why. */
  rejected: { record: R; message: string }[];
}

/** The table's columns: DataTableColumns, or (as COPY without a column list) every column of the table. */
async function tableColumns(db: D1Database, settings: RedshiftSettings): Promise<string[]> {
  const given = columnsOf(settings.CopyCommand);
  if (given) return given;
  const table = tableNameOf(settings.CopyCommand);
  const result = await db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").bind(table).all<{ name: string }>();
  if (result.results.length === 0) throw new Error(`relation "${table}" does not exist`);
  return result.results.map((row) => row.name);
}

/** Reads each record as rows of `columns`. */
function parseRecords<R extends { data: Uint8Array }>(records: readonly R[], columns: readonly string[], format: CopyFormat): ParsedRecords<R> {
  const rows: Value[][] = [];
  const rejected: { record: R; message: string }[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  for (const record of records) {
    try {
      const text = decoder.decode(record.data);
      rows.push(...(format.kind === "json" ? jsonRows(text, columns, format.ignoreCase) : delimitedRows(text, columns, format)));
    } catch (error) {
      rejected.push({ record, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { rows, rejected };
}

function jsonRows(text: string, columns: readonly string[], ignoreCase: boolean): Value[][] {
  let objects: unknown[];
  try {
    objects = [JSON.parse(text)];
  } catch {
    objects = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new Error(`Invalid JSON: ${line.slice(0, 100)}`);
        }
      });
  }
  if (objects.length === 0) throw new Error("The record holds no JSON object.");
  return objects.map((object) => {
    if (typeof object !== "object" || object === null || Array.isArray(object)) throw new Error("Each JSON value must be an object.");
    const members = object as Record<string, unknown>;
    const lookup = ignoreCase ? new Map(Object.entries(members).map(([key, value]) => [key.toLowerCase(), value])) : undefined;
    return columns.map((column) => toValue(lookup ? lookup.get(column.toLowerCase()) : members[column]));
  });
}

function toValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return JSON.stringify(value);
}

function delimitedRows(text: string, columns: readonly string[], format: CopyFormat & { delimiter: string }): Value[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => {
      const fields = format.kind === "csv" ? csvFields(line, format.delimiter) : line.split(format.delimiter);
      if (fields.length !== columns.length) throw new Error(`Expected ${columns.length} fields, found ${fields.length}.`);
      return fields.map((field) => (field === "" ? null : field));
    });
}

function csvFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else field += char;
  }
  if (quoted) throw new Error("Unterminated quoted field.");
  fields.push(field);
  return fields;
}

/**
 * Inserts the rows and the batch's load-log row in one D1 batch. Answers false when the batch was
 * loaded before (its log row exists). Throws when D1 refuses the batch (nothing of it is kept).
 */
export async function loadRows(
  db: D1Database,
  load: { batchId: string; deliveryStream: string; table: string; columns: readonly string[]; rows: readonly Value[][]; nowMs: number },
): Promise<boolean> {
  await db.prepare(LOAD_LOG).run();
  const loaded = await db.prepare("SELECT 1 AS one FROM firehose_load_log WHERE batch_id = ?").bind(load.batchId).first();
  if (loaded) return false;
  const statements = [
    db
      .prepare("INSERT INTO firehose_load_log (batch_id, delivery_stream, table_name, row_count, loaded_at) VALUES (?, ?, ?, ?, ?)")
      .bind(load.batchId, load.deliveryStream, load.table, load.rows.length, new Date(load.nowMs).toISOString()),
  ];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, load.columns.length)));
  const columnList = load.columns.map((column) => `"${column}"`).join(", ");
  const placeholders = `(${load.columns.map(() => "?").join(", ")})`;
  for (let start = 0; start < load.rows.length; start += perStatement) {
    const chunk = load.rows.slice(start, start + perStatement);
    statements.push(
      db.prepare(`INSERT INTO "${load.table}" (${columnList}) VALUES ${chunk.map(() => placeholders).join(", ")}`).bind(...chunk.flat()),
    );
  }
  try {
    await db.batch(statements);
  } catch (error) {
    // Another delivery of the same batch won the race: its rows are in.
    if (String(error).includes("firehose_load_log.batch_id")) return false;
    throw error;
  }
  return true;
}

/**
 * Loads a delivered batch's Ok records into the destination's D1 table; answers the records that
 * failed, for the error output: those that do not read as rows and, when D1 keeps refusing the
 * batch past RetryOptions.DurationInSeconds (counted from the flush), all of them, as AWS skips a
 * batch whose COPY keeps failing. Before that a refusal throws, and the delivery is retried.
 */
export async function copyIntoD1(
  env: Env,
  batch: { batchId: string; flushedMs: number; config: { streamName: string } },
  settings: RedshiftSettings,
  records: readonly ProcessedRecord[],
  nowMs: number,
): Promise<ProcessedRecord[]> {
  const failedAs = (record: ProcessedRecord, code: string, message: string): ProcessedRecord => ({
    ...record,
    result: "ProcessingFailed",
    error: { code, message, attempts: 1 },
  });
  try {
    const db = resolveDatabase(env, settings.ClusterJDBCURL);
    if (!db) throw new Error(`no D1 binding for ${settings.ClusterJDBCURL}`);
    const columns = await tableColumns(db, settings);
    const parsed = parseRecords(records, columns, copyFormatOf(settings.CopyCommand));
    await loadRows(db, { batchId: batch.batchId, deliveryStream: batch.config.streamName, table: tableNameOf(settings.CopyCommand), columns, rows: parsed.rows, nowMs });
    return parsed.rejected.map(({ record, message }) => failedAs(record, "Redshift.InvalidRecord", message));
  } catch (error) {
    // DurationInSeconds 0: AWS does not retry at all.
    const retryMs = settings.RetryOptions.DurationInSeconds * 1000;
    if (retryMs > 0 && nowMs < batch.flushedMs + retryMs) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return records.map((record) => failedAs(record, "Redshift.LoadFailed", message));
  }
}
