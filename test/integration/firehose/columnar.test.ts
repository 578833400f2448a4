/**
 * Record format conversion (DataFormatConversionConfiguration): JSON records delivered as Parquet,
 * read back with hyparquet (an independent reader), and as ORC, read back with a reader written
 * from the ORC specification (orc-reader.ts); schemas from R2 schema files and D1 tables; records
 * that do not fit in the error output as AWS writes them; AWS's checks at CreateDeliveryStream.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { gunzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  describe as describeStream,
  env,
  expectFailure,
  jqPartitioning,
  objectNamePattern,
  objects,
  putBatch,
  ROLE_ARN,
  runBufferAlarm,
  s3Destination,
  uniqueName,
  type TestDeliveryStream,
} from "./helpers";
import { orcTypeName, readOrc } from "./orc-reader";

const SCHEMAS = "s3://rivulet-deliveries/schemas";

/** A Glue GetTable answer, stored as the schema file of `table`. */
async function putSchemaFile(table: string, columns: [string, string][]): Promise<void> {
  const body = { Table: { Name: table, StorageDescriptor: { Columns: columns.map(([Name, Type]) => ({ Name, Type })) } } };
  await env.RIVULET_DELIVERIES.put(`schemas/${table}.json`, JSON.stringify(body));
}

function conversion(database: string, table: string, output: Record<string, unknown>, input: Record<string, unknown> = { OpenXJsonSerDe: {} }): Record<string, unknown> {
  return {
    SchemaConfiguration: { RoleARN: ROLE_ARN, DatabaseName: database, TableName: table },
    InputFormatConfiguration: { Deserializer: input },
    OutputFormatConfiguration: { Serializer: output },
  };
}

async function flush(stream: TestDeliveryStream): Promise<void> {
  clock.advance(60_000);
  await runBufferAlarm(stream);
  await deliverAll(stream);
}

async function streamObjects(stream: TestDeliveryStream, prefix: string) {
  return (await objects(prefix)).filter((object) => object.key.includes(`${stream.name}-`));
}

interface ErrorLine {
  attemptsMade: number;
  arrivalTimestamp: number;
  lastErrorCode: string;
  lastErrorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
  dataCatalogTable: Record<string, string>;
}

async function errorLines(stream: TestDeliveryStream, prefix: string): Promise<ErrorLine[]> {
  return (await streamObjects(stream, prefix)).flatMap((object) =>
    decode(object.body)
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as ErrorLine),
  );
}

