/**
 * The live view of an Analytics application's in-application streams, as JSON for the page's script
 * (client/live-rows.js): `GET /console/api/analytics/<application>/rows?stream=<name>&after=<position>`
 * answers the rows of that stream after that position (-1, the default, for the latest ones), each
 * with its ROWTIME and its values as text, the way the SQL's CAST to VARCHAR writes them, and whether
 * the application runs.
 *
 * The application is described first, as the signed-in user (v2's DescribeApplication), so a missing
 * application or a refused caller answers exactly as the API would; then its object is asked
 * (runner-contract.ts liveRows). A stopped application is not asked: no rows flow while it is stopped.
 */
import { Hono } from "hono";
import { InvalidArgumentException, unwrap, type Outcome } from "../aws/errors";
import { asAwsError } from "../aws/protocol";
import type { StreamRow } from "../analytics/runner-contract";
import { formatTimestamp, valueToText, type SqlType, type SqlValue } from "../analytics/sql";
import { apiError, requireApiSession, type ConsoleContext, type ConsoleEnv } from "./auth";
import { inAppStreams, loadApplication, runnerState } from "./loaders/analytics";

/** Rows one call answers at most; the page keeps the last 200 it was given. */
const ROWS_PER_CALL = 100;

export interface LiveRowsAnswer {
  stream: string;
  running: boolean;
  /** The columns after ROWTIME, in the order of each row's values. */
  columns: string[];
  rows: { position: number; rowtime: string; values: (string | null)[] }[];
}

async function liveRows(c: ConsoleContext, applicationName: string, streamName: string | undefined, afterText: string | undefined): Promise<LiveRowsAnswer> {
  const application = await loadApplication(c, applicationName);
  const streams = inAppStreams(application.spec);
  const stream = streams.find((candidate) => candidate.name === streamName);
  if (!stream) {
    throw new InvalidArgumentException(
      `stream must name an in-application stream of application ${applicationName}: ${streams.map((candidate) => candidate.name).join(", ")}.`,
    );
  }
  const after = afterText === undefined ? -1 : Number(afterText);
  if (!Number.isSafeInteger(after) || after < -1) throw new InvalidArgumentException("after must be a row position, or -1 for the latest rows.");
  const { running } = await runnerState(c, application);
  const rows = running ? unwrap(checkedRows(await c.get("applicationObjects")(c.env, application.id).liveRows(stream.name, after, ROWS_PER_CALL))) : [];
  // Without the compiled code's columns, the rows name them.
  const columns = stream.columns?.map((column) => column.name) ?? [...new Set(rows.flatMap((row) => Object.keys(row.values)))];
  const types = new Map(stream.columns?.map((column) => [column.name, column.type]));
  return {
    stream: stream.name,
    running,
    columns,
    rows: rows.map((row) => ({
      position: row.position,
      rowtime: formatTimestamp(row.rowtime),
      values: columns.map((column) => cellText(row.values[column], types.get(column))),
    })),
  };
}

/** The object's answer, checked (../application-objects.ts says why it arrives untyped). */
function checkedRows(answer: unknown): Outcome<StreamRow[]> {
  if (typeof answer === "object" && answer !== null && "ok" in answer) {
    if (answer.ok === false && "error" in answer && isFailure(answer.error)) return { ok: false, error: answer.error };
    if (answer.ok === true && "value" in answer && Array.isArray(answer.value) && answer.value.every(isStreamRow)) return { ok: true, value: answer.value };
  }
  throw new Error("the application object answered liveRows with something other than rows");
}

function isFailure(error: unknown): error is { type: string; message: string | undefined; status: number } {
  return typeof error === "object" && error !== null && "type" in error && typeof error.type === "string" && "status" in error && typeof error.status === "number";
}

function isStreamRow(row: unknown): row is StreamRow {
  return (
    typeof row === "object" &&
    row !== null &&
    "position" in row &&
    typeof row.position === "number" &&
    "rowtime" in row &&
    typeof row.rowtime === "number" &&
    "values" in row &&
    typeof row.values === "object" &&
    row.values !== null
  );
}

/** A value as text: as CAST(x AS VARCHAR) writes it when the column's type is known, else as the engine holds it. */
function cellText(value: unknown, type: SqlType | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (type && isSqlValue(value)) return valueToText(value, type);
  if (value instanceof Uint8Array) return value.toHex().toUpperCase();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function isSqlValue(value: unknown): value is SqlValue {
  if (value === null || value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.every(isSqlValue);
  return typeof value === "boolean" || typeof value === "number" || typeof value === "string";
}

export const liveRowsApi = new Hono<ConsoleEnv>();

liveRowsApi.use("*", requireApiSession);

liveRowsApi.get("/:name/rows", async (c) => {
  try {
    return c.json(await liveRows(c, c.req.param("name"), c.req.query("stream"), c.req.query("after")));
  } catch (error) {
    return apiError(c, asAwsError(error, c.get("requestId")));
  }
});
