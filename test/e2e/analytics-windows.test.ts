/**
 * The SQL Developer Guide's windowed queries, as AWS wrote them, run by the real local server through
 * the unmodified `@aws-sdk/client-kinesis-analytics` and `@aws-sdk/client-kinesis`: tumbling windows
 * over ROWTIME (the guide's one-minute STEP and FLOOR forms, and a two-second STEP), a tumbling window
 * over ROWTIME and an event time, a stagger window, and the two-record-types example with a
 * stream-to-stream join over a minute. Each expected row is computed here from the records the test put.
 *
 * ROWTIME is when the application read a row. One PutRecords call is read in one step of the
 * application, so its rows share one ROWTIME and land in one window; that is what makes each batch's
 * aggregates predictable. The minute-long windows run concurrently, so the file takes about a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, sleep, startServer, tempDir, type TestServer } from "./helpers";
import { clients, newStream, OutputReader, putJson, ROLE_ARN, sortRows, startApplication, streamArn, tick, TICKER_SCHEMA, untilPhase, type Clients, type Row, type Tick } from "./analytics-rig";

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

describe.concurrent("tumbling and stagger windows, and a join over a window", { timeout: 180_000 }, () => {
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

  it("app-tworecordtypes.md's two record types, and stream-joins-concepts.md's join of the two over a minute", async () => {
    const schema = {
      ...TICKER_SCHEMA,
      RecordColumns: [
        { Name: "RecordType", Mapping: "$.RecordType", SqlType: "VARCHAR(8)" },
        { Name: "Oprice", Mapping: "$.Oprice", SqlType: "INTEGER" },
        { Name: "Otype", Mapping: "$.Otype", SqlType: "VARCHAR(4)" },
        { Name: "Oid", Mapping: "$.Oid", SqlType: "INTEGER" },
        { Name: "Oticker", Mapping: "$.Oticker", SqlType: "VARCHAR(4)" },
        { Name: "Tid", Mapping: "$.Tid", SqlType: "INTEGER" },
        { Name: "Toid", Mapping: "$.Toid", SqlType: "INTEGER" },
        { Name: "Tprice", Mapping: "$.Tprice", SqlType: "INTEGER" },
        { Name: "Tticker", Mapping: "$.Tticker", SqlType: "VARCHAR(4)" },
      ],
    };
    const code = `--Create Order_Stream.
CREATE OR REPLACE STREAM "Order_Stream" 
           ( 
            "order_id"     integer, 
            "order_type"   varchar(10),
            "ticker"       varchar(4),
            "order_price"  DOUBLE, 
            "record_type"  varchar(10)
            );

CREATE OR REPLACE PUMP "Order_Pump" AS 
   INSERT INTO "Order_Stream"
      SELECT STREAM "Oid", "Otype","Oticker", "Oprice", "RecordType" 
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  "RecordType" = 'Order';
--********************************************
--Create Trade_Stream.      
CREATE OR REPLACE STREAM "Trade_Stream" 
           ("trade_id"     integer, 
            "order_id"     integer, 
            "trade_price"  DOUBLE, 
            "ticker"       varchar(4),
            "record_type"  varchar(10)
            );

CREATE OR REPLACE PUMP "Trade_Pump" AS 
   INSERT INTO "Trade_Stream"
      SELECT STREAM "Tid", "Toid", "Tprice", "Tticker", "RecordType"
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  "RecordType" = 'Trade';
--*****************************************************************
--do some analytics on the Trade_Stream and Order_Stream. 
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
            "ticker"  varchar(4),
            "trade_count"   integer
            );

CREATE OR REPLACE PUMP "Output_Pump" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM "ticker", count(*) as trade_count
      FROM   "Trade_Stream"
      GROUP BY "ticker",
                FLOOR("Trade_Stream".ROWTIME TO MINUTE);

-- Each order with the trades of the minute before it (stream-joins-concepts.md).
CREATE OR REPLACE STREAM "ORDER_TRADES" ("order_id" INTEGER, "ticker" VARCHAR(4), "order_price" DOUBLE, "trade_id" INTEGER, "trade_price" DOUBLE);
CREATE OR REPLACE PUMP "Join_Pump" AS INSERT INTO "ORDER_TRADES"
  SELECT STREAM o."order_id", o."ticker", o."order_price", t."trade_id", t."trade_price"
  FROM "Order_Stream" AS o
  JOIN "Trade_Stream" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
  ON   o."order_id" = t."order_id";`;
    const joined = await newStream(c.kinesis, "kda-joined");
    const app = await startApplication(c, {
      code,
      schema,
      outputs: [{ Name: "ORDER_TRADES", KinesisStreamsOutput: { ResourceARN: streamArn(joined), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } }],
    });
    // Records as the guide's producer writes them; the trades come first, their orders a step later
    // (an order joins the trades that came in the minute before it). Order 7 has no trades.
    const tickers = ["AAAA", "BBBB", "CCCC"];
    const orders = Array.from({ length: 7 }, (_, i) => ({ RecordType: "Order", Oid: i + 1, Oticker: tickers[i % 3] as string, Oprice: 500 + 1000 * i, Otype: "Sell" }));
    const trades = orders.slice(0, 6).flatMap((order) =>
      Array.from({ length: 1 + (order.Oid % 4) }, (_, t) => ({ RecordType: "Trade", Tid: t + 1, Toid: order.Oid, Tticker: order.Oticker, Tprice: 100 * order.Oid + t })),
    );
    await putJson(c.kinesis, app.input, trades);
    await sleep(1500);
    await putJson(c.kinesis, app.input, orders);

    const pairs = orders.flatMap((order) =>
      trades.filter((trade) => trade.Toid === order.Oid).map((trade) => ({ order_id: order.Oid, ticker: order.Oticker, order_price: order.Oprice, trade_id: trade.Tid, trade_price: trade.Tprice })),
    );
    const joinedRows = await new OutputReader(c.kinesis, joined).exactly(pairs.length);
    expect(sortRows(joinedRows, "order_id", "trade_id")).toEqual(sortRows(pairs, "order_id", "trade_id"));
    const counts = [...groupBy(trades, (trade) => trade.Tticker)].map(([ticker, group]) => ({ ticker, trade_count: group.length }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(counts.length, MINUTE_WAIT_MS, 3000);
    expect(sortRows(rows, "ticker")).toEqual(sortRows(counts, "ticker"));
  });
});