const fromBase64 = (text: string) => decode(Uint8Array.fromBase64(text));

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("CreateDeliveryStream with DataFormatConversionConfiguration", () => {
  const base = () => conversion(SCHEMAS, "clicks", { ParquetSerDe: {} });

  it("checks what AWS checks, in AWS's order and words", async () => {
    const create = (overrides: Record<string, unknown>) => ({
      DeliveryStreamName: uniqueName("conv"),
      ExtendedS3DestinationConfiguration: s3Destination({ BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 }, DataFormatConversionConfiguration: base(), ...overrides }),
    });
    await expectFailure(
      "CreateDeliveryStream",
      create({ CompressionFormat: "GZIP", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } }),
      "InvalidArgumentException",
      /^The S3 destination's compression format must be set to UNCOMPRESSED when data format conversion is enabled\./,
    );
    await expectFailure(
      "CreateDeliveryStream",
      create({ BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } }),
      "InvalidArgumentException",
      "BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled.",
    );
    const { SchemaConfiguration, ...noSchema } = base();
    expect(SchemaConfiguration).toBeDefined();
    await expectFailure("CreateDeliveryStream", create({ DataFormatConversionConfiguration: noSchema }), "InvalidArgumentException", "SchemaConfiguration must not be null");
    await expectFailure(
      "CreateDeliveryStream",
      create({ DataFormatConversionConfiguration: conversion(SCHEMAS, "clicks", { ParquetSerDe: {}, OrcSerDe: {} }) }),
      "InvalidArgumentException",
      "More than one serializer specified. Only one may be chosen.",
    );
    await expectFailure(
      "CreateDeliveryStream",
      create({ DataFormatConversionConfiguration: conversion(SCHEMAS, "clicks", { ParquetSerDe: {} }, {}) }),
      "InvalidArgumentException",
      "Deserializer must not be null",
    );
    await expectFailure(
      "CreateDeliveryStream",
      create({ DataFormatConversionConfiguration: conversion("no-such-database", "clicks", { ParquetSerDe: {} }) }),
      "InvalidArgumentException",
      /names neither a D1 database bound to this Worker nor a bucket/,
    );
    // The model's own bounds come first, as validation errors.
    await expectFailure(
      "CreateDeliveryStream",
      create({ DataFormatConversionConfiguration: conversion(SCHEMAS, "clicks", { ParquetSerDe: { PageSizeBytes: 1024 } }) }),
      "ValidationException",
      /Member must have value greater than or equal to 65536/,
    );
  });

  it("defaults SizeInMBs to 128 with conversion on, and a disabled conversion is kept and not checked", async () => {
    const stream = await createDeliveryStream({ DataFormatConversionConfiguration: base() });
    const description = (await describeStream(stream.name)).Destinations[0]?.ExtendedS3DestinationDescription;
    expect(description?.BufferingHints).toEqual({ SizeInMBs: 128, IntervalInSeconds: 300 });
    expect(description?.DataFormatConversionConfiguration).toEqual(base());
    const disabled = await createDeliveryStream({ CompressionFormat: "GZIP", DataFormatConversionConfiguration: { ...base(), Enabled: false } });
    const disabledDescription = (await describeStream(disabled.name)).Destinations[0]?.ExtendedS3DestinationDescription;
    expect(disabledDescription?.BufferingHints?.SizeInMBs).toBe(5);
  });
});

