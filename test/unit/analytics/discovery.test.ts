/**
 * Schema discovery's inference and column names, against what AWS's documentation shows:
 * sch-dis-ref.md's CSV file and its answer, sch-dis.md's naming examples, and the types the guide
 * says discovery gives (TINYINT heart rates, VARCHAR lengths, DECIMAL prices).
 */
import { describe, expect, it } from "vitest";
import { inferSchema, NoSchema } from "../../../src/analytics/discovery/infer";
import { columnName } from "../../../src/analytics/discovery/names";

describe("CSV", () => {
  it("answers sch-dis-ref.md's example as AWS answered it", () => {
    const file = [
      "year,month,state,producer_type,energy_source,units,consumption",
      "2001,1,AK,TotalElectricPowerIndustry,Coal,ShortTons,47615",
      "2001,1,AK,ElectricGeneratorsElectricUtilities,Coal,ShortTons,16535",
      "2001,1,AK,CombinedHeatandPowerElectricPower,Coal,ShortTons,22890",
      "2001,1,AL,TotalElectricPowerIndustry,Coal,ShortTons,3020601",
      "2001,1,AL,ElectricGeneratorsElectricUtilities,Coal,ShortTons,2987681",
    ].join("\r\n");
    const { schema, parsed } = inferSchema([file]);
    expect(schema).toEqual({
      RecordFormat: { RecordFormatType: "CSV", MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: "\r\n", RecordColumnDelimiter: "," } } },
      RecordEncoding: "UTF-8",
      RecordColumns: [
        { SqlType: "INTEGER", Name: "COL_year" },
        { SqlType: "INTEGER", Name: "COL_month" },
        { SqlType: "VARCHAR(4)", Name: "state" },
        { SqlType: "VARCHAR(64)", Name: "producer_type" },
        { SqlType: "VARCHAR(4)", Name: "energy_source" },
        { SqlType: "VARCHAR(16)", Name: "units" },
        { SqlType: "INTEGER", Name: "consumption" },
      ],
    });
    expect(parsed).toHaveLength(6);
    expect(parsed[0]).toEqual([null, null, "state", "producer_type", "energy_source", "units", null]);
    expect(parsed[1]).toEqual(["2001", "1", "AK", "TotalElectricPowerIndustry", "Coal", "ShortTons", "47615"]);
  });

  it("names columns COL_0... without a header, and finds other delimiters", () => {
    const { schema } = inferSchema(["AMZN|TECHNOLOGY|12.5\n", "XYZ|ENERGY|-3.25\n"]);
    expect(schema.RecordFormat.MappingParameters?.CSVMappingParameters).toEqual({ RecordRowDelimiter: "\n", RecordColumnDelimiter: "|" });
    expect(schema.RecordColumns).toEqual([
      { Name: "COL_0", SqlType: "VARCHAR(4)" },
      { Name: "COL_1", SqlType: "VARCHAR(16)" },
      { Name: "COL_2", SqlType: "DOUBLE" },
    ]);
  });
});

describe("JSON", () => {
  it("maps each value by JSONPath with the smallest type that holds what was seen", () => {
    const records = [
      { TICKER_SYMBOL: "QXZ", SECTOR: "HEALTHCARE", CHANGE: -5, PRICE: 84.51, heartRate: 60, big: 3_000_000_000, ok: true },
      { TICKER_SYMBOL: "AMZN", SECTOR: "TECHNOLOGY", CHANGE: 3, PRICE: 120.1, heartRate: 95, big: 1, ok: false },
    ].map((record) => JSON.stringify(record));
    const { schema, parsed } = inferSchema(records);
    expect(schema.RecordFormat).toEqual({ RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } });
    expect(schema.RecordColumns).toEqual([
      { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
      { Name: "SECTOR", Mapping: "$.SECTOR", SqlType: "VARCHAR(16)" },
      { Name: "CHANGE", Mapping: "$.CHANGE", SqlType: "TINYINT" },
      { Name: "PRICE", Mapping: "$.PRICE", SqlType: "DECIMAL(5,2)" },
      { Name: "heartRate", Mapping: "$.heartRate", SqlType: "TINYINT" },
      { Name: "big", Mapping: "$.big", SqlType: "BIGINT" },
      { Name: "ok", Mapping: "$.ok", SqlType: "BOOLEAN" },
    ]);
    expect(parsed[0]).toEqual(["QXZ", "HEALTHCARE", "-5", "84.51", "60", "3000000000", "true"]);
  });

  it("flattens nested objects, keeps arrays as text, and reads JSON lines", () => {
    const { schema, parsed } = inferSchema(['{"user": {"id": 7, "tags": ["a", "b"]}}\n{"user": {"id": 300, "name": "x"}}\n']);
    expect(schema.RecordColumns).toEqual([
      { Name: "id", Mapping: "$.user.id", SqlType: "SMALLINT" },
      { Name: "tags", Mapping: "$.user.tags", SqlType: "VARCHAR(16)" },
      { Name: "name", Mapping: "$.user.name", SqlType: "VARCHAR(4)" },
    ]);
    expect(parsed).toEqual([
      ["7", '["a","b"]', null],
      ["300", null, "x"],
    ]);
  });
});

describe("no schema", () => {
  it("finds none in text without a pattern, or without records", () => {
    expect(() => inferSchema(["just some words", "and more words here"])).toThrow(NoSchema);
    expect(() => inferSchema([])).toThrow(NoSchema);
  });
});

describe("column names", () => {
  it("renames as sch-dis.md's examples show", () => {
    expect(columnName("USER", 0, new Set())).toBe("COL_USER");
    expect(columnName("USER@DOMAIN", 1, new Set())).toBe("COL_USERDOMAIN");
    expect(columnName("@@", 0, new Set())).toBe("COL_0");
    expect(columnName("1st", 0, new Set())).toBe("COL_1st");
    expect(columnName("price", 0, new Set())).toBe("price");
    expect(columnName("x".repeat(101), 0, new Set())).toBe(`COL_${"x".repeat(100)}`);
  });

  it("keeps names unique", () => {
    const taken = new Set<string>();
    expect([columnName("a", 0, taken), columnName("a", 1, taken)]).toEqual(["a", "a_2"]);
  });
});
