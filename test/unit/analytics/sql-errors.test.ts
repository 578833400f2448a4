/**
 * Code the engine cannot run is refused with the line, the column and what was expected or wrong, in
 * the forms AWS's SQL engine used. Positions are computed here from the code's text.
 */
import { describe, expect, it } from "vitest";
import { compileApplication, SqlError, SqlParseError, SqlValidationError } from "../../../src/analytics/sql";
import { TICKER_SCHEMA } from "./helpers";

function refusal(code: string): SqlError {
  try {
    compileApplication(code, TICKER_SCHEMA);
  } catch (e) {
    if (e instanceof SqlError) return e;
    throw e;
  }
  throw new Error("The code was accepted");
}

/** 1-based line and column of the n-th (0-based) occurrence of `needle` in `code`. */
function where(code: string, needle: string, occurrence = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = code.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in code`);
  const before = code.slice(0, index).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

const STREAM = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);\n`;

describe("syntax errors", () => {
  it("names the token found, its line and column, and what the grammar expected there", () => {
    const code = `${STREAM}CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol,
  FROM "SOURCE_SQL_STREAM_001";`;
    const e = refusal(code);
    const at = where(code, "FROM");
    expect(e).toBeInstanceOf(SqlParseError);
    expect([e.line, e.column]).toEqual([at.line, at.column]);
    expect(e.message).toBe(`Encountered "FROM" at line ${at.line}, column ${at.column}. Was expecting one of: "*", "+", "-", "NOT", <expression>`);
  });

  it("says what could follow a complete select item", () => {
    const code = `${STREAM}CREATE PUMP P AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol price change FROM "SOURCE_SQL_STREAM_001";`;
    const at = where(code, "change");
    expect(refusal(code).message).toBe(`Encountered "change" at line ${at.line}, column ${at.column}. Was expecting one of: ",", "FROM"`);
  });

  it("reports the end of the code when a statement is cut short", () => {
    const code = `CREATE OR REPLACE STREAM "X" (a VARCHAR(4)`;
    expect(refusal(code).message).toBe(`Encountered "<EOF>" at line 1, column ${code.length + 1}. Was expecting one of: ")", ",", "NOT", "NULL"`);
  });

  it("refuses a statement other than CREATE STREAM or CREATE PUMP", () => {
    const code = `${STREAM}SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";`;
    const e = refusal(code);
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.message).toBe(`Encountered "SELECT" at line 2, column 1. Was expecting one of: ";", "CREATE", <EOF>`);
  });

  it("refuses an unterminated string with where it started", () => {
    const code = `${STREAM}CREATE PUMP P AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECH;`;
    const at = where(code, "'TECH");
    const e = refusal(code);
    expect([e.line, e.column]).toEqual([at.line, at.column]);
    expect(e.message).toMatch(new RegExp(`^Lexical error at line ${at.line}, column ${at.column}\\. `));
  });

  it("refuses a type AWS does not have", () => {
    const code = `CREATE STREAM S (a STRING);`;
    const at = where(code, "STRING");
    expect(refusal(code).message).toBe(`From line 1, column ${at.column} to line 1, column ${at.column + 5}: Unknown datatype name 'STRING'`);
  });
});