describe("Parquet", () => {
  it("delivers the records as a Parquet file with the schema's types, and what does not fit to the error output", async () => {
    const table = uniqueName("clicks");
    await putSchemaFile(table, [
      ["user_id", "string"],
      ["clicks", "int"],
      ["total", "bigint"],
      ["price", "double"],
      ["active", "boolean"],
      ["ts", "timestamp"],
      ["day", "date"],
      ["amount", "decimal(10,2)"],
      ["tags", "array<string>"],
      ["attrs", "map<string,int>"],
      ["geo", "struct<lat:double,lon:double>"],
    ]);
    const prefix = `${uniqueName("pq")}/`;
    const stream = await createDeliveryStream({
      Prefix: prefix,
      ErrorOutputPrefix: `${prefix}errors/!{firehose:error-output-type}/`,
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      DataFormatConversionConfiguration: conversion(SCHEMAS, table, { ParquetSerDe: {} }),
    });
    const good = [
      { USER_ID: "u-1", clicks: 3, total: 1234, price: 1.5, active: true, ts: "2026-12-01T10:00:00.123456Z", day: "2026-12-01", amount: 12.34, tags: ["a", "b"], attrs: { x: 1 }, geo: { lat: 1.25, lon: -2.5 }, ignored: "x" },
      // OpenX's leniency: numbers and booleans from strings, epoch milliseconds as a timestamp.
      { user_id: "u-2", clicks: "7", total: "10", price: "2.25", active: "false", ts: 1764583200000 },
    ];
    const concatenated = `${JSON.stringify({ user_id: "u-3", clicks: 1 })}${JSON.stringify({ user_id: "u-4", clicks: 2 })}`;
    const bad = [JSON.stringify({ user_id: "u-5", price: "oops" }), "this is not json", JSON.stringify({ user_id: "u-6", clicks: 1.5 }), JSON.stringify([{ user_id: "u-7" }])];
    // 2^53 + 1: a bigint column keeps every digit of the JSON number.
    const goodText = good.map((record) => JSON.stringify(record).replace('"total":1234', '"total":9007199254740993'));
    await putBatch(stream, [...goodText, concatenated, ...bad]);
    await flush(stream);

    const data = await streamObjects(stream, prefix);
    const files = data.filter((object) => !object.key.startsWith(`${prefix}errors/`));
    expect(files).toHaveLength(1);
    const file = files[0];
    if (!file) throw new Error("no Parquet object");
    expect(file.key).toMatch(objectNamePattern(stream.name, "1", ".parquet"));
    expect(decode(file.body.subarray(0, 4))).toBe("PAR1");
    const buffer = file.body.slice().buffer;
    const metadata = parquetMetadata(buffer);
    expect(metadata.row_groups[0]?.columns[0]?.meta_data?.codec).toBe("SNAPPY");
    const schema = parquetSchema(metadata);
    expect(schema.children.map((child) => child.element.name)).toEqual(["user_id", "clicks", "total", "price", "active", "ts", "day", "amount", "tags", "attrs", "geo"]);
    expect(schema.children.find((child) => child.element.name === "total")?.element.type).toBe("INT64");
    expect(schema.children.find((child) => child.element.name === "amount")?.element.converted_type).toBe("DECIMAL");
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      user_id: "u-1",
      clicks: 3,
      total: 9007199254740993n,
      price: 1.5,
      active: true,
      ts: new Date("2026-12-01T10:00:00.123Z"),
      day: new Date("2026-12-01T00:00:00Z"),
      amount: 12.34,
      tags: ["a", "b"],
      attrs: { x: 1 },
      geo: { lat: 1.25, lon: -2.5 },
    });
    // Missing members are nulls (hyparquet reads a null LIST as undefined).
    expect(rows[1]).toMatchObject({ user_id: "u-2", clicks: 7, total: 10n, price: 2.25, active: false, ts: new Date(1764583200000), day: null, tags: undefined });
    expect(rows.slice(2).map((row) => [row.user_id, row.clicks])).toEqual([
      ["u-3", 1],
      ["u-4", 2],
    ]);

    const errors = await errorLines(stream, `${prefix}errors/format-conversion-failed/`);
    expect(errors.map((line) => [fromBase64(line.rawData), line.lastErrorCode])).toEqual([
      [bad[0], "DataFormatConversion.MalformedData"],
      ["this is not json", "DataFormatConversion.ParseError"],
      [bad[2], "DataFormatConversion.MalformedData"],
      [bad[3], "DataFormatConversion.ParseError"],
    ]);
    expect(errors[0]).toMatchObject({
      attemptsMade: 1,
      lastErrorMessage: expect.stringContaining("price"),
      dataCatalogTable: { catalogId: "000000000000", databaseName: SCHEMAS, tableName: table, region: "us-east-1", versionId: "LATEST", catalogArn: "arn:aws:glue:us-east-1:000000000000:catalog" },
    });
    // Every record put is in a file or in the error output (the concatenated record gave two rows).
    expect(rows.length - 1 + errors.length).toBe(good.length + 1 + bad.length);
  });

  it("applies ParquetSerDe's compression and dictionary options, and dynamic partitioning", async () => {
    const table = uniqueName("events");
    await putSchemaFile(table, [
      ["k", "string"],
      ["n", "bigint"],
    ]);
    const prefix = `${uniqueName("pqp")}/`;
    const stream = await createDeliveryStream({
      Prefix: `${prefix}k=!{partitionKeyFromQuery:k}/`,
      ErrorOutputPrefix: `${prefix}errors/!{firehose:error-output-type}/`,
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      ...jqPartitioning("{k: .k}"),
      DataFormatConversionConfiguration: conversion(SCHEMAS, table, { ParquetSerDe: { Compression: "GZIP", EnableDictionaryCompression: false, WriterVersion: "V2" } }),
    });
    await putBatch(stream, Array.from({ length: 30 }, (_, i) => JSON.stringify({ k: i % 2 === 0 ? "even" : "odd", n: i })));
    await flush(stream);
    const files = await streamObjects(stream, prefix);
    expect(files.map((file) => /k=(even|odd)\//.exec(file.key)?.[0])).toEqual(["k=even/", "k=odd/"]);
    for (const file of files) {
      const buffer = file.body.slice().buffer;
      const column = parquetMetadata(buffer).row_groups[0]?.columns[0]?.meta_data;
      expect(column?.codec).toBe("GZIP");
      expect(column?.encodings).not.toContain("RLE_DICTIONARY");
      const rows = await parquetReadObjects({ file: buffer, compressors: { GZIP: (input) => gunzipSync(input) } });
      expect(rows).toHaveLength(15);
      expect(new Set(rows.map((row) => row.k))).toEqual(new Set([file.key.includes("k=even/") ? "even" : "odd"]));
    }
  });

  it("fails every record of the batch into the error output when the schema cannot be found", async () => {
    const prefix = `${uniqueName("pqm")}/`;
    const stream = await createDeliveryStream({
      Prefix: prefix,
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      DataFormatConversionConfiguration: conversion(SCHEMAS, uniqueName("missing"), { ParquetSerDe: {} }),
    });
    await putBatch(stream, ['{"a":1}', '{"a":2}']);
    await flush(stream);
    // Without ErrorOutputPrefix: the prefix, then the error output type and the hour.
    const errors = await errorLines(stream, `${prefix}format-conversion-failed/`);
    expect(errors.map((line) => line.lastErrorCode)).toEqual(["DataFormatConversion.EntityNotFound", "DataFormatConversion.EntityNotFound"]);
    expect((await streamObjects(stream, prefix)).filter((object) => object.key.endsWith(".parquet"))).toEqual([]);
  });
});

