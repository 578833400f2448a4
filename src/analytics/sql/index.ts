/**
 * The SQL engine of Kinesis Data Analytics (SQL applications): a pure library, no Worker bindings.
 *
 *   const app = compileApplication(code, { inputs: [{ name: "SOURCE_SQL_STREAM_001", columns }] });
 *   const engine = new ApplicationEngine(app, { referenceData: { CompanyName: rows } });
 *   engine.subscribe("DESTINATION_SQL_STREAM", (row) => ...);     // outputs, live views, error_stream
 *   engine.insert("SOURCE_SQL_STREAM_001", [{ rowtime, approximateArrivalTime, values }]);
 *   engine.advanceTo(now);                                         // windows close without new rows
 *   const state = engine.snapshot();                               // plain JSON; restore() continues it
 *
 * SQL supported (AWS's SQL Reference, at least everything its Developer Guide's examples use):
 * - CREATE [OR REPLACE] STREAM with AWS's types (BOOLEAN, TINYINT, SMALLINT, INTEGER/INT, BIGINT,
 *   DECIMAL/DEC/NUMERIC(p,s), REAL, FLOAT, DOUBLE [PRECISION], CHAR(n), VARCHAR(n), BINARY(n),
 *   VARBINARY(n), DATE, TIME, TIMESTAMP) and NOT NULL; CREATE [OR REPLACE] PUMP ... AS INSERT INTO
 *   stream [(columns)] SELECT [STREAM] ...
 * - SELECT items with aliases, *, s.*, qualified and quoted names (s.ROWTIME, "S"."col"),
 *   APPROXIMATE_ARRIVAL_TIME on input streams; WHERE; FROM a stream, a subquery with alias and column
 *   aliases (`AS l(r)`), TABLE(F(CURSOR(SELECT STREAM ...), constants)) through the plug-in registry,
 *   JOIN / LEFT JOIN with a reference table, stream-to-stream [LEFT] JOIN over windows
 *   (OVER (RANGE INTERVAL ... PRECEDING), or OVER w with WINDOW w AS (...)); UNION ALL.
 * - Expressions: arithmetic, comparisons, AND/OR/NOT, IS [NOT] NULL/TRUE/FALSE/UNKNOWN,
 *   IS [NOT] DISTINCT FROM, [NOT] BETWEEN [SYMMETRIC], [NOT] IN (list), [NOT] LIKE / SIMILAR TO [ESCAPE],
 *   ||, CASE, CAST, literals (numbers, 'text', U&'\0009', X'0F', TIMESTAMP/DATE/TIME '...',
 *   INTERVAL '1' MINUTE and day-time ranges); row fields of ROW-returning plug-ins (`l.r.COLUMN1`).
 * - Functions: CHAR_LENGTH, UPPER, LOWER, INITCAP, SUBSTRING, POSITION, TRIM, OVERLAY, REGEX_REPLACE,
 *   COALESCE, NULLIF, ABS, CEIL/FLOOR (numbers, and times TO unit), EXP, LN, LOG10, SQRT, POWER, MOD,
 *   ROUND, STEP, MONOTONIC, CURRENT_ROW_TIMESTAMP, CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_DATE,
 *   CURRENT_TIME, LOCALTIME, EXTRACT, UNIX_TIMESTAMP, TO_TIMESTAMP, TSDIFF, TIMESTAMP_TO_CHAR,
 *   TIME_TO_CHAR, DATE_TO_CHAR, CHAR_TO_TIMESTAMP, CHAR_TO_DATE, CHAR_TO_TIME; scalar plug-ins (the
 *   log parsers) through the registry.
 * - Aggregates COUNT, SUM, AVG, MIN, MAX, FIRST_VALUE, LAST_VALUE, VAR_POP/VAR_SAMP, STDDEV_POP/
 *   STDDEV_SAMP in: tumbling windows (GROUP BY with STEP(ROWTIME BY INTERVAL ...) or
 *   FLOOR(ROWTIME TO unit), a row per group when the window closes, ROWTIME = the window's end) with
 *   HAVING; stagger windows (WINDOWED BY STAGGER (PARTITION BY ... RANGE INTERVAL ...)); sliding windows
 *   (agg OVER w, WINDOW w AS (PARTITION BY ... RANGE INTERVAL ... PRECEDING | ROWS n PRECEDING),
 *   a row per input row).
 * - Streaming ORDER BY whose leading key is ROWTIME-based (ORDER BY FLOOR(s.ROWTIME TO SECOND), x DESC).
 * - Identifiers: unquoted fold to upper case, quoted are case-sensitive. Refused code gets a SqlError
 *   naming line and column; rows that cannot be processed go to error_stream.
 *
 * - SELECT STREAM DISTINCT over filters and projections selecting ROWTIME or a ROWTIME-based column.
 *
 * Not supported yet: DISTINCT with aggregations; UNION without ALL; subqueries in expressions
 * (IN (SELECT ...), EXISTS); FULL and RIGHT stream-stream joins; joins of two tables; GROUP BY keys that are monotonic
 * but not ROWTIME-based (MONOTONIC(col)); UNBOUNDED and offset windows (AWS refuses them too);
 * CREATE TABLE / VIEW / FUNCTION; year-month intervals; U&'' UESCAPE; time zones other than UTC;
 * COUNT(DISTINCT) (AWS refuses it too). See each module's header for deliberate
 * differences (CHAR is not blank-padded; BIGINT exact to 2^53; DECIMAL is binary floating point rounded
 * to its scale on storage; sorted rows take their batch's latest ROWTIME).
 */
export { compileApplication, parseColumnType, type CompiledApplication, type StreamDescription } from "./application";
export { APPROXIMATE_ARRIVAL_TIME, ERROR_STREAM, ERROR_STREAM_COLUMNS, type ApplicationSchema, type TableDefinition } from "./catalog";
export { coerceInputValue, javaDoubleString, valueToText } from "./coerce";
export { formatDate, formatTime, formatTimestamp } from "./datetime";
export { ApplicationEngine, type EngineOptions, type EngineSnapshot, type InputRow, type StreamListener, type StreamRow } from "./engine";
export { SqlArgumentError, SqlDataError, SqlError, SqlLexicalError, SqlParseError, SqlValidationError, type SourcePosition, type SourceSpan } from "./errors";
export {
  emptyRegistry,
  functionRegistry,
  type BoundScalarFunction,
  type BoundTableFunction,
  type FunctionRegistry,
  type ScalarArgument,
  type ScalarFunction,
  type TableArgument,
  type TableEmitter,
  type TableFunction,
  type TableFunctionInstance,
} from "./plugins";
export { isAssignable, isCharacter, isNumeric, SqlTypes, typeToString, type ColumnDescriptor, type SqlType, type SqlTypeName } from "./types";
export { type JsonValue, type SqlValue } from "./values";
