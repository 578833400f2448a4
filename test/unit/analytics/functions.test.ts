/** Scalar functions and operators, as the Developer Guide's string and date-time examples use them. */
import { describe, expect, it } from "vitest";
import { SqlTypes, type ApplicationSchema, type SqlValue } from "../../../src/analytics/sql";
import { run, SOURCE } from "./helpers";

const SCHEMA: ApplicationSchema = {
  inputs: [
    {
      name: SOURCE,
      columns: [
        { name: "S", type: SqlTypes.varchar(64) },
        { name: "N", type: SqlTypes.double },
        { name: "I", type: SqlTypes.integer },
        { name: "TS", type: SqlTypes.timestamp },
      ],
    },
  ],
};

const REFERRER = "http://www.amazon.com";
const EVENT = "2018-05-09 14:05:09.337";
const EVENT_MS = Date.UTC(2018, 4, 9, 14, 5, 9, 337);
const ROWTIME = Date.UTC(2024, 0, 1);

/** Evaluates each expression on one row (S, N, I, TS) and returns the values stored in typed columns. */
function evaluate(items: readonly [string, string][], row: readonly unknown[] = [REFERRER, 7, 7, EVENT], clock?: number): SqlValue[] {
  const columns = items.map(([, type], i) => `c${i} ${type}`).join(", ");
  const app = run(
    `CREATE STREAM D (${columns});
     CREATE PUMP P AS INSERT INTO D SELECT STREAM ${items.map(([e]) => e).join(", ")} FROM SOURCE_SQL_STREAM_001;`,
    { schema: SCHEMA, engine: clock === undefined ? undefined : { clock: { now: () => clock } } },
  );
  app.insert([{ rowtime: ROWTIME, values: row }]);
  expect(app.values("error_stream")).toEqual([]);
  return app.values("D")[0] ?? [];
}

describe("string functions", () => {
  it("extracts the domain with SUBSTRING and POSITION (the guide's example)", () => {
    const [domain] = evaluate([[`SUBSTRING(S, 12, (POSITION('.com' IN S) - POSITION('www.' IN S) - 4))`, "VARCHAR(32)"]]);
    const start = REFERRER.indexOf("www.") + 4;
    expect(domain).toBe(REFERRER.slice(start, REFERRER.indexOf(".com")));
  });

  it("replaces with REGEX_REPLACE: all matches, the n-th only, from a start position, with groups", () => {
    expect(
      evaluate([
        [`REGEX_REPLACE(S, 'http://', 'https://', 1, 0)`, "VARCHAR(32)"],
        [`REGEX_REPLACE('a-b-c', '-', '+', 1, 2)`, "VARCHAR(8)"],
        [`REGEX_REPLACE('a-b-c', '-', '+', 3, 0)`, "VARCHAR(8)"],
        [`REGEX_REPLACE('2024-01-05', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1', 1, 0)`, "VARCHAR(16)"],
      ]),
    ).toEqual([REFERRER.replace("http://", "https://"), "a-b+c", "a-b+c", "05/01/2024"]);
  });

  it("changes case, trims, measures, overlays and concatenates", () => {
    expect(
      evaluate([
        [`UPPER(S)`, "VARCHAR(32)"],
        [`INITCAP('hello wORLD-wide')`, "VARCHAR(32)"],
        [`TRIM(BOTH 'x' FROM 'xxabcxx')`, "VARCHAR(8)"],
        [`TRIM(LEADING 'x' FROM 'xxabcxx')`, "VARCHAR(8)"],
        [`TRIM('  a b  ')`, "VARCHAR(8)"],
        [`CHAR_LENGTH(S)`, "INTEGER"],
        [`OVERLAY('abcdef' PLACING 'XY' FROM 3)`, "VARCHAR(8)"],
        [`'n=' || I || '/' || S`, "VARCHAR(64)"],
      ]),
    ).toEqual([REFERRER.toUpperCase(), "Hello World-Wide", "abc", "abcxx", "a b", REFERRER.length, "abXYef", `n=7/${REFERRER}`]);
  });
});