describe("ORC", () => {
  it("delivers an ORC file with a D1 table's columns, read back with the specification's layout", async () => {
    const table = uniqueName("orders").replace(/-/g, "_");
    await env.RIVULET_ANALYTICS.exec(
      `CREATE TABLE ${table} (order_id VARCHAR(20), qty INTEGER, small SMALLINT, tiny TINYINT, price DOUBLE, ratio FLOAT, paid BOOLEAN, placed_at TIMESTAMP, day DATE, total DECIMAL(12,3), note TEXT, raw BLOB)`,
    );
    const prefix = `${uniqueName("orc")}/`;
    const stream = await createDeliveryStream({
      Prefix: prefix,
      ErrorOutputPrefix: `${prefix}errors/!{firehose:error-output-type}/`,
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      DataFormatConversionConfiguration: conversion("rivulet-analytics", table, { OrcSerDe: { Compression: "ZLIB", FormatVersion: "V0_11" } }, { HiveJsonSerDe: { TimestampFormats: ["yyyy-MM-dd'T'HH:mm:ss.SSSZ", "millis"] } }),
    });
    const records = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        order_id: `o-${i}`,
        qty: i * 1000,
        small: i - 150,
        tiny: (i % 200) - 100,
        price: i / 4,
        ratio: 0.5,
        paid: i % 3 === 0,
        placed_at: i % 2 === 0 ? "2026-12-01T10:00:00.250+0100" : 1764583200000 + i,
        day: "2026-12-01",
        total: i + 0.125,
        note: i % 5 === 0 ? null : `note ${i}`,
        raw: "bytes",
      }),
    );
    // The Hive SerDe refuses a numeric string where OpenX takes it.
    const hiveRefuses = JSON.stringify({ order_id: "o-x", qty: "12" });
    await putBatch(stream, [...records, hiveRefuses]);
    await flush(stream);

    const files = (await streamObjects(stream, prefix)).filter((object) => !object.key.startsWith(`${prefix}errors/`));
    expect(files).toHaveLength(1);
    const file = files[0];
    if (!file) throw new Error("no ORC object");
    expect(file.key).toMatch(objectNamePattern(stream.name, "1", ".orc"));
    const orc = await readOrc(file.body);
    expect(orc.compression).toBe(1);
    expect(orc.version).toEqual([0, 11]);
    expect(orc.rows).toBe(300);
    expect(orc.types[0]?.fieldNames).toEqual(["order_id", "qty", "small", "tiny", "price", "ratio", "paid", "placed_at", "day", "total", "note", "raw"]);
    expect(orc.types.slice(1).map((type) => orcTypeName(type.kind))).toEqual([
      "varchar", "long", "short", "byte", "double", "float", "boolean", "timestamp", "date", "decimal", "string", "binary",
    ]);
    expect(orc.records[0]).toEqual({
      order_id: "o-0",
      qty: 0n,
      small: -150,
      tiny: -100,
      price: 0,
      ratio: 0.5,
      paid: true,
      placed_at: { date: new Date("2026-12-01T09:00:00.250Z"), nanos: 250_000_000 },
      day: Math.floor(Date.UTC(2026, 11, 1) / 86_400_000),
      total: "0.125",
      note: null,
      raw: new TextEncoder().encode("bytes"),
    });
    expect(orc.records[1]).toMatchObject({ order_id: "o-1", qty: 1000n, paid: false, placed_at: { date: new Date(1764583200001) }, note: "note 1", total: "1.125" });
    expect(orc.records.map((record) => record.order_id)).toEqual(records.map((_, i) => `o-${i}`));

    const errors = await errorLines(stream, `${prefix}errors/format-conversion-failed/`);
    expect(errors.map((line) => [fromBase64(line.rawData), line.lastErrorCode])).toEqual([[hiveRefuses, "DataFormatConversion.MalformedData"]]);
    expect(orc.rows + errors.length).toBe(records.length + 1);
  });

  it("writes nested types, SNAPPY and several stripes", async () => {
    const table = uniqueName("nested");
    await putSchemaFile(table, [
      ["id", "int"],
      ["tags", "array<string>"],
      ["attrs", "map<string,bigint>"],
      ["geo", "struct<lat:double,name:string>"],
    ]);
    const prefix = `${uniqueName("orcn")}/`;
    const stream = await createDeliveryStream({
      Prefix: prefix,
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      DataFormatConversionConfiguration: conversion(SCHEMAS, table, { OrcSerDe: { StripeSizeBytes: 8 * 1024 * 1024 } }),
    });
    const filler = "x".repeat(40_000);
    const records = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ id: i, tags: i % 4 === 0 ? null : ["a", `t${i}`], attrs: { n: i }, geo: i % 7 === 0 ? null : { lat: i / 2, name: `g${i}` }, filler }),
    );
    for (let i = 0; i < records.length; i += 100) await putBatch(stream, records.slice(i, i + 100));
    await flush(stream);
    const files = (await streamObjects(stream, prefix)).filter((object) => object.key.endsWith(".orc"));
    const read = await Promise.all(files.map((file) => readOrc(file.body)));
    expect(read.every((orc) => orc.compression === 2 && orc.version.join(".") === "0.12")).toBe(true);
    // 16 MB of JSON at 8 MiB stripes: more than one stripe.
    expect(read.reduce((sum, orc) => sum + orc.stripes, 0)).toBeGreaterThan(1);
    const rows = read.flatMap((orc) => orc.records).sort((a, b) => Number(a.id) - Number(b.id));
    expect(rows).toHaveLength(400);
    expect(rows[1]).toEqual({ id: 1, tags: ["a", "t1"], attrs: { n: 1n }, geo: { lat: 0.5, name: "g1" } });
    expect(rows[0]).toEqual({ id: 0, tags: null, attrs: { n: 0n }, geo: null });
  });
});
