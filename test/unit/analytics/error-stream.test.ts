/**
 * Rows that cannot be processed go to error_stream, in AWS's schema (ERROR_TIME, ERROR_LEVEL, ERROR_NAME,
 * MESSAGE, DATA_ROWTIME, DATA_ROW hex-encoded, PUMP_NAME), and the application keeps running. Input
 * values follow AWS's JSON-to-SQL coercion rules.
 */
import { describe, expect, it } from "vitest";
import { ERROR_STREAM_COLUMNS, SqlTypes, type ApplicationSchema } from "../../../src/analytics/sql";
import { run, SOURCE, T0 } from "./helpers";

const hex = (text: string): string => [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
const PASS = `CREATE STREAM D (t VARCHAR(4), p DOUBLE);
  CREATE PUMP "STREAM_PUMP" AS INSERT INTO D SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001;`;

describe("error_stream", () => {
  it("has AWS's columns", () => {
    expect(ERROR_STREAM_COLUMNS.map((c) => c.name)).toEqual(["ERROR_TIME", "ERROR_LEVEL", "ERROR_NAME", "MESSAGE", "DATA_ROWTIME", "DATA_ROW", "PUMP_NAME"]);
  });

  it("takes a record whose value cannot be coerced, with the record hex-encoded, and lets the others through", () => {
    const app = run(PASS);
    const record = '{"TICKER_SYMBOL":"AMZN","SECTOR":"RETAIL","CHANGE":1,"PRICE":"cheap"}';
    app.insert([
      { rowtime: T0, values: ["AMZN", "RETAIL", 1, "cheap"], data: record },
      { rowtime: T0 + 1, values: ["MSFT", "TECHNOLOGY", 1, "12.5"] },
    ]);
    expect(app.values("D")).toEqual([["MSFT", 12.5]]);
    expect(app.rows("error_stream")).toEqual([
      { rowtime: T0, values: [T0, "ERROR", "Coercion error", "Cannot convert 'cheap' to REAL", T0, hex(record), null] },
    ]);
  });

  it("takes the rows of a pump that divides by zero (the guide's example), naming the pump", () => {
    const app = run(`CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, ProblemColumn REAL);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM ticker_symbol, sector, change, (price / 0) as ProblemColumn
      FROM "SOURCE_SQL_STREAM_001"
      WHERE sector SIMILAR TO '%TECH%';`);
    app.insert([
      { rowtime: T0, values: ["MSFT", "TECHNOLOGY", 1, 20] },
      { rowtime: T0 + 5, values: ["AMZN", "RETAIL", 1, 20] },
    ]);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([]);
    const errors = app.values("error_stream");
    expect(errors).toEqual([
      [T0, "ERROR", "Division by zero", "Division by zero", T0, hex(JSON.stringify({ TICKER_SYMBOL: "MSFT", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: 20, APPROXIMATE_ARRIVAL_TIME: null })), "STREAM_PUMP"],
    ]);
  });

  it("takes rows that arrive out of ROWTIME order", () => {
    const app = run(PASS);
    app.insert([{ rowtime: T0 + 10, values: ["AMZN", "RETAIL", 1, 2] }]);
    app.insert([{ rowtime: T0 + 5, values: ["MSFT", "TECHNOLOGY", 1, 3], data: "late" }]);
    expect(app.values("D")).toEqual([["AMZN", 2]]);
    expect(app.values("error_stream")).toEqual([[T0 + 10, "ERROR", "Rows out of order", `Row with ROWTIME ${T0 + 5} arrived after time ${T0 + 10}`, T0 + 5, hex("late"), null]]);
  });

  it("takes values that do not fit the target column's type or NOT NULL", () => {
    const app = run(`CREATE STREAM D (t VARCHAR(4) NOT NULL, small TINYINT);
      CREATE PUMP P AS INSERT INTO D SELECT STREAM ticker_symbol, CAST(price AS INTEGER) FROM SOURCE_SQL_STREAM_001;`);
    app.insert([
      { rowtime: T0, values: ["AMZN", "RETAIL", 1, 100] },
      { rowtime: T0 + 1, values: ["AMZN", "RETAIL", 1, 300] },
      { rowtime: T0 + 2, values: [null, "RETAIL", 1, 1] },
    ]);
    expect(app.values("D")).toEqual([["AMZN", 100]]);
    expect(app.values("error_stream").map((r) => [r[2], r[3], r[6]])).toEqual([
      ["Out of range", "Value 300 is out of range for TINYINT", "P"],
      ["Not null violation", "Column 'T' does not allow NULL", "P"],
    ]);
  });

  it("converts JSON values by AWS's rules", () => {
    const schema: ApplicationSchema = {
      inputs: [
        {
          name: SOURCE,
          columns: [
            { name: "I", type: SqlTypes.integer },
            { name: "B", type: SqlTypes.boolean },
            { name: "V", type: SqlTypes.varchar(32) },
            { name: "T", type: SqlTypes.timestamp },
            { name: "D", type: SqlTypes.decimal(5, 2) },
          ],
        },
      ],
    };
    const app = run(`CREATE STREAM O (i INTEGER, b BOOLEAN, v VARCHAR(32), t TIMESTAMP, d DECIMAL(5,2));
      CREATE PUMP P AS INSERT INTO O SELECT STREAM * FROM SOURCE_SQL_STREAM_001;`, { schema });
    app.insert([
      { rowtime: T0, values: [true, "TRUE", 12, "1992-02-14 18:35:44.0", "3.14159"] },
      { rowtime: T0 + 1, values: ["42", "yes", { a: [1, 2] }, "1992-02-14", 1.005] },
      { rowtime: T0 + 2, values: [123.4, false, true, null, 2] },
    ]);
    expect(app.values("O")).toEqual([
      [1, true, "12", Date.UTC(1992, 1, 14, 18, 35, 44), 3.14],
      [42, false, '{"a":[1,2]}', Date.UTC(1992, 1, 14), 1.01],
    ]);
    // 123.4 does not fit an INTEGER column: a coercion error, as AWS's guide says.
    expect(app.values("error_stream").map((r) => r[3])).toEqual(["Cannot convert 123.4 to INTEGER"]);
  });
});