describe("numbers", () => {
  it("divides integers as SQL does (truncating) and doubles exactly", () => {
    expect(evaluate([[`I / 2`, "INTEGER"], [`N / 2`, "DOUBLE"], [`-I / 2`, "INTEGER"], [`MOD(I, 3)`, "INTEGER"], [`I * 1.5`, "DOUBLE"]])).toEqual([3, 3.5, -3, 1, 10.5]);
  });

  it("rounds, takes roots, powers and logarithms", () => {
    expect(
      evaluate([
        [`ABS(-N)`, "DOUBLE"],
        [`FLOOR(N / 2)`, "DOUBLE"],
        [`CEIL(N / 2)`, "DOUBLE"],
        [`ROUND(2.5)`, "DOUBLE"],
        [`ROUND(-2.5)`, "DOUBLE"],
        [`ROUND(1.26, 1)`, "DOUBLE"],
        [`POWER(2, 10)`, "DOUBLE"],
        [`SQRT(16)`, "DOUBLE"],
        [`LN(EXP(2))`, "DOUBLE"],
        [`STEP(I BY 5)`, "INTEGER"],
      ]),
    ).toEqual([7, 3, 4, 3, -3, 1.3, 1024, 4, 2, 5]);
  });

  it("converts with CAST, implicitly compares text with numbers, and tests with IN, BETWEEN, LIKE and SIMILAR TO", () => {
    expect(
      evaluate([
        [`CAST('12' AS INTEGER) + I`, "INTEGER"],
        [`CAST(N AS VARCHAR(10))`, "VARCHAR(10)"],
        [`CAST(2.75 AS INTEGER)`, "INTEGER"],
        [`'10' > I`, "BOOLEAN"],
        [`I IN (1, 7, 9)`, "BOOLEAN"],
        [`I NOT BETWEEN 1 AND 5`, "BOOLEAN"],
        [`S LIKE 'http://%.com'`, "BOOLEAN"],
        [`'50%' LIKE '50!%' ESCAPE '!'`, "BOOLEAN"],
        [`'AMZN' SIMILAR TO '[A-Z]{4}'`, "BOOLEAN"],
        [`'AMZN1' SIMILAR TO '[[:ALPHA:]]+'`, "BOOLEAN"],
        [`CASE WHEN N > 10 THEN 'big' WHEN N > 5 THEN 'medium' ELSE 'small' END`, "VARCHAR(8)"],
        [`COALESCE(NULL, NULLIF(I, 7), 42)`, "INTEGER"],
        [`NULL IS DISTINCT FROM I`, "BOOLEAN"],
      ]),
    ).toEqual([19, "7.0", 2, true, true, true, true, true, true, false, "medium", 42, true]);
  });

  it("gives NULL for NULL operands, and UNKNOWN conditions filter rows out", () => {
    const app = run(`CREATE STREAM D (a DOUBLE, b BOOLEAN);
      CREATE PUMP P AS INSERT INTO D SELECT STREAM N + 1, N > 1 OR TRUE FROM SOURCE_SQL_STREAM_001 WHERE NOT (N > 100);`, { schema: SCHEMA });
    app.insert([
      { rowtime: ROWTIME, values: ["x", null, 1, null] },
      { rowtime: ROWTIME, values: ["x", 5, 1, null] },
    ]);
    // NOT (NULL > 100) is UNKNOWN: the first row does not pass.
    expect(app.values("D")).toEqual([[6, true]]);
  });
});

describe("dates and times", () => {
  it("computes the guide's date-time columns: minus an interval, UNIX_TIMESTAMP, TIMESTAMP_TO_CHAR, EXTRACT", () => {
    const [before, unix, text, second] = evaluate([
      [`TS - INTERVAL '5' MINUTE`, "TIMESTAMP"],
      [`UNIX_TIMESTAMP(TS)`, "BIGINT"],
      [`TIMESTAMP_TO_CHAR('yyyy-MM-dd hh:mm:ss', TS)`, "VARCHAR(50)"],
      [`EXTRACT(SECOND FROM TS)`, "INTEGER"],
    ]);
    expect(before).toBe(EVENT_MS - 5 * 60_000);
    expect(unix).toBe(EVENT_MS);
    // hh is the 12-hour clock, as in Java's SimpleDateFormat.
    expect(text).toBe("2018-05-09 02:05:09");
    expect(second).toBe(9);
  });

  it("rounds times down with FLOOR and STEP, and reads them from text with CHAR_TO_TIMESTAMP and CAST", () => {
    expect(
      evaluate([
        [`FLOOR(TS TO HOUR)`, "TIMESTAMP"],
        [`STEP(TS BY INTERVAL '15' MINUTE)`, "TIMESTAMP"],
        [`CEIL(TS TO MINUTE)`, "TIMESTAMP"],
        [`CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', '2009-09-16 03:15:24')`, "TIMESTAMP"],
        [`TO_TIMESTAMP(UNIX_TIMESTAMP(TS) + 1000)`, "TIMESTAMP"],
        [`CAST(TS AS DATE)`, "DATE"],
        [`CAST(TS AS VARCHAR(32))`, "VARCHAR(32)"],
        [`TIMESTAMP '2018-05-09 14:00:00' + INTERVAL '1 02:03:04' DAY TO SECOND`, "TIMESTAMP"],
      ]),
    ).toEqual([
      Date.UTC(2018, 4, 9, 14),
      Date.UTC(2018, 4, 9, 14, 0),
      Date.UTC(2018, 4, 9, 14, 6),
      Date.UTC(2009, 8, 16, 3, 15, 24),
      EVENT_MS + 1000,
      Date.UTC(2018, 4, 9),
      EVENT,
      Date.UTC(2018, 4, 10, 16, 3, 4),
    ]);
  });

  it("reads CURRENT_ROW_TIMESTAMP from the engine's clock, which defaults to the row's time", () => {
    const clock = Date.UTC(2030, 0, 1);
    expect(evaluate([[`CURRENT_ROW_TIMESTAMP`, "TIMESTAMP"], [`CURRENT_DATE`, "DATE"]], undefined, clock)).toEqual([clock, clock]);
    expect(evaluate([[`CURRENT_ROW_TIMESTAMP`, "TIMESTAMP"]])).toEqual([ROWTIME]);
  });
});
