/** Query shapes beyond the single-pump examples: nested queries, chains of windows, UNION ALL, ORDER BY. */
import { describe, expect, it } from "vitest";
import { groupBy, MINUTE, run, SECOND, T0, tickRow, ticks } from "./helpers";

describe("queries", () => {
  it("aggregates the output of a nested query, whose ROWTIME is its input's", () => {
    const input = ticks(300, 17);
    const app = run(`
      CREATE STREAM D (ticker VARCHAR(4), n BIGINT, biggest DOUBLE);
      CREATE PUMP P AS INSERT INTO D
        SELECT STREAM T.ticker, COUNT(*), MAX(T.pct)
        FROM (SELECT STREAM ticker_symbol AS ticker, ABS(change / price) * 100 AS pct FROM SOURCE_SQL_STREAM_001 WHERE price > 20) AS T
        GROUP BY T.ticker, FLOOR(T.ROWTIME TO MINUTE);`);
    app.insert(input.map(tickRow));
    app.engine.advanceTo(T0 + 60 * MINUTE);
    const kept = input.filter((t) => t.price > 20);
    const expected = [...groupBy(kept, (t) => String(Math.floor(t.rowtime / MINUTE)))].flatMap(([minute, rows]) =>
      [...groupBy(rows, (t) => t.ticker)].map(([ticker, g]) => ({ rowtime: (Number(minute) + 1) * MINUTE, values: [ticker, g.length, Math.max(...g.map((t) => Math.abs(t.change / t.price) * 100))] })),
    );
    expect(app.rows("D")).toEqual(expected);
  });

  it("delivers a window's rows to the next pump when the window closes, in the same step", () => {
    const app = run(`
      CREATE STREAM COUNTS (ticker VARCHAR(4), n BIGINT);
      CREATE PUMP COUNT_PUMP AS INSERT INTO COUNTS
        SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY ticker_symbol, STEP(ROWTIME BY INTERVAL '10' SECOND);
      CREATE STREAM BUSY (ticker VARCHAR(4), n BIGINT);
      CREATE PUMP BUSY_PUMP AS INSERT INTO BUSY SELECT STREAM ticker, n FROM COUNTS WHERE n >= 2;`);
    app.insert([1, 2, 3].map((s) => ({ rowtime: T0 + s * SECOND, values: ["AMZN", "RETAIL", 0, 1] })));
    app.insert([{ rowtime: T0 + 4 * SECOND, values: ["MSFT", "TECHNOLOGY", 0, 1] }]);
    app.engine.advanceTo(T0 + 10 * SECOND);
    expect(app.rows("BUSY")).toEqual([{ rowtime: T0 + 10 * SECOND, values: ["AMZN", 3] }]);
  });

  it("merges two queries with UNION ALL and sorts each second's rows with ORDER BY", () => {
    const input = ticks(120, 23, 300);
    const app = run(`
      CREATE STREAM D (ticker VARCHAR(4), price DOUBLE, kind VARCHAR(4));
      CREATE PUMP P AS INSERT INTO D
        SELECT STREAM ticker_symbol, price, 'UP' FROM SOURCE_SQL_STREAM_001 WHERE change > 0
        UNION ALL
        SELECT STREAM ticker_symbol, price, 'DOWN' FROM SOURCE_SQL_STREAM_001 WHERE change < 0
        ORDER BY FLOOR(ROWTIME TO SECOND), 2 DESC;`);
    app.insert(input.map(tickRow));
    app.engine.advanceTo(T0 + 60 * MINUTE);
    const moved = input.filter((t) => t.change !== 0);
    const expected = [...groupBy(moved, (t) => String(Math.floor(t.rowtime / SECOND)))].flatMap(([, batch]) => {
      const latest = Math.max(...batch.map((t) => t.rowtime));
      return [...batch].sort((a, b) => b.price - a.price).map((t) => ({ rowtime: latest, values: [t.ticker, t.price, t.change > 0 ? "UP" : "DOWN"] }));
    });
    expect(app.rows("D").map((r) => [r.rowtime, r.values[1]])).toEqual(expected.map((r) => [r.rowtime, r.values[1]]));
    expect(app.rows("D")).toEqual(expected);
  });

  it("orders by ROWTIME and then a column, releasing each instant once time has moved past it", () => {
    const app = run(`
      CREATE STREAM D (ticker VARCHAR(4), price DOUBLE);
      CREATE PUMP P AS INSERT INTO D SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 ORDER BY ROWTIME, ticker_symbol;`);
    app.insert([
      { rowtime: T0, values: ["MSFT", "TECHNOLOGY", 0, 2] },
      { rowtime: T0, values: ["AMZN", "RETAIL", 0, 1] },
    ]);
    expect(app.rows("D")).toEqual([]);
    app.insert([{ rowtime: T0 + 1, values: ["INTC", "TECHNOLOGY", 0, 3] }]);
    expect(app.values("D")).toEqual([
      ["AMZN", 1],
      ["MSFT", 2],
    ]);
  });

  it("builds a window on a named window", () => {
    const app = run(`
      CREATE STREAM D (ticker VARCHAR(4), n BIGINT, last2 DOUBLE);
      CREATE PUMP P AS INSERT INTO D
        SELECT STREAM ticker_symbol, COUNT(*) OVER byTicker, SUM(price) OVER (byTicker ROWS 1 PRECEDING)
        FROM SOURCE_SQL_STREAM_001
        WINDOW byTicker AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' HOUR PRECEDING);`);
    app.insert([1, 2, 4].map((p, i) => ({ rowtime: T0 + i, values: ["AMZN", "RETAIL", 0, p] })));
    expect(app.values("D")).toEqual([
      ["AMZN", 1, 1],
      ["AMZN", 2, 3],
      ["AMZN", 3, 6],
    ]);
  });

  it("keeps one row per ticker and instant with SELECT STREAM DISTINCT ROWTIME (the SQL Reference's example), sorted", () => {
    const app = run(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4));
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM DISTINCT rowtime, ticker_symbol FROM SOURCE_SQL_STREAM_001 ORDER BY ROWTIME, ticker_symbol;`);
    const at = (t: number, ticker: string) => ({ rowtime: T0 + t, values: [ticker, "X", 0, 1] });
    app.insert([at(0, "MSFT"), at(0, "AMZN"), at(0, "MSFT"), at(5, "MSFT"), at(5, "MSFT")]);
    app.engine.advanceTo(T0 + SECOND);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([
      { rowtime: T0, values: ["AMZN"] },
      { rowtime: T0, values: ["MSFT"] },
      { rowtime: T0 + 5, values: ["MSFT"] },
    ]);
  });

  it("keeps the first row of each ticker per minute with DISTINCT over FLOOR(ROWTIME TO MINUTE)", () => {
    const input = ticks(300, 31);
    const app = run(`
      CREATE STREAM D (minute TIMESTAMP, ticker VARCHAR(4));
      CREATE PUMP P AS INSERT INTO D SELECT STREAM DISTINCT FLOOR(ROWTIME TO MINUTE), ticker_symbol FROM SOURCE_SQL_STREAM_001;`);
    app.insert(input.map(tickRow));
    const seen = new Set<string>();
    const expected = input.flatMap((t) => {
      const minute = Math.floor(t.rowtime / MINUTE) * MINUTE;
      const key = `${minute}/${t.ticker}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ rowtime: t.rowtime, values: [minute, t.ticker] }];
    });
    expect(app.rows("D")).toEqual(expected);
  });

  it("refuses DISTINCT without a ROWTIME-based column: a stream's rows are never all known", () => {
    expect(() => run(`CREATE STREAM D (t VARCHAR(4)); CREATE PUMP P AS INSERT INTO D SELECT STREAM DISTINCT ticker_symbol FROM SOURCE_SQL_STREAM_001;`)).toThrow(
      "SELECT DISTINCT on a stream needs ROWTIME or a ROWTIME-based expression (such as FLOOR(ROWTIME TO MINUTE)) among the selected columns",
    );
  });
});
