/** Tumbling windows (GROUP BY with STEP or FLOOR of ROWTIME), from the Developer Guide's examples. */
import { describe, expect, it } from "vitest";
import { SqlTypes } from "../../../src/analytics/sql";
import { groupBy, MINUTE, run, SECOND, SOURCE, T0, tickRow, ticks, type Tick } from "./helpers";

const MIN_MAX = `
  CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
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

/** The rows a one-minute tumbling window per ticker should give: window by window, groups in order of appearance. */
function perMinute<T>(input: readonly Tick[], f: (ticker: string, group: Tick[]) => T): { rowtime: number; values: T }[] {
  const out: { rowtime: number; values: T }[] = [];
  for (const [window, inWindow] of groupBy(input, (t) => String(Math.floor(t.rowtime / MINUTE)))) {
    for (const [ticker, group] of groupBy(inWindow, (t) => t.ticker)) out.push({ rowtime: (Number(window) + 1) * MINUTE, values: f(ticker, group) });
  }
  return out;
}

describe("tumbling windows", () => {
  it("emits one row per ticker per minute, at the window's end, with the minute's min and max price", () => {
    const input = ticks(500);
    const app = run(MIN_MAX);
    app.insert(input.map(tickRow));
    const last = input[input.length - 1]?.rowtime ?? T0;
    app.engine.advanceTo(Math.ceil((last + 1) / MINUTE) * MINUTE);
    const expected = perMinute(input, (ticker, g) => [ticker, Math.min(...g.map((t) => t.price)), Math.max(...g.map((t) => t.price))]);
    expect(expected.length).toBeGreaterThan(10);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(expected);
  });

  it("closes a window when time passes its end, without another row", () => {
    const app = run(MIN_MAX);
    app.insert([
      { rowtime: T0 + 5 * SECOND, values: ["AMZN", "RETAIL", 1, 10] },
      { rowtime: T0 + 50 * SECOND, values: ["AMZN", "RETAIL", 1, 30] },
    ]);
    app.engine.advanceTo(T0 + MINUTE - 1);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([]);
    app.engine.advanceTo(T0 + MINUTE);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([{ rowtime: T0 + MINUTE, values: ["AMZN", 10, 30] }]);
  });

  it("puts a row that arrives exactly at a window's end into the next window", () => {
    const app = run(MIN_MAX);
    app.insert([
      { rowtime: T0, values: ["AMZN", "RETAIL", 1, 10] },
      { rowtime: T0 + MINUTE, values: ["AMZN", "RETAIL", 1, 20] },
    ]);
    app.engine.advanceTo(T0 + 2 * MINUTE);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([
      { rowtime: T0 + MINUTE, values: ["AMZN", 10, 10] },
      { rowtime: T0 + 2 * MINUTE, values: ["AMZN", 20, 20] },
    ]);
  });

  it("groups by FLOOR(ROWTIME TO MINUTE), counts with COUNT(*), and filters groups with HAVING", () => {
    const input = ticks(400, 3);
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("ticker" VARCHAR(4), "trade_count" INTEGER, "minute" TIMESTAMP, "at" TIMESTAMP);
      CREATE OR REPLACE PUMP "Output_Pump" AS
         INSERT INTO "DESTINATION_SQL_STREAM"
            SELECT STREAM ticker_symbol, COUNT(*) AS trade_count, FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE), ROWTIME AS "at"
            FROM   "SOURCE_SQL_STREAM_001"
            GROUP BY ticker_symbol, FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE)
            HAVING COUNT(*) > 3;`);
    app.insert(input.map(tickRow));
    app.engine.advanceTo(T0 + 60 * MINUTE);
    const expected = perMinute(input, (ticker, g) => [ticker, g.length, Math.floor((g[0]?.rowtime ?? 0) / MINUTE) * MINUTE, Math.floor((g[0]?.rowtime ?? 0) / MINUTE) * MINUTE + MINUTE]).filter((r) => (r.values[1] as number) > 3);
    expect(expected.length).toBeGreaterThan(5);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(expected);
  });

  it("groups rows by ROWTIME and arrival time together: a late record lands in the next ROWTIME window (the guide's partial results)", () => {
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"
          ("ingest_time" timestamp, "APPROXIMATE_ARRIVAL_TIME" timestamp, "ticker_symbol" VARCHAR(12), "symbol_count" integer);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS
          INSERT INTO "DESTINATION_SQL_STREAM"
          SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND) AS "ingest_time",
              STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND) AS "APPROXIMATE_ARRIVAL_TIME",
              "TICKER_SYMBOL",
              COUNT(*) AS "symbol_count"
          FROM "SOURCE_SQL_STREAM_001"
          GROUP BY "TICKER_SYMBOL",
              STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND),
              STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND);`);
    const row = (rowtime: number, arrival: number, ticker: string) => ({ rowtime, approximateArrivalTime: arrival, values: [ticker, "X", 0, 1] });
    app.insert([row(T0 + 10 * SECOND, T0 + 9 * SECOND, "XYZ"), row(T0 + 20 * SECOND, T0 + 19 * SECOND, "XYZ"), row(T0 + 61 * SECOND, T0 + 55 * SECOND, "XYZ"), row(T0 + 62 * SECOND, T0 + 61 * SECOND, "XYZ")]);
    app.engine.advanceTo(T0 + 2 * MINUTE);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([
      { rowtime: T0 + MINUTE, values: [T0, T0, "XYZ", 2] },
      { rowtime: T0 + 2 * MINUTE, values: [T0 + MINUTE, T0, "XYZ", 1] },
      { rowtime: T0 + 2 * MINUTE, values: [T0 + MINUTE, T0 + MINUTE, "XYZ", 1] },
    ]);
  });

  it("aggregates an aggregation: a second pump sums the first one's partial counts per event minute", () => {
    const schema = {
      inputs: [{ name: SOURCE, columns: [{ name: "TICKER_SYMBOL", type: SqlTypes.varchar(4) }] }],
    };
    const app = run(
      `
      CREATE OR REPLACE STREAM "CALC_COUNT_SQL_STREAM" (TICKER VARCHAR(4), TRADETIME TIMESTAMP, TICKERCOUNT DOUBLE);
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER VARCHAR(4), TRADETIME TIMESTAMP, TICKERCOUNT DOUBLE);
      CREATE PUMP "CALC_COUNT_SQL_PUMP_001" AS
          INSERT INTO "CALC_COUNT_SQL_STREAM" ("TICKER","TRADETIME", "TICKERCOUNT")
          SELECT STREAM "TICKER_SYMBOL", STEP("SOURCE_SQL_STREAM_001"."APPROXIMATE_ARRIVAL_TIME" BY INTERVAL '1' MINUTE) as "TradeTime", COUNT(*) AS "TickerCount"
          FROM "SOURCE_SQL_STREAM_001"
          GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE),
                   STEP("SOURCE_SQL_STREAM_001"."APPROXIMATE_ARRIVAL_TIME" BY INTERVAL '1' MINUTE),
                   TICKER_SYMBOL;
      CREATE PUMP "AGGREGATED_SQL_PUMP" AS
          INSERT INTO "DESTINATION_SQL_STREAM" ("TICKER","TRADETIME", "TICKERCOUNT")
          SELECT STREAM "TICKER", "TRADETIME", SUM("TICKERCOUNT") OVER W1 AS "TICKERCOUNT"
          FROM "CALC_COUNT_SQL_STREAM"
          WINDOW W1 AS (PARTITION BY "TRADETIME" RANGE INTERVAL '10' MINUTE PRECEDING);`,
      { schema },
    );
    const at = (rowtime: number, arrival: number) => ({ rowtime, approximateArrivalTime: arrival, values: ["XYZ"] });
    // Six records arrive in the first minute; one of them is processed late, in the second minute.
    app.insert([1, 2, 3, 4, 5].map((s) => at(T0 + s * SECOND, T0 + s * SECOND)));
    app.insert([at(T0 + 65 * SECOND, T0 + 50 * SECOND)]);
    app.engine.advanceTo(T0 + 2 * MINUTE);
    expect(app.values("CALC_COUNT_SQL_STREAM")).toEqual([
      ["XYZ", T0, 5],
      ["XYZ", T0, 1],
    ]);
    // The second pump's running sum completes the first minute's count: 5, then 6.
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([
      { rowtime: T0 + MINUTE, values: ["XYZ", T0, 5] },
      { rowtime: T0 + 2 * MINUTE, values: ["XYZ", T0, 6] },
    ]);
  });

  it("keeps windows of different groups of a second application apart", () => {
    const input = ticks(100, 11);
    const app = run(`
      CREATE STREAM D (sector VARCHAR(16), total DOUBLE, average REAL, n BIGINT);
      CREATE PUMP P AS INSERT INTO D
        SELECT STREAM sector, SUM(price), AVG(price), COUNT(price) FROM SOURCE_SQL_STREAM_001
        WHERE change > 0
        GROUP BY sector, STEP(ROWTIME BY INTERVAL '30' SECOND);`);
    app.insert(input.map(tickRow));
    app.engine.advanceTo(T0 + 60 * MINUTE);
    const positive = input.filter((t) => t.change > 0);
    const expected: unknown[][] = [];
    for (const [, inWindow] of groupBy(positive, (t) => String(Math.floor(t.rowtime / (30 * SECOND))))) {
      for (const [sector, g] of groupBy(inWindow, (t) => t.sector)) {
        const sum = g.reduce((s, t) => s + t.price, 0);
        expected.push([sector, sum, sum / g.length, g.length]);
      }
    }
    const actual = app.values("D");
    expect(actual.length).toBe(expected.length);
    actual.forEach((row, i) => {
      const want = expected[i] ?? [];
      expect(row[0]).toBe(want[0]);
      expect(row[1]).toBeCloseTo(want[1] as number, 6);
      expect(row[2]).toBeCloseTo(want[2] as number, 6);
      expect(row[3]).toBe(want[3]);
    });
  });
});
