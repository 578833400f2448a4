/**
 * The pieces of record format conversion and Iceberg delivery that are pure functions: Hive type
 * texts, JSON documents of a record, the deserializers' conversions and timestamps, and Avro object
 * container files (the end-to-end test has icebird, an independent reader, read the manifests).
 */
import { describe, expect, it } from "vitest";
import { parseHiveType, hiveTypeText } from "../../../src/firehose/columnar/hive-types";
import { jsonDocuments, JsonParseError } from "../../../src/firehose/columnar/json-documents";
import { MalformedDataError, toRow, type Deserializer } from "../../../src/firehose/columnar/deserialize";
import { hiveTimestamp, openXTimestamp } from "../../../src/firehose/columnar/timestamps";
import { readAvroFile, writeAvroFile } from "../../../src/firehose/iceberg/avro";
import { MANIFEST_FILE_SCHEMA } from "../../../src/firehose/iceberg/spec";

const openX: Deserializer = { kind: "openx", options: {} };
const hive: Deserializer = { kind: "hive", options: {} };
const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe("Hive types", () => {
  it("parses Glue's type texts, nested ones too, and writes them back", () => {
    for (const text of ["int", "decimal(10,2)", "varchar(20)", "array<string>", "map<string,bigint>", "struct<a:int,b:array<struct<c:double>>>"]) {
      expect(hiveTypeText(parseHiveType(text))).toBe(text);
    }
    expect(parseHiveType("DECIMAL")).toEqual({ kind: "primitive", name: "decimal", precision: 10, scale: 0 });
    expect(() => parseHiveType("uniontype<int,string>")).toThrow(/Unsupported column type/);
    expect(() => parseHiveType("array<int")).toThrow(/Unsupported column type/);
  });
});

describe("JSON documents of a record", () => {
  it("reads one or several concatenated objects, and refuses arrays and text", () => {
    expect(jsonDocuments('{"a":1}')).toHaveLength(1);
    expect(jsonDocuments('{"a":"}{"}\n{"a":2} {"b":{"c":[1]}}')).toHaveLength(3);
    expect(() => jsonDocuments('[{"a":1}]')).toThrow(JsonParseError);
    expect(() => jsonDocuments("not json")).toThrow(JsonParseError);
    expect(() => jsonDocuments('{"a":1')).toThrow(JsonParseError);
  });
});

describe("deserializers", () => {
  const columns = [
    { name: "n", type: parseHiveType("int") },
    { name: "big", type: parseHiveType("bigint") },
    { name: "s", type: parseHiveType("string") },
    { name: "d", type: parseHiveType("decimal(5,2)") },
  ];
  const row = (json: string, deserializer: Deserializer = openX) => toRow(jsonDocuments(json)[0] ?? {}, columns, deserializer);

  it("OpenX is lenient: numbers from strings, nested JSON into strings, keys of any case", () => {
    expect(row('{"N":"7","BIG":"9007199254740993","s":{"x":[1,2]},"d":"1.005"}')).toEqual([7, 9007199254740993n, '{"x":[1,2]}', 101n]);
    expect(row("{}")).toEqual([null, null, null, null]);
  });

  it("Hive refuses a numeric string in a numeric column and nested JSON in a string column", () => {
    expect(() => row('{"n":"7"}', hive)).toThrow(MalformedDataError);
    expect(() => row('{"s":{"x":1}}', hive)).toThrow(MalformedDataError);
    expect(row('{"n":7,"s":"x"}', hive)).toEqual([7, null, "x", null]);
  });

  it("refuses values that do not fit their column", () => {
    expect(() => row('{"n":1.5}')).toThrow(/not an integer/);
    expect(() => row('{"n":2147483648}')).toThrow(/range of int/);
    expect(() => row('{"d":1000}')).toThrow(/within decimal\(5,2\)/);
  });

  it("OpenX's mappings and dots", () => {
    const mapped: Deserializer = { kind: "openx", options: { ColumnToJsonKeyMappings: { s: "timestamp" }, ConvertDotsInJsonKeysToUnderscores: true } };
    const dotted = [{ name: "a_b", type: parseHiveType("string") }, { name: "s", type: parseHiveType("string") }];
    expect(toRow(jsonDocuments('{"a.b":"x","timestamp":"t"}')[0] ?? {}, dotted, mapped)).toEqual(["x", "t"]);
  });
});

describe("timestamps", () => {
  it("OpenX reads its documented formats", () => {
    expect(openXTimestamp("2017-02-07T15:13:01.39256Z", "")).toBe(micros("2017-02-07T15:13:01.392Z") + 560n);
    expect(openXTimestamp("2017-2-7 15:13:01.14", "")).toBe(micros("2017-02-07T15:13:01.140Z"));
    expect(openXTimestamp(1518033528, "1518033528")).toBe(micros("2018-02-07T19:58:48Z"));
    expect(openXTimestamp(1518033528123, "1518033528123")).toBe(micros("2018-02-07T19:58:48.123Z"));
    expect(openXTimestamp(1518033528.5, "1518033528.5")).toBe(micros("2018-02-07T19:58:48.500Z"));
    expect(openXTimestamp("yesterday", "")).toBeUndefined();
  });

  it("Hive reads Timestamp.valueOf's format, or its TimestampFormats in order", () => {
    expect(hiveTimestamp("2017-02-07 15:13:01", "", undefined)).toBe(micros("2017-02-07T15:13:01Z"));
    expect(hiveTimestamp("2017-02-07T15:13:01Z", "", undefined)).toBeUndefined();
    const formats = ["dd/MMM/yyyy:HH:mm:ss Z", "millis"];
    expect(hiveTimestamp("07/Feb/2017:15:13:01 +0100", "", formats)).toBe(micros("2017-02-07T14:13:01Z"));
    expect(hiveTimestamp(1518033528123, "1518033528123", formats)).toBe(micros("2018-02-07T19:58:48.123Z"));
  });
});

describe("Avro object container files", () => {
  it("round-trips a manifest list, with the schema and metadata in the header", () => {
    const record = {
      manifest_path: "s3://b/t/metadata/m.avro",
      manifest_length: 123n,
      partition_spec_id: 0,
      content: 0,
      sequence_number: 2n,
      min_sequence_number: 2n,
      added_snapshot_id: 4_503_599_627_370_497n,
      added_files_count: 1,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: 10n,
      existing_rows_count: 0n,
      deleted_rows_count: 0n,
      partitions: [],
      key_metadata: null,
    };
    const file = writeAvroFile(MANIFEST_FILE_SCHEMA, [record, { ...record, content: 1, partitions: null }], { "format-version": "2" }, new Uint8Array(16).fill(7));
    const read = readAvroFile(file);
    expect(read.metadata["format-version"]).toBe("2");
    expect(JSON.parse(read.metadata["avro.schema"] ?? "")).toEqual(MANIFEST_FILE_SCHEMA);
    expect(read.records).toEqual([record, { ...record, content: 1, partitions: null }]);
  });
});
