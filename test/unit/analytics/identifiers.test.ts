/** AWS's identifier rules: unquoted names fold to upper case, quoted names keep their case exactly. */
import { describe, expect, it } from "vitest";
import { compileApplication, SqlTypes, type ApplicationSchema } from "../../../src/analytics/sql";
import { run, SOURCE, T0, TICKER_SCHEMA } from "./helpers";

describe("identifiers", () => {
  it("finds a stream created unquoted by any unquoted spelling, and not by a quoted lower-case one (the SQL Reference's example)", () => {
    const create = `CREATE OR REPLACE STREAM ExampleStream (col1 VARCHAR(4));\n`;
    for (const name of ["ExampleStream", "examplestream", "EXAMPLESTREAM", `"EXAMPLESTREAM"`]) {
      expect(() => compileApplication(`${create}CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO ${name} SELECT ticker_symbol FROM SOURCE_SQL_STREAM_001;`, TICKER_SCHEMA), name).not.toThrow();
    }
    const code = `${create}CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "examplestream" SELECT ticker_symbol FROM SOURCE_SQL_STREAM_001;`;
    const column = code.split("\n")[1]?.indexOf('"examplestream"') ?? -1;
    expect(() => compileApplication(code, TICKER_SCHEMA)).toThrow(`From line 2, column ${column + 1} to line 2, column ${column + 15}: Object 'examplestream' not found`);
  });

  it("names the stream's columns in upper case unless they were quoted", () => {
    const app = compileApplication(`CREATE STREAM "Mixed" (ticker VARCHAR(4), "Company" VARCHAR(20), Price_Now DOUBLE);`, TICKER_SCHEMA);
    expect(app.streams.find((s) => s.name === "Mixed")?.columns.map((c) => c.name)).toEqual(["TICKER", "Company", "PRICE_NOW"]);
  });

  it("needs input columns written as configured: a camel-case column must be quoted", () => {
    const schema: ApplicationSchema = { inputs: [{ name: SOURCE, columns: [{ name: "heartRate", type: SqlTypes.integer }] }] };
    const target = `CREATE STREAM D (rate INTEGER);\n`;
    expect(() => compileApplication(`${target}CREATE PUMP P AS INSERT INTO D SELECT STREAM heartRate FROM SOURCE_SQL_STREAM_001;`, schema)).toThrow("Column 'HEARTRATE' not found in any table");
    const app = run(`${target}CREATE PUMP P AS INSERT INTO D SELECT STREAM "heartRate" FROM SOURCE_SQL_STREAM_001;`, { schema });
    app.insert([{ rowtime: T0, values: [72] }]);
    expect(app.values("D")).toEqual([[72]]);
  });

  it("accepts any character in a quoted name, a doubled quote standing for one", () => {
    const app = run(`CREATE STREAM "odd ""names"" here" ("the price, in $" DOUBLE);
      CREATE PUMP "pump-1" AS INSERT INTO "odd ""names"" here" SELECT STREAM price * 2 AS "x y" FROM "SOURCE_SQL_STREAM_001";`);
    app.insert([{ rowtime: T0, values: ["AMZN", "RETAIL", 1, 21] }]);
    expect(app.engine.streams.find((s) => s.name === 'odd "names" here')?.columns.map((c) => c.name)).toEqual(["the price, in $"]);
    expect(app.values('odd "names" here')).toEqual([[42]]);
  });

  it("folds aliases too: an inner query's unquoted alias is found by any unquoted spelling outside", () => {
    const app = run(`CREATE STREAM D (p DOUBLE);
      CREATE PUMP P AS INSERT INTO D SELECT STREAM t.Doubled FROM (SELECT STREAM price * 2 AS doubled FROM SOURCE_SQL_STREAM_001) AS T;`);
    app.insert([{ rowtime: T0, values: ["AMZN", "RETAIL", 1, 5] }]);
    expect(app.values("D")).toEqual([[10]]);
  });

  // A select item named ROWTIME is the row's own time, not a column: alias it to store it in one.
  it("qualifies columns by the stream's name, or by its alias when it has one, quoted or not", () => {
    const app = run(`CREATE STREAM D (a VARCHAR(4), b VARCHAR(16), c TIMESTAMP);
      CREATE PUMP P1 AS INSERT INTO D
        SELECT STREAM "SOURCE_SQL_STREAM_001".ticker_symbol, SOURCE_SQL_STREAM_001."SECTOR", "SOURCE_SQL_STREAM_001".ROWTIME AS c FROM SOURCE_SQL_STREAM_001;
      CREATE PUMP P2 AS INSERT INTO D
        SELECT STREAM s.ticker_symbol, "S"."SECTOR", S.ROWTIME AS c FROM SOURCE_SQL_STREAM_001 AS s;`);
    app.insert([{ rowtime: T0 + 7, values: ["AMZN", "RETAIL", 1, 5] }]);
    expect(app.values("D")).toEqual([
      ["AMZN", "RETAIL", T0 + 7],
      ["AMZN", "RETAIL", T0 + 7],
    ]);
    const aliased = (column: string): string => `CREATE STREAM D (b VARCHAR(16));
      CREATE PUMP P AS INSERT INTO D SELECT STREAM ${column} FROM SOURCE_SQL_STREAM_001 AS s;`;
    expect(() => compileApplication(aliased(`"s".sector`), TICKER_SCHEMA)).toThrow("Table 's' not found");
    expect(() => compileApplication(aliased(`SOURCE_SQL_STREAM_001.sector`), TICKER_SCHEMA)).toThrow("Table 'SOURCE_SQL_STREAM_001' not found");
  });
});
