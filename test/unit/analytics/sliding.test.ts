/** Sliding windows (aggregates OVER a window), from the Developer Guide's examples. */
import { describe, expect, it } from "vitest";
import { MINUTE, run, SECOND, T0, tickRow, ticks, type Tick } from "./helpers";

describe("sliding windows", () => {
  // As the guide's timeline shows, a window of 5 seconds at t6 no longer holds the row of t1: the
  // window reaches back less than its length.
  it("emits a row per input row with min, max and average over the ticker's last minute", () => {
    const input = ticks(300);
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                               ticker_symbol VARCHAR(10),
                               Min_Price     double,
                               Max_Price     double,
                               Avg_Price     double);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS
         INSERT INTO "DESTINATION_SQL_STREAM"
           SELECT STREAM ticker_symbol,
                         MIN(Price) OVER W1 AS Min_Price,
                         MAX(Price) OVER W1 AS Max_Price,
                         AVG(Price) OVER W1 AS Avg_Price
           FROM   "SOURCE_SQL_STREAM_001"
           WINDOW W1 AS (
              PARTITION BY ticker_symbol
              RANGE INTERVAL '1' MINUTE PRECEDING);`);
    app.insert(input.map(tickRow));
    const rows = app.rows("DESTINATION_SQL_STREAM");
    expect(rows.length).toBe(input.length);
    input.forEach((t, i) => {
      const window = input.filter((u) => u.ticker === t.ticker && u.rowtime <= t.rowtime && u.rowtime > t.rowtime - MINUTE && input.indexOf(u) <= i);
      const prices = window.map((u) => u.price);
      const row = rows[i];
      expect(row?.rowtime).toBe(t.rowtime);
      expect(row?.values[0]).toBe(t.ticker);
      expect(row?.values[1]).toBe(Math.min(...prices));
      expect(row?.values[2]).toBe(Math.max(...prices));
      expect(row?.values[3]).toBeCloseTo(prices.reduce((a, b) => a + b, 0) / prices.length, 6);
    });
  });

  it("counts records over a 5-second window the way the guide's timeline does, emitting nothing as rows merely expire", () => {
    const app = run(`
      CREATE STREAM D (n INTEGER);
      CREATE PUMP P AS INSERT INTO D
        SELECT STREAM COUNT(*) OVER (RANGE INTERVAL '5' SECOND PRECEDING) FROM SOURCE_SQL_STREAM_001;`);
    // Records at t1, t2, t6, t7 and three at t8.
    const at = [1, 2, 6, 7, 8, 8, 8].map((s) => ({ rowtime: T0 + s * SECOND, values: ["AMZN", "RETAIL", 0, 1] }));
    app.insert(at);
    app.engine.advanceTo(T0 + 20 * SECOND);
    expect(app.values("D").map((r) => r[0])).toEqual([1, 2, 2, 2, 3, 4, 5]);
  });

  it("compares a two-row and a ten-row moving average of the same ticker (ROWS windows)", () => {
    const input = ticks(200, 5);
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                                 ticker_symbol      VARCHAR(12),
                                 price              double,
                                 average_last2rows  double,
                                 average_last10rows double);
      CREATE OR REPLACE PUMP "myPump" AS INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM ticker_symbol,
                    price,
                    avg(price) over last2rows,
                    avg(price) over last10rows
      FROM SOURCE_SQL_STREAM_001
      WINDOW
          last2rows AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING),
          last10rows AS (PARTITION BY ticker_symbol ROWS 10 PRECEDING);`);
    app.insert(input.map(tickRow));
    const average = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const seen = new Map<string, Tick[]>();
    const rows = app.values("DESTINATION_SQL_STREAM");
    input.forEach((t, i) => {
      const mine = [...(seen.get(t.ticker) ?? []), t];
      seen.set(t.ticker, mine);
      const row = rows[i] ?? [];
      expect(row.slice(0, 2)).toEqual([t.ticker, t.price]);
      expect(row[2]).toBeCloseTo(average(mine.slice(-3).map((u) => u.price)), 6);
      expect(row[3]).toBeCloseTo(average(mine.slice(-11).map((u) => u.price)), 6);
    });
  });

  it("averages an expression of two columns (percent change) over ten seconds", () => {
    const input = ticks(150, 9);
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(10), Avg_Percent_Change double);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
         SELECT STREAM Ticker_Symbol, AVG(Change / (Price - Change)) over W1 as Avg_Percent_Change
         FROM "SOURCE_SQL_STREAM_001"
         WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '10' SECOND PRECEDING);`);
    app.insert(input.map(tickRow));
    const rows = app.values("DESTINATION_SQL_STREAM");
    input.forEach((t, i) => {
      const window = input.slice(0, i + 1).filter((u) => u.ticker === t.ticker && u.rowtime > t.rowtime - 10 * SECOND);
      const expected = window.reduce((s, u) => s + u.change / (u.price - u.change), 0) / window.length;
      expect(rows[i]?.[1]).toBeCloseTo(expected, 9);
    });
  });

  it("throttles alerts: counts each ticker's triggers over the last minute in a nested query", () => {
    const input = ticks(300, 13);
    const app = run(`
      CREATE OR REPLACE STREAM "CHANGE_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "change_pump" AS INSERT INTO "CHANGE_STREAM"
         SELECT STREAM ticker_symbol, sector, change, price FROM "SOURCE_SQL_STREAM_001"
         WHERE (ABS(Change / (Price - Change)) * 100) > 1;
      CREATE OR REPLACE STREAM TRIGGER_COUNT_STREAM (ticker_symbol VARCHAR(4), change REAL, trigger_count INTEGER);
      CREATE OR REPLACE PUMP trigger_count_pump AS INSERT INTO TRIGGER_COUNT_STREAM
      SELECT STREAM ticker_symbol, change, trigger_count
      FROM (
          SELECT STREAM ticker_symbol, change, COUNT(*) OVER W1 as trigger_count
          FROM "CHANGE_STREAM"
          --window to perform aggregations over last minute to keep track of triggers
          WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)
      )
      WHERE trigger_count >= 3;`);
    app.insert(input.map(tickRow));
    const changes = input.filter((t) => Math.abs(t.change / (t.price - t.change)) * 100 > 1);
    const expected = changes
      .map((t, i) => ({ t, n: changes.slice(0, i + 1).filter((u) => u.ticker === t.ticker && u.rowtime > t.rowtime - MINUTE).length }))
      .filter(({ n }) => n >= 3)
      .map(({ t, n }) => ({ rowtime: t.rowtime, values: [t.ticker, t.change, n] }));
    expect(expected.length).toBeGreaterThan(5);
    expect(app.rows("TRIGGER_COUNT_STREAM")).toEqual(expected);
  });
});
