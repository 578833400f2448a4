/** Column types as an input schema's RecordColumn.SqlType writes them, read by the engine's type grammar. */
import { describe, expect, it } from "vitest";
import { parseColumnType, SqlError, typeToString } from "../../../src/analytics/sql";

describe("column types", () => {
  it("reads AWS's SQL types and their synonyms", () => {
    const cases: [string, string][] = [
      ["VARCHAR(4)", "VARCHAR(4)"],
      ["varchar(16)", "VARCHAR(16)"],
      ["CHARACTER VARYING(8)", "VARCHAR(8)"],
      ["CHAR(3)", "CHAR(3)"],
      ["INT", "INTEGER"],
      ["TINYINT", "TINYINT"],
      ["DECIMAL(5,2)", "DECIMAL(5, 2)"],
      ["NUMERIC(10)", "DECIMAL(10, 0)"],
      ["FLOAT", "DOUBLE"],
      ["DOUBLE PRECISION", "DOUBLE"],
      ["REAL", "REAL"],
      ["TIMESTAMP", "TIMESTAMP"],
      ["TIMESTAMP(3)", "TIMESTAMP"],
      ["BOOLEAN", "BOOLEAN"],
      ["VARBINARY(8)", "VARBINARY(8)"],
    ];
    expect(cases.map(([text]) => typeToString(parseColumnType(text)))).toEqual(cases.map(([, expected]) => expected));
  });

  it("refuses what is not a type, saying where", () => {
    expect(() => parseColumnType("STRING")).toThrow("From line 1, column 1 to line 1, column 6: Unknown datatype name 'STRING'");
    expect(() => parseColumnType("VARCHAR(0)")).toThrow(SqlError);
    expect(() => parseColumnType("DECIMAL(5,2) x")).toThrow(`Encountered "x" at line 1, column 14.`);
  });
});
