/**
 * The real analytic functions and log parsers, registered with the engine (src/analytics/plugins/):
 * the Developer Guide's SQL compiles against them, their arguments are checked at compile time with
 * the line and column, they run, and their state survives a snapshot into a fresh engine.
 */
import { describe, expect, it } from "vitest";
import { analyticsFunctions } from "../../../src/analytics/plugins";
import { ApplicationEngine, compileApplication, SqlError, SqlTypes, type ApplicationSchema } from "../../../src/analytics/sql";
import { attach, MINUTE, run, SECOND, SOURCE, T0, tickRow, ticks } from "./helpers";

const functions = analyticsFunctions;

describe("analytic table functions", () => {
  it("RANDOM_CUT_FOREST scores an outlier above the normal points, and continues exactly from a snapshot", () => {
    const code = `CREATE STREAM SCORED (ticker_symbol VARCHAR(4), price REAL, score DOUBLE);
      CREATE PUMP P AS INSERT INTO SCORED
        SELECT STREAM ticker_symbol, price, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001), 50, 64, 1000, 1));`;
    const rows = ticks(200, 7).map(tickRow);
    rows.push({ rowtime: (rows.at(-1)?.rowtime ?? T0) + SECOND, values: ["AMZN", "RETAIL", 0, 10_000] });
    const whole = run(code, { functions });
    whole.insert(rows);
    const scores = whole.values("SCORED").map((r) => Number(r[2]));
    expect(scores.slice(0, 64).every((s) => s === 0)).toBe(true);
    const normal = scores.slice(64, -1).sort((a, b) => a - b);
    expect(scores.at(-1)).toBeGreaterThan(normal[normal.length - 1] ?? 0);

    // Half the rows, a snapshot through JSON, the other half in a fresh engine: the same scores.
    const app = compileApplication(code, { inputs: [{ name: SOURCE, columns: tickerColumns() }] }, { functions });
    const first = new ApplicationEngine(app);
    first.insert(SOURCE, rows.slice(0, 120));
    const second = attach(new ApplicationEngine(app), ["SCORED"]);
    second.engine.restore(JSON.parse(JSON.stringify(first.snapshot())));
    second.insert(rows.slice(120));
    expect(second.values("SCORED").map((r) => r[2])).toEqual(scores.slice(120));
  });

  it("RANDOM_CUT_FOREST_WITH_EXPLANATION adds ANOMALY_EXPLANATION", () => {
    const h = run(
      `CREATE STREAM S (price REAL, score DOUBLE, why VARCHAR(2000));
       CREATE PUMP P AS INSERT INTO S SELECT STREAM price, ANOMALY_SCORE, ANOMALY_EXPLANATION
         FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(CURSOR(SELECT STREAM price FROM SOURCE_SQL_STREAM_001), 10, 10, 100, 1, true));`,
      { functions },
    );
    h.insert(ticks(30, 3).map(tickRow));
    const last = h.values("S").at(-1);
    expect(JSON.parse(String(last?.[2]))).toHaveProperty("PRICE.DIRECTION");
  });

  it("TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING emit when the window closes", () => {
    const h = run(
      `CREATE STREAM TOP (ticker VARCHAR(4), n BIGINT);
       CREATE STREAM DISTINCTS (n BIGINT);
       CREATE PUMP P1 AS INSERT INTO TOP SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001), 'TICKER_SYMBOL', 2, 60));
       CREATE PUMP P2 AS INSERT INTO DISTINCTS SELECT STREAM * FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001), 'TICKER_SYMBOL', 60));`,
      { functions },
    );
    const input = ["AMZN", "AMZN", "MSFT", "AMZN", "INTC", "MSFT"].map((t, i) => ({ rowtime: T0 + i * SECOND, values: [t, "X", 1, 10] }));
    h.insert(input);
    expect(h.rows("TOP")).toEqual([]);
    h.engine.advanceTo(T0 + MINUTE);
    expect(h.rows("TOP")).toEqual([
      { rowtime: T0 + MINUTE, values: ["AMZN", 3] },
      { rowtime: T0 + MINUTE, values: ["MSFT", 2] },
    ]);
    expect(h.rows("DISTINCTS")).toEqual([{ rowtime: T0 + MINUTE, values: [3] }]);
  });

  it("HOTSPOTS adds HOTSPOTS_RESULT", () => {
    const schema: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "x", type: SqlTypes.double }, { name: "y", type: SqlTypes.double }] }] };
    const h = run(
      `CREATE STREAM D ("x" DOUBLE, "y" DOUBLE, HOTSPOTS_RESULT VARCHAR(10000));
       CREATE PUMP P AS INSERT INTO D SELECT "x", "y", "HOTSPOTS_RESULT" FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM "x", "y" FROM SOURCE_SQL_STREAM_001), 100, 0.5, 3));`,
      { functions, schema },
    );
    h.insert(Array.from({ length: 10 }, (_, i) => ({ rowtime: T0 + i, values: [1 + i * 0.01, 1] })));
    const result = JSON.parse(String(h.values("D").at(-1)?.[2])) as { hotspots: unknown[] };
    expect(result.hotspots).toHaveLength(1);
  });

  it("refuses arguments out of AWS's ranges at compile time, naming where", () => {
    expect(() =>
      compileApplication(
        `CREATE STREAM S (score DOUBLE);
         CREATE PUMP P AS INSERT INTO S SELECT STREAM ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM price FROM SOURCE_SQL_STREAM_001), 5000));`,
        { inputs: [{ name: SOURCE, columns: tickerColumns() }] },
        { functions },
      ),
    ).toThrow(SqlError);
    try {
      compileApplication(
        `CREATE STREAM S (t VARCHAR(4), n BIGINT);
CREATE PUMP P AS INSERT INTO S SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001), 'NOPE', 2, 60));`,
        { inputs: [{ name: SOURCE, columns: tickerColumns() }] },
        { functions },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SqlError);
      expect((error as SqlError).line).toBe(2);
      expect((error as SqlError).message).toContain("NOPE");
    }
  });
});

