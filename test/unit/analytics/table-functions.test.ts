/**
 * Plug-in functions: table functions in FROM TABLE(F(CURSOR(...))), streaming ORDER BY of their
 * results, and ROW-returning log parsers read as l.r.COLUMN1, all through the Developer Guide's SQL.
 * The functions are doubles (doubles.ts); the real ones are tested with their module.
 */
import { describe, expect, it } from "vitest";
import { SqlTypes, type ApplicationSchema } from "../../../src/analytics/sql";
import { doubles } from "./doubles";
import { groupBy, MINUTE, run, SECOND, SOURCE, T0, tickRow, ticks } from "./helpers";

const HEART: ApplicationSchema = {
  inputs: [
    {
      name: SOURCE,
      columns: [
        { name: "heartRate", type: SqlTypes.integer },
        { name: "rateType", type: SqlTypes.varchar(20) },
      ],
    },
  ],
};

const ANOMALY = `
  --Creates a temporary stream.
  CREATE OR REPLACE STREAM "TEMP_STREAM" (
          "heartRate"        INTEGER,
          "rateType"         varchar(20),
          "ANOMALY_SCORE"    DOUBLE);
  --Creates another stream for application output.
  CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
          "heartRate"        INTEGER,
          "rateType"         varchar(20),
          "ANOMALY_SCORE"    DOUBLE);
  -- Compute an anomaly score for each record in the input stream
  -- using Random Cut Forest
  CREATE OR REPLACE PUMP "STREAM_PUMP" AS
     INSERT INTO "TEMP_STREAM"
        SELECT STREAM "heartRate", "rateType", ANOMALY_SCORE
        FROM TABLE(RANDOM_CUT_FOREST(
                CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));
  -- Sort records by descending anomaly score, insert into output stream
  CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS
     INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM * FROM "TEMP_STREAM"
        ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;`;

function heartbeats(count: number): { rowtime: number; rate: number; type: string }[] {
  const out = [];
  for (let i = 0; i < count; i++) {
    const outlier = i % 17 === 16;
    out.push({ rowtime: T0 + i * 230, rate: outlier ? 180 + (i % 5) : 60 + ((i * 7) % 20), type: outlier ? "HIGH" : "NORMAL" });
  }
  return out;
}

describe("table functions", () => {
  it("scores every row through RANDOM_CUT_FOREST and sorts each second's rows by descending score (the guide's anomaly example)", () => {
    const input = heartbeats(120);
    const app = run(ANOMALY, { schema: HEART, functions: doubles });
    app.insert(input.map((h) => ({ rowtime: h.rowtime, values: [h.rate, h.type] })));
    app.engine.advanceTo(T0 + MINUTE);

    // The double's score: distance of the rate from the mean of the rates before it.
    let sum = 0;
    const scored = input.map((h, i) => {
      const score = i === 0 ? 0 : Math.abs(h.rate - sum / i);
      sum += h.rate;
      return { ...h, score };
    });
    expect(app.rows("TEMP_STREAM")).toEqual(scored.map((h) => ({ rowtime: h.rowtime, values: [h.rate, h.type, h.score] })));

    const expected = [...groupBy(scored, (h) => String(Math.floor(h.rowtime / SECOND))).values()].flatMap((batch) => {
      const latest = Math.max(...batch.map((h) => h.rowtime));
      return [...batch].sort((a, b) => b.score - a.score).map((h) => ({ rowtime: latest, values: [h.rate, h.type, h.score] }));
    });
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(expected);
    // The outliers lead their seconds.
    const outliers = app.values("DESTINATION_SQL_STREAM").filter((r) => r[1] === "HIGH");
    expect(outliers.length).toBe(input.filter((h) => h.type === "HIGH").length);
  });

  it("holds a second's sorted rows until the second has passed", () => {
    const app = run(ANOMALY, { schema: HEART, functions: doubles });
    app.insert([
      { rowtime: T0 + 100, values: [60, "NORMAL"] },
      { rowtime: T0 + 900, values: [200, "HIGH"] },
    ]);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([]);
    app.engine.advanceTo(T0 + SECOND);
    expect(app.values("DESTINATION_SQL_STREAM")).toEqual([
      [200, "HIGH", 140],
      [60, "NORMAL", 0],
    ]);
  });

  it("finds each minute's most frequent tickers with TOP_K_ITEMS_TUMBLING (the guide's example)", () => {
    const schema: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "TICKER", type: SqlTypes.varchar(4) }] }] };
    const input = ticks(600, 4);
    const app = run(
      `
      CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM (
        "TICKER" VARCHAR(4),
        "MOST_FREQUENT_VALUES" BIGINT
      );
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS
          INSERT INTO "DESTINATION_SQL_STREAM"
          SELECT STREAM *
              FROM TABLE (TOP_K_ITEMS_TUMBLING(
                  CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
                  'TICKER',         -- name of column in single quotes
                  3,                       -- number of the most frequently occurring values
                  60                       -- tumbling window size in seconds
                  )
              );`,
      { schema, functions: doubles },
    );
    app.insert(input.map((t) => ({ rowtime: t.rowtime, values: [t.ticker] })));
    app.engine.advanceTo(T0 + 60 * MINUTE);
    const expected = [...groupBy(input, (t) => String(Math.floor(t.rowtime / MINUTE)))].flatMap(([minute, rows]) =>
      [...groupBy(rows, (t) => t.ticker)]
        .map(([ticker, g]) => [ticker, g.length] as const)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 3)
        .map(([ticker, n]) => ({ rowtime: (Number(minute) + 1) * MINUTE, values: [ticker, n] })),
    );
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(expected);
  });

  it("reports a table function's refusal of its arguments with the call's position", () => {
    const line = `  SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'ticker', 3, 60));`;
    const code = `CREATE STREAM D (t VARCHAR(4), n BIGINT);\nCREATE PUMP P AS INSERT INTO D\n${line}`;
    const start = line.indexOf("TABLE(") + 1;
    const end = line.lastIndexOf(")") + 1;
    expect(() => run(code, { functions: doubles })).toThrow(`From line 3, column ${start} to line 3, column ${end}: Column 'ticker' not found in the cursor`);
  });

  it("refuses a table function nobody registered", () => {
    const code = `CREATE STREAM D (t VARCHAR(4)); CREATE PUMP P AS INSERT INTO D SELECT STREAM * FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001), 1000, 0.2, 17));`;
    const start = code.indexOf("HOTSPOTS") + 1;
    expect(() => run(code)).toThrow(`From line 1, column ${start} to line 1, column ${start + "HOTSPOTS".length - 1}: No match found for function signature HOTSPOTS`);
  });
});