describe("validation errors", () => {
  const cases: { name: string; pump: string; needle: string; length?: number; reason: string }[] = [
    { name: "an unknown column", pump: `SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001"`, needle: "ticker", reason: "Column 'TICKER' not found in any table" },
    { name: "an unknown stream, suggesting the quoted name's case", pump: `SELECT STREAM ticker_symbol, price FROM "source_sql_stream_001"`, needle: `"source_sql_stream_001"`, reason: `Object 'source_sql_stream_001' not found (did you mean "SOURCE_SQL_STREAM_001"? Quoted names are case-sensitive)` },
    { name: "a column neither grouped nor aggregated", pump: `SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" GROUP BY ticker_symbol, STEP(ROWTIME BY INTERVAL '1' MINUTE)`, needle: "price", reason: "Expression 'PRICE' is not being grouped" },
    {
      name: "a streaming GROUP BY without a ROWTIME-based key",
      pump: `SELECT STREAM ticker_symbol, MAX(price) FROM "SOURCE_SQL_STREAM_001" GROUP BY ticker_symbol`,
      needle: "ticker_symbol",
      length: "ticker_symbol".length,
      reason: "Streaming GROUP BY needs a monotonic expression based on ROWTIME among its keys, such as STEP(ROWTIME BY INTERVAL '60' SECOND) or FLOOR(ROWTIME TO MINUTE)",
    },
    { name: "an aggregate without GROUP BY or OVER", pump: `SELECT STREAM ticker_symbol, MAX(price) FROM "SOURCE_SQL_STREAM_001"`, needle: "MAX(price)", reason: "A streaming aggregation needs GROUP BY with a ROWTIME-based key (STEP(ROWTIME BY INTERVAL '1' MINUTE) or FLOOR(ROWTIME TO MINUTE)), WINDOWED BY STAGGER, or OVER (a sliding window)" },
    { name: "an aggregate in WHERE", pump: `SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE MAX(price) > 1`, needle: "MAX(price)", reason: "Aggregate expression is illegal in WHERE clause" },
    { name: "a window that does not end at the current row", pump: `SELECT STREAM ticker_symbol, AVG(price) OVER (ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) FROM "SOURCE_SQL_STREAM_001"`, needle: "1 FOLLOWING", reason: "Offset windows are not supported: a window must end at CURRENT ROW" },
    { name: "an infinite window", pump: `SELECT STREAM ticker_symbol, AVG(price) OVER (ROWS UNBOUNDED PRECEDING) FROM "SOURCE_SQL_STREAM_001"`, needle: "UNBOUNDED PRECEDING", reason: "Infinite windows (UNBOUNDED PRECEDING) are not supported; give the window a size" },
    { name: "ORDER BY without a ROWTIME-based leading key", pump: `SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" ORDER BY price`, needle: "price", length: 5, reason: "Streaming ORDER BY must start with a monotonic expression based on ROWTIME, such as ROWTIME or FLOOR(ROWTIME TO SECOND)" },
    { name: "a type mismatch in an operator", pump: `SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector + 1 > 2`, needle: "sector + 1", reason: "Cannot apply '+' to arguments of type '<VARCHAR(16)> + <INTEGER>'. Supported form(s): '<NUMERIC> + <NUMERIC>', '<DATETIME> + <INTERVAL>'" },
    { name: "an unknown function", pump: `SELECT STREAM ticker_symbol, SHOUT(sector) FROM "SOURCE_SQL_STREAM_001"`, needle: "SHOUT(sector)", reason: "No match found for function signature SHOUT(<CHARACTER>)" },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const pump = `CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"\n  ${c.pump};`;
      const code = STREAM + pump;
      // The needle's last occurrence in the pump (so "price" is not found in the stream's definition).
      const offset = STREAM.length + pump.lastIndexOf(c.needle);
      const before = code.slice(0, offset).split("\n");
      const line = before.length;
      const column = (before[before.length - 1]?.length ?? 0) + 1;
      const end = column + (c.length ?? c.needle.length) - 1;
      const e = refusal(code);
      expect(e).toBeInstanceOf(SqlValidationError);
      expect(e.message).toBe(`From line ${line}, column ${column} to line ${line}, column ${end}: ${c.reason}`);
    });
  }

  it("refuses an INSERT whose column count does not match the target", () => {
    const code = `${STREAM}CREATE PUMP P AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001";`;
    expect(refusal(code).reason).toBe("Number of INSERT target columns (2) does not equal number of source items (1)");
  });

  it("refuses storing a timestamp in a numeric column", () => {
    const code = `CREATE STREAM D (t VARCHAR(4), at INTEGER);\nCREATE PUMP P AS INSERT INTO D SELECT STREAM ticker_symbol, ROWTIME AS "when" FROM "SOURCE_SQL_STREAM_001";`;
    expect(refusal(code).reason).toBe("Cannot assign to target field 'AT' of type INTEGER from source field 'when' of type TIMESTAMP");
  });

  it("refuses writing into the input stream and pumps that feed themselves", () => {
    expect(refusal(`CREATE PUMP P AS INSERT INTO "SOURCE_SQL_STREAM_001" SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";`).reason).toBe(
      "Cannot insert into input stream 'SOURCE_SQL_STREAM_001'; its rows come from the application's input",
    );
    const loop = `CREATE STREAM A (x VARCHAR(4)); CREATE STREAM B (x VARCHAR(4));
CREATE PUMP P1 AS INSERT INTO A SELECT STREAM x FROM B;
CREATE PUMP P2 AS INSERT INTO B SELECT STREAM x FROM A;`;
    const e = refusal(loop);
    expect(e.reason).toMatch(/^Pump 'P[12]' reads stream '[AB]', which it feeds itself/);
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  it("refuses a stream defined twice without OR REPLACE", () => {
    const code = `CREATE STREAM D (a INTEGER);\nCREATE STREAM D (b INTEGER);`;
    expect(refusal(code).message).toBe("From line 2, column 15 to line 2, column 15: Stream 'D' already exists");
  });
});
