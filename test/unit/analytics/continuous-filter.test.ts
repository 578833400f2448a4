/** The Developer Guide's continuous queries: filters and projections over the stock ticker stream. */
import { describe, expect, it } from "vitest";
import { run, SOURCE, T0, tickRow, ticks } from "./helpers";

describe("continuous filter", () => {
  it("emits the tickers whose price changed more than 15 percent, as the guide's query does", () => {
    const input = ticks(400);
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);
      -- CREATE OR REPLACE PUMP to insert into output
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS
        INSERT INTO "DESTINATION_SQL_STREAM"
            SELECT STREAM TICKER_SYMBOL,
                          PRICE
            FROM   "SOURCE_SQL_STREAM_001"
            WHERE  (ABS((CHANGE / (PRICE-CHANGE)) * 100)) > 15;`);
    app.insert(input.map(tickRow));
    const expected = input.filter((t) => Math.abs((t.change / (t.price - t.change)) * 100) > 15);
    expect(expected.length).toBeGreaterThan(0);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(expected.map((t) => ({ rowtime: t.rowtime, values: [t.ticker, t.price] })));
  });

  it("keeps each row's ROWTIME through a chain of pumps and splits a stream by SIMILAR TO", () => {
    const input = ticks(200, 7);
    const app = run(`
      CREATE OR REPLACE STREAM "AMZN_STREAM" (ticker_symbol VARCHAR(4), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "AMZN_PUMP" AS INSERT INTO "AMZN_STREAM"
         SELECT STREAM ticker_symbol, change, price FROM "SOURCE_SQL_STREAM_001"
         WHERE ticker_symbol SIMILAR TO '%AMZN%';
      CREATE OR REPLACE STREAM "TECH_STREAM" (ticker_symbol VARCHAR(4), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "TECH_PUMP" AS INSERT INTO "TECH_STREAM"
         SELECT STREAM ticker_symbol, change, price FROM "SOURCE_SQL_STREAM_001"
         WHERE sector LIKE 'TECH%';
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM_2" (ticker_symbol VARCHAR(4), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP_2" AS INSERT INTO "DESTINATION_SQL_STREAM_2"
         SELECT STREAM ticker_symbol, change, price FROM "AMZN_STREAM" WHERE price > 50;`);
    app.insert(input.map(tickRow));
    const amzn = input.filter((t) => t.ticker === "AMZN");
    expect(app.rows("AMZN_STREAM")).toEqual(amzn.map((t) => ({ rowtime: t.rowtime, values: [t.ticker, t.change, t.price] })));
    expect(app.values("TECH_STREAM")).toEqual(input.filter((t) => t.sector.startsWith("TECH")).map((t) => [t.ticker, t.change, t.price]));
    expect(app.rows("DESTINATION_SQL_STREAM_2")).toEqual(amzn.filter((t) => t.price > 50).map((t) => ({ rowtime: t.rowtime, values: [t.ticker, t.change, t.price] })));
  });

  it("shows every in-application stream, the input stream included, to a live view", () => {
    const input = ticks(5);
    const app = run(`CREATE STREAM OUT_STREAM (t VARCHAR(4));
      CREATE PUMP P AS INSERT INTO OUT_STREAM SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;`);
    app.insert(input.map(tickRow));
    expect(app.rows(SOURCE)).toEqual(input.map((t) => ({ rowtime: t.rowtime, values: [t.ticker, t.sector, t.change, t.price] })));
    expect(app.values("OUT_STREAM")).toEqual(input.map((t) => [t.ticker]));
  });

  it("truncates values longer than a VARCHAR column silently, as AWS does", () => {
    const app = run(`CREATE STREAM S2 (sector VARCHAR(4));
      CREATE PUMP P AS INSERT INTO S2 SELECT STREAM sector FROM SOURCE_SQL_STREAM_001;`);
    app.insert([{ rowtime: T0, values: ["AMZN", "TECHNOLOGY", 1, 2] }]);
    expect(app.values("S2")).toEqual([["TECH"]]);
    expect(app.rows("error_stream")).toEqual([]);
  });

  it("selects APPROXIMATE_ARRIVAL_TIME from the input stream, but * leaves it out", () => {
    const app = run(`CREATE STREAM S2 (ingest TIMESTAMP, t VARCHAR(4));
      CREATE PUMP P AS INSERT INTO S2 SELECT STREAM APPROXIMATE_ARRIVAL_TIME, "TICKER_SYMBOL" FROM SOURCE_SQL_STREAM_001;
      CREATE STREAM S3 (a VARCHAR(4), b VARCHAR(16), c REAL, d REAL);
      CREATE PUMP P3 AS INSERT INTO S3 SELECT STREAM * FROM SOURCE_SQL_STREAM_001;`);
    app.insert([{ rowtime: T0 + 5, approximateArrivalTime: T0 - 20, values: ["AMZN", "RETAIL", 1, 2] }]);
    expect(app.values("S2")).toEqual([[T0 - 20, "AMZN"]]);
    expect(app.values("S3")).toEqual([["AMZN", "RETAIL", 1, 2]]);
  });
});
