/**
 * The SQL Developer Guide's windowed queries, as AWS wrote them, run by the real local server through
 * the unmodified `@aws-sdk/client-kinesis-analytics` and `@aws-sdk/client-kinesis`: tumbling windows
 * over ROWTIME (the guide's one-minute STEP and FLOOR forms, and a two-second STEP), a tumbling window
 * over ROWTIME and an event time, and a stagger window. Each expected row is computed here from the
 * records the test put.
 *
 * ROWTIME is when the application read a row. One PutRecords call is read in one step of the
 * application, so its rows share one ROWTIME and land in one window; that is what makes each batch's
 * aggregates predictable. The minute-long windows run concurrently, so the file takes about a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, sleep, startServer, tempDir, type TestServer } from "./helpers";
import { clients, OutputReader, putJson, sortRows, startApplication, tick, TICKER_SCHEMA, untilPhase, type Clients, type Row, type Tick } from "./analytics-rig";

let dir: string | undefined;
let server: TestServer | undefined;
let c: Clients;

beforeAll(async () => {
  dir = tempDir("analytics-windows");
  server = await startServer({ persistDir: dir });
  c = clients(server);
});

afterAll(async () => {
  c?.destroy();
  await server?.close();
  removeDir(dir);
});

const MINUTE_WAIT_MS = 150_000;

/** Rows of ticks with prices that are unique and exact in a REAL. */
function ticks(symbols: string[], count: number, offset = 0): Tick[] {
  return Array.from({ length: count }, (_, i) => tick(symbols[(i * 5 + offset) % symbols.length] as string, "TECHNOLOGY", (i % 9) - 4, 20 + (i + offset) / 4));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** "yyyy-MM-dd HH:mm:ss.SSS" of an instant, as the application writes a TIMESTAMP in JSON. */
const timestampText = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 23);
/** An event time in the guide's producer's form (Python's isoformat(), no zone: UTC). */
const eventTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}456`;
const floorMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

describe.concurrent("tumbling and stagger windows", { timeout: 180_000 }, () => {
  it("tumbling-window-concepts.md as written: each ticker's MIN and MAX price of the minute", async () => {
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                                   ticker_symbol VARCHAR(4), 
                                   Min_Price     DOUBLE, 
                                   Max_Price     DOUBLE);
-- CREATE OR REPLACE PUMP to insert into output
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
  INSERT INTO "DESTINATION_SQL_STREAM" 
    SELECT STREAM Ticker_Symbol,
                  MIN(Price) AS Min_Price,
                  MAX(Price) AS Max_Price
    FROM    "SOURCE_SQL_STREAM_001"
    GROUP BY Ticker_Symbol, 
             STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;
    const app = await startApplication(c, { code });
    const batch = ticks(["AMZN", "TGT", "QXZ", "WAS"], 80);
    await putJson(c.kinesis, app.input, batch);

    const expected = [...groupBy(batch, (t) => t.TICKER_SYMBOL)].map(([symbol, rows]) => ({
      TICKER_SYMBOL: symbol,
      MIN_PRICE: Math.min(...rows.map((t) => t.PRICE)),
      MAX_PRICE: Math.max(...rows.map((t) => t.PRICE)),
    }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(expected.length, MINUTE_WAIT_MS, 3000);
    expect(sortRows(rows, "TICKER_SYMBOL")).toEqual(sortRows(expected, "TICKER_SYMBOL"));
  });

  it("FLOOR(ROWTIME TO MINUTE): the number of trades per ticker each minute", async () => {
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE);`;
    const app = await startApplication(c, { code });
    const batch = ticks(["AMZN", "MSFT", "INTC"], 47);
    await putJson(c.kinesis, app.input, batch);
    const expected = [...groupBy(batch, (t) => t.TICKER_SYMBOL)].map(([symbol, rows]) => ({ TICKER_SYMBOL: symbol, TICKER_COUNT: rows.length }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(expected.length, MINUTE_WAIT_MS, 3000);
    expect(sortRows(rows, "TICKER_SYMBOL")).toEqual(sortRows(expected, "TICKER_SYMBOL"));
  });

  it("examples-window-tumbling-event.md: MIN and MAX per ticker and event-time minute", async () => {
    const schema = {
      ...TICKER_SCHEMA,
      RecordColumns: [
        { Name: "EVENT_TIME", Mapping: "$.EVENT_TIME", SqlType: "TIMESTAMP" },
        { Name: "TICKER", Mapping: "$.TICKER", SqlType: "VARCHAR(4)" },
        { Name: "PRICE", Mapping: "$.PRICE", SqlType: "REAL" },
      ],
    };
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (EVENT_TIME timestamp, TICKER VARCHAR(4), min_price REAL, max_price REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
  INSERT INTO "DESTINATION_SQL_STREAM" 
    SELECT STREAM STEP("SOURCE_SQL_STREAM_001".EVENT_TIME BY INTERVAL '60' SECOND),
        TICKER,
         MIN(PRICE) AS MIN_PRICE,
         MAX(PRICE) AS MAX_PRICE
    FROM    "SOURCE_SQL_STREAM_001"
    GROUP BY TICKER, 
             STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), 
             STEP("SOURCE_SQL_STREAM_001".EVENT_TIME BY INTERVAL '60' SECOND);`;
    const app = await startApplication(c, { code, schema });
    // Events of the last three minutes (late ones, as a producer's retries would send them).
    const base = floorMinute(Date.now()) - 3 * 60_000;
    const events = Array.from({ length: 60 }, (_, i) => ({
      at: base + ((i * 7_919) % 180_000),
      TICKER: ["AAPL", "AMZN", "MSFT", "INTC", "TBV"][i % 5] as string,
      PRICE: 10 + ((i * 37) % 90) + 0.25,
    }));
    await putJson(c.kinesis, app.input, events.map((e) => ({ EVENT_TIME: eventTime(e.at), TICKER: e.TICKER, PRICE: e.PRICE })));

    const expected = [...groupBy(events, (e) => `${floorMinute(e.at)} ${e.TICKER}`)].map(([, group]) => ({
      EVENT_TIME: timestampText(floorMinute((group[0] as (typeof events)[number]).at)),
      TICKER: (group[0] as (typeof events)[number]).TICKER,
      MIN_PRICE: Math.min(...group.map((e) => e.PRICE)),
      MAX_PRICE: Math.max(...group.map((e) => e.PRICE)),
    }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(expected.length, MINUTE_WAIT_MS, 3000);
    expect(sortRows(rows, "EVENT_TIME", "TICKER")).toEqual(sortRows(expected, "EVENT_TIME", "TICKER"));
  });

  it("STEP by two seconds: each batch's counts and sums in a window of its own, in order", async () => {
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER, total_change DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count, SUM(change) AS total_change
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '2' SECOND);`;
    const app = await startApplication(c, { code });
    const batches = [ticks(["AMZN", "TGT", "QXZ"], 31), ticks(["AMZN", "NFS"], 17, 3), ticks(["WAS", "TGT", "AMZN", "QXZ"], 45, 1)];
    const reader = new OutputReader(c.kinesis, app.output);
    const expected: Row[][] = [];
    for (const batch of batches) {
      await putJson(c.kinesis, app.input, batch);
      const rows = [...groupBy(batch, (t) => t.TICKER_SYMBOL)].map(([symbol, group]) => ({
        TICKER_SYMBOL: symbol,
        TICKER_COUNT: group.length,
        TOTAL_CHANGE: group.reduce((sum, t) => sum + t.CHANGE, 0),
      }));
      expected.push(rows);
      // The batch's window closes within two seconds; the next batch goes into a later one.
      await reader.until((all) => all.length >= expected.flat().length);
      await sleep(untilPhase(2000, 300));
    }
    const rows = await reader.exactly(expected.flat().length);
    let at = 0;
    for (const want of expected) {
      expect(sortRows(rows.slice(at, at + want.length), "TICKER_SYMBOL")).toEqual(sortRows(want, "TICKER_SYMBOL"));
      at += want.length;
    }
  });

  it("stagger-window-concepts.md as written: counts each ticker's trades per event-time minute in a window that opens at the key's first row", async () => {
    const schema = {
      ...TICKER_SCHEMA,
      RecordColumns: [...(TICKER_SCHEMA.RecordColumns ?? []), { Name: "EVENT_TIME", Mapping: "$.EVENT_TIME", SqlType: "TIMESTAMP" }],
    };
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol    VARCHAR(4), 
    event_time       TIMESTAMP,
    ticker_count     DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
  INSERT INTO "DESTINATION_SQL_STREAM" 
    SELECT STREAM 
        TICKER_SYMBOL,
        FLOOR(EVENT_TIME TO MINUTE),
        COUNT(TICKER_SYMBOL) AS ticker_count
    FROM "SOURCE_SQL_STREAM_001"
    WINDOWED BY STAGGER (
            PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE);`;
    const app = await startApplication(c, { code, schema });
    // As the guide's table: trades of two event-time minutes arriving a few seconds apart, so each
    // key's rows all come within its window's minute and are counted in one row.
    const minute = floorMinute(Date.now()) - 60_000;
    const trade = (symbol: string, at: number) => ({ ...tick(symbol, "RETAIL", 0, 1), EVENT_TIME: eventTime(at) });
    const first = [trade("AMZN", minute + 10_000), trade("AMZN", minute + 20_000), trade("MSFT", minute + 30_000), trade("AMZN", minute + 55_000)];
    const second = [trade("AMZN", minute + 65_000), trade("AMZN", minute + 50_000), trade("MSFT", minute + 61_000), trade("INTC", minute + 70_000)];
    await putJson(c.kinesis, app.input, first);
    await sleep(3000);
    await putJson(c.kinesis, app.input, second);

    const all = [...first, ...second];
    const expected = [...groupBy(all, (t) => `${floorMinute(Date.parse(`${t.EVENT_TIME}Z`))} ${t.TICKER_SYMBOL}`)].map(([, group]) => ({
      TICKER_SYMBOL: group[0]?.TICKER_SYMBOL,
      EVENT_TIME: timestampText(floorMinute(Date.parse(`${group[0]?.EVENT_TIME}Z`))),
      TICKER_COUNT: group.length,
    }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(expected.length, MINUTE_WAIT_MS, 3000);
    expect(sortRows(rows, "EVENT_TIME", "TICKER_SYMBOL")).toEqual(sortRows(expected, "EVENT_TIME", "TICKER_SYMBOL"));
  });
});
