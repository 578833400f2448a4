/**
 * What an application's SQL can name: its in-application streams (the input streams its configuration
 * creates, the streams its code creates, error_stream) and its reference tables. Input streams carry
 * APPROXIMATE_ARRIVAL_TIME as a hidden last column: readable by name, not expanded by `*`, not copied
 * by pumps (AWS has it on input streams only).
 */
import type { EvalContext } from "./compiled";
import type { FunctionRegistry } from "./plugins";
import { SqlTypes, type ColumnDescriptor, type SqlType } from "./types";

export interface StreamColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  readonly hidden: boolean;
}

export interface StreamDefinition {
  readonly name: string;
  readonly kind: "input" | "stream" | "error";
  /** Every column of the stream's rows after ROWTIME, hidden ones included. */
  readonly columns: readonly StreamColumn[];
}

export interface TableDefinition {
  readonly name: string;
  readonly columns: readonly ColumnDescriptor[];
}

/** The input streams and reference tables an application's configuration gives its code. */
export interface ApplicationSchema {
  /** In-application input streams (`SOURCE_SQL_STREAM_001`...), names and columns exactly as configured. */
  readonly inputs: readonly { readonly name: string; readonly columns: readonly ColumnDescriptor[] }[];
  readonly referenceTables?: readonly TableDefinition[];
}

export const ERROR_STREAM = "error_stream";
export const APPROXIMATE_ARRIVAL_TIME = "APPROXIMATE_ARRIVAL_TIME";

/** error_stream's columns, as AWS's Developer Guide lists them. */
export const ERROR_STREAM_COLUMNS: readonly StreamColumn[] = [
  { name: "ERROR_TIME", type: SqlTypes.timestamp, notNull: false, hidden: false },
  { name: "ERROR_LEVEL", type: SqlTypes.varchar(10), notNull: false, hidden: false },
  { name: "ERROR_NAME", type: SqlTypes.varchar(32), notNull: false, hidden: false },
  { name: "MESSAGE", type: SqlTypes.varchar(4096), notNull: false, hidden: false },
  { name: "DATA_ROWTIME", type: SqlTypes.timestamp, notNull: false, hidden: false },
  { name: "DATA_ROW", type: SqlTypes.varchar(49152), notNull: false, hidden: false },
  { name: "PUMP_NAME", type: SqlTypes.varchar(128), notNull: false, hidden: false },
];

export function inputStreamDefinition(name: string, columns: readonly ColumnDescriptor[]): StreamDefinition {
  return {
    name,
    kind: "input",
    columns: [...columns.map((c) => ({ name: c.name, type: c.type, notNull: false, hidden: false })), { name: APPROXIMATE_ARRIVAL_TIME, type: SqlTypes.timestamp, notNull: false, hidden: true }],
  };
}

/** The names the planner resolves while it reads the code statement by statement. */
export interface PlanEnv {
  readonly streams: ReadonlyMap<string, StreamDefinition>;
  readonly tables: ReadonlyMap<string, TableDefinition>;
  readonly functions: FunctionRegistry;
  readonly eval: EvalContext;
}