describe("log parsers", () => {
  const LOGS: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "log", type: SqlTypes.varchar(2000) }] }] };

  it("W3C_LOG_PARSE, REGEX_LOG_PARSE and VARIABLE_COLUMN_LOG_PARSE give rows whose fields the code reads", () => {
    const h = run(
      `CREATE STREAM W (host VARCHAR(64), status BIGINT);
       CREATE STREAM R (a VARCHAR(16), b VARCHAR(16));
       CREATE STREAM V (first VARCHAR(16), second INTEGER);
       CREATE PUMP P1 AS INSERT INTO W SELECT STREAM l.r.COLUMN1, l.r.COLUMN6 FROM (SELECT STREAM W3C_LOG_PARSE("log", 'COMMON') FROM SOURCE_SQL_STREAM_001) AS l(r);
       CREATE PUMP P2 AS INSERT INTO R SELECT STREAM t.rec.COLUMN1, t.rec.COLUMN2 FROM (SELECT STREAM REGEX_LOG_PARSE("log", '(\\S+) - (\\w+).*') AS rec FROM SOURCE_SQL_STREAM_001) AS t;
       CREATE PUMP P3 AS INSERT INTO V SELECT STREAM t.rec.F, t.rec.S FROM (SELECT STREAM VARIABLE_COLUMN_LOG_PARSE("log", 'F TYPE VARCHAR(16), S TYPE INTEGER', ' ') AS rec FROM SOURCE_SQL_STREAM_001) AS t;`,
      { functions, schema: LOGS, streams: ["W", "R", "V", "error_stream"] },
    );
    h.insert([{ rowtime: T0, values: ['192.168.254.30 - John [24/May/2004:22:01:02 -0700] "GET /icons/apache_pb.gif HTTP/1.1" 304 0'] }]);
    expect(h.values("W")).toEqual([["192.168.254.30", 304]]);
    expect(h.values("R")).toEqual([["192.168.254.30", "John"]]);
    // The second field is not an INTEGER: that row goes to error_stream.
    expect(h.values("V")).toEqual([]);
    expect(h.rows("error_stream")).toHaveLength(1);
  });
});

function tickerColumns() {
  return [
    { name: "TICKER_SYMBOL", type: SqlTypes.varchar(4) },
    { name: "SECTOR", type: SqlTypes.varchar(16) },
    { name: "CHANGE", type: SqlTypes.real },
    { name: "PRICE", type: SqlTypes.real },
  ];
}