describe("ROW-returning log parsers", () => {
  it("reads the fields of W3C_LOG_PARSE's row as l.r.COLUMN1 (the guide's example)", () => {
    const schema: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "log", type: SqlTypes.varchar(256) }] }] };
    const app = run(
      `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
      column1 VARCHAR(16),
      column2 VARCHAR(16),
      column3 VARCHAR(16),
      column4 VARCHAR(16),
      column5 VARCHAR(16),
      column6 VARCHAR(16),
      column7 VARCHAR(16));
      CREATE OR REPLACE PUMP "myPUMP" AS
      INSERT INTO "DESTINATION_SQL_STREAM"
              SELECT STREAM
                  l.r.COLUMN1,
                  l.r.COLUMN2,
                  l.r.COLUMN3,
                  l.r.COLUMN4,
                  l.r.COLUMN5,
                  l.r.COLUMN6,
                  l.r.COLUMN7
              FROM (SELECT STREAM W3C_LOG_PARSE("log", 'COMMON')
                    FROM "SOURCE_SQL_STREAM_001") AS l(r);`,
      { schema, functions: doubles },
    );
    const line = '192.168.254.30 - John [24/May/2004:22:01:02 -0700] "GET /icons/apache_pb.gif HTTP/1.1" 304 0';
    app.insert([{ rowtime: T0, values: [line] }]);
    // VARCHAR(16) cuts the longer fields.
    expect(app.values("DESTINATION_SQL_STREAM")).toEqual([["192.168.254.30", "-", "John", "24/May/2004:22:0", "GET /icons/apach", "304", "0"]]);
  });

  it("reads REGEX_LOG_PARSE's groups as T.REC.COLUMN1 from a nested query (the guide's example)", () => {
    const schema: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "LOGENTRY", type: SqlTypes.varchar(256) }] }] };
    const app = run(
      `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (logentry VARCHAR(24), match1 VARCHAR(24), match2 VARCHAR(24));
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
          SELECT STREAM T.LOGENTRY, T.REC.COLUMN1, T.REC.COLUMN2
          FROM
               (SELECT STREAM LOGENTRY,
                   REGEX_LOG_PARSE(LOGENTRY, '(\\w.+) (\\d.+) (\\w.+) (\\w.+)') AS REC
                   FROM SOURCE_SQL_STREAM_001) AS T;`,
      { schema, functions: doubles },
    );
    const entry = '203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] "GET /index.php HTTP/1.1" 200 125 "-" "Mozilla/5.0 [en] Gecko/20100101 Firefox/52.0"';
    app.insert([{ rowtime: T0, values: [entry] }]);
    const m = /(\w.+) (\d.+) (\w.+) (\w.+)/.exec(entry) ?? [];
    expect(app.values("DESTINATION_SQL_STREAM")).toEqual([[entry.slice(0, 24), (m[1] ?? "").slice(0, 24), (m[2] ?? "").slice(0, 24)]]);
  });

  it("refuses a field the row does not have", () => {
    const schema: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "log", type: SqlTypes.varchar(256) }] }] };
    expect(() =>
      run(`CREATE STREAM D (c VARCHAR(16));
CREATE PUMP P AS INSERT INTO D SELECT STREAM l.r.COLUMN9 FROM (SELECT STREAM W3C_LOG_PARSE("log", 'COMMON') FROM "SOURCE_SQL_STREAM_001") AS l(r);`, { schema, functions: doubles }),
    ).toThrow("From line 2, column 50 to line 2, column 56: Unknown field 'COLUMN9'");
  });

  it("uses the tickers' own rows, untouched, when no plug-in is involved", () => {
    const input = ticks(3);
    const app = run(`CREATE STREAM D (t VARCHAR(4)); CREATE PUMP P AS INSERT INTO D SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;`);
    app.insert(input.map(tickRow));
    expect(app.values("D")).toEqual(input.map((t) => [t.ticker]));
  });
});
