/**
 * The application object running SQL over a Kinesis stream into another: a continuous filter, a
 * tumbling window closed by time alone, a restart mid-window, stop and start from
 * LAST_STOPPED_POINT, and code the engine refuses. Expected rows are computed from what each test put.
 */
import { describe, expect, it } from "vitest";
import { runInDurableObject } from "cloudflare:test";
import { RUNNER } from "../../../src/analytics/runner/limits";
import { unwrap } from "../../../src/aws/errors";
import { createActiveStream, ok as kinesisOk, shardId } from "../client";
import {
  evict,
  jsonRows,
  kinesisInput,
  minuteAligned,
  newApplication,
  output,
  putRecords,
  SECOND,
  MINUTE,
  spec,
  start,
  step,
  stepAt,
  streamRecords,
  ticks,
  type Tick,
} from "./runner-helpers";

const FILTER = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, sector, change, price
  FROM "SOURCE_SQL_STREAM_001"
  WHERE sector SIMILAR TO '%TECH%';`;

const TUMBLING = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER, window_end TIMESTAMP);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND) + INTERVAL '60' SECOND
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;

function counts(items: readonly Tick[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item.TICKER_SYMBOL] = (out[item.TICKER_SYMBOL] ?? 0) + 1;
  return out;
}

function countsOf(rows: readonly Record<string, unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) out[String(row.TICKER_SYMBOL)] = (out[String(row.TICKER_SYMBOL)] ?? 0) + Number(row.TICKER_COUNT);
  return out;
}

async function setUp(code: string, at: number) {
  const source = await createActiveStream(1);
  const destination = await createActiveStream(2);
  const app = await newApplication(at);
  const definition = spec(app.name, code, { inputs: [kinesisInput(source.arn)], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn })] });
  return { source, destination, app, definition };
}

describe("a running application", () => {
  it("filters a Kinesis stream into another continuously, every matching record once", async () => {
    const { source, destination, app, definition } = await setUp(FILTER, minuteAligned(5 * SECOND));
    const data = ticks(300, 11);
    await putRecords(source.name, data.slice(0, 120));
    await start(app, definition);
    expect(unwrap(await app.stub.state())).toEqual({ running: true, versionId: 1 });
    await step(app);
    await putRecords(source.name, data.slice(120));
    await stepAt(app, app.clock.now() + SECOND);

    const expected = data.filter((tick) => tick.SECTOR.includes("TECH"));
    const rows = jsonRows(await streamRecords(destination));
    expect(rows).toHaveLength(expected.length);
    // Keys are the declared column names; ROWTIME is not written. Order within the output's shards is kept.
    expect(Object.keys(rows[0] ?? {})).toEqual(["TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE"]);
    const key = (row: { TICKER_SYMBOL: unknown; PRICE: unknown; CHANGE: unknown }) => `${String(row.TICKER_SYMBOL)} ${Number(row.PRICE).toFixed(2)} ${Number(row.CHANGE).toFixed(2)}`;
    expect(rows.map((row) => key({ TICKER_SYMBOL: row.TICKER_SYMBOL, PRICE: row.PRICE, CHANGE: row.CHANGE })).sort()).toEqual(expected.map(key).sort());

    // Nothing more comes of stepping again: every record was taken once.
    await stepAt(app, app.clock.now() + SECOND);
    expect(await streamRecords(destination)).toHaveLength(expected.length);

    // The live view shows the latest rows of any in-application stream.
    const live = unwrap(await app.stub.liveRows("DESTINATION_SQL_STREAM", -1, 10));
    expect(live).toEqual([]);
    await putRecords(source.name, [{ TICKER_SYMBOL: "INTC", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: 20 }]);
    await stepAt(app, app.clock.now() + SECOND);
    const seen = unwrap(await app.stub.liveRows("DESTINATION_SQL_STREAM", -1, 10));
    expect(seen).toEqual([{ position: 0, rowtime: app.clock.now(), values: { TICKER_SYMBOL: "INTC", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: 20 } }]);
    expect(unwrap(await app.stub.liveRows("DESTINATION_SQL_STREAM", 0, 10))).toEqual([]);
  });

  it("closes a tumbling window when its time has passed, without new rows, with exact counts", async () => {
    const at = minuteAligned(10 * SECOND);
    const { source, destination, app, definition } = await setUp(TUMBLING, at);
    const data = ticks(90, 5);
    await start(app, definition, { "1.1": "NOW" });
    await putRecords(source.name, data.slice(0, 40));
    await stepAt(app, at + 5 * SECOND);
    await putRecords(source.name, data.slice(40));
    await stepAt(app, at + 40 * SECOND);
    // The window [minute, minute + 60 s) is still open at 59.999 s.
    await stepAt(app, at + 49 * SECOND + 999);
    expect(await streamRecords(destination)).toEqual([]);

    await stepAt(app, at + 50 * SECOND);
    const rows = jsonRows(await streamRecords(destination));
    expect(countsOf(rows)).toEqual(counts(data));
    expect(rows).toHaveLength(Object.keys(counts(data)).length);
    expect(new Set(rows.map((row) => row.WINDOW_END))).toEqual(new Set([new Date(at - 10 * SECOND + MINUTE).toISOString().replace("T", " ").replace("Z", "")]));
  });

  it("steps at the busy pace while records come, however few, so a window closes soon after its end", async () => {
    const at = minuteAligned(10 * SECOND);
    const { source, app, definition } = await setUp(TUMBLING, at);
    await start(app, definition, { "1.1": "NOW" });
    const nextStepIn = async () => (await runInDurableObject(app.stub, (_instance, state) => state.storage.getAlarm())) ?? NaN;
    // A trickle: one record per step, far below a read's limit.
    for (const [i, tick] of ticks(3, 9).entries()) {
      await putRecords(source.name, [tick]);
      await stepAt(app, at + (i + 1) * SECOND);
      expect(await nextStepIn()).toBe(app.clock.now() + RUNNER.busyStepMs);
    }
    await stepAt(app, at + 5 * SECOND);
    expect(await nextStepIn()).toBe(app.clock.now() + RUNNER.idleStepMs);
  });

  it("continues a window across an eviction, neither losing nor repeating a row's count", async () => {
    const at = minuteAligned(5 * SECOND);
    const { source, destination, app, definition } = await setUp(TUMBLING, at);
    const data = ticks(150, 9);
    await start(app, definition, { "1.1": "NOW" });
    await putRecords(source.name, data.slice(0, 60));
    await stepAt(app, at + 10 * SECOND);
    await evict(app);
    await putRecords(source.name, data.slice(60, 100));
    await stepAt(app, at + 20 * SECOND);
    await evict(app);
    await putRecords(source.name, data.slice(100));
    await stepAt(app, at + 30 * SECOND);
    await evict(app);
    await stepAt(app, at + 60 * SECOND);
    const rows = jsonRows(await streamRecords(destination));
    expect(countsOf(rows)).toEqual(counts(data));
    expect(rows).toHaveLength(Object.keys(counts(data)).length);
  });

  it("stops keeping its checkpoints, and starts again from LAST_STOPPED_POINT without losing or repeating a record", async () => {
    const { source, destination, app, definition } = await setUp(FILTER, minuteAligned());
    const data = ticks(200, 3).map((tick) => ({ ...tick, SECTOR: "TECHNOLOGY" }));
    await start(app, definition);
    await putRecords(source.name, data.slice(0, 50));
    await stepAt(app, app.clock.now() + SECOND);
    unwrap(await app.stub.stop());
    expect(unwrap(await app.stub.state())).toEqual({ running: false, versionId: 1 });

    await putRecords(source.name, data.slice(50, 120));
    await start(app, definition, { "1.1": "LAST_STOPPED_POINT" });
    await stepAt(app, app.clock.now() + SECOND);
    expect(await streamRecords(destination)).toHaveLength(120);

    // NOW skips what came while the application was stopped.
    unwrap(await app.stub.stop());
    await putRecords(source.name, data.slice(120, 150));
    await start(app, definition, { "1.1": "NOW" });
    await putRecords(source.name, data.slice(150));
    await stepAt(app, app.clock.now() + SECOND);
    const prices = jsonRows(await streamRecords(destination)).map((row) => Number(row.PRICE).toFixed(2));
    expect(prices.sort()).toEqual([...data.slice(0, 120), ...data.slice(150)].map((tick) => tick.PRICE.toFixed(2)).sort());
  });

  it("follows a reshard of its input: parents first, then their children, every record once", async () => {
    const { source, destination, app, definition } = await setUp(FILTER, minuteAligned());
    const data = ticks(90, 8).map((tick) => ({ ...tick, SECTOR: "TECHNOLOGY" }));
    await start(app, definition);
    await putRecords(source.name, data.slice(0, 30));
    await stepAt(app, app.clock.now() + SECOND);
    await putRecords(source.name, data.slice(30, 50));
    await kinesisOk("SplitShard", { StreamName: source.name, ShardToSplit: shardId(0), NewStartingHashKey: "170141183460469231731687303715884105728" });
    await putRecords(source.name, data.slice(50));
    await stepAt(app, app.clock.now() + SECOND);
    await stepAt(app, app.clock.now() + SECOND);
    const prices = jsonRows(await streamRecords(destination)).map((row) => Number(row.PRICE).toFixed(2));
    expect(prices.sort()).toEqual(data.map((tick) => tick.PRICE.toFixed(2)).sort());
  });

  it("refuses code the engine cannot run, naming the line and column, and stays stopped", async () => {
    const { app, definition } = await setUp(`CREATE STREAM S (a INTEGER);\nCREATE PUMP P AS INSERT INTO S SELECT STREAM nope FROM "SOURCE_SQL_STREAM_001";`, minuteAligned());
    const outcome = await app.stub.start(definition, { "1.1": "NOW" });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.type).toBe("CodeValidationException");
      expect(outcome.error.message).toMatch(/line 2, column \d+/);
    }
    const state = unwrap(await app.stub.state());
    expect(state.running).toBe(false);
    expect(state.failure?.type).toBe("CodeValidationException");
  });
});
