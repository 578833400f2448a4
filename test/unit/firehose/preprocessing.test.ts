import { describe, expect, it } from "vitest";
import type { SourceRecord } from "../../../src/firehose/records";
import { processRecords } from "../../../src/firehose/transform";
import { STREAM, b64, encoder, fakeFunction, gzip, json, lambdaProcessing, record, text } from "./helpers";

// ---------------------------------------------------------------------------------------------
// A small KPL encoder (aggregation-format.md): magic, protobuf AggregatedRecord, MD5 of the protobuf.

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

const field = (number: number, bytes: Uint8Array) => [...varint((number << 3) | 2), ...varint(bytes.length), ...bytes];
const varintField = (number: number, value: number) => [...varint(number << 3), ...varint(value)];

interface UserRecord {
  partitionKey: string;
  explicitHashKey?: string;
  data: string;
}

async function kplAggregate(records: UserRecord[]): Promise<Uint8Array> {
  const partitionKeys = [...new Set(records.map((r) => r.partitionKey))];
  const hashKeys = [...new Set(records.flatMap((r) => (r.explicitHashKey ? [r.explicitHashKey] : [])))];
  const message = new Uint8Array([
    ...partitionKeys.flatMap((key) => field(1, encoder.encode(key))),
    ...hashKeys.flatMap((key) => field(2, encoder.encode(key))),
    ...records.flatMap((r) => {
      const body = [
        ...varintField(1, partitionKeys.indexOf(r.partitionKey)),
        ...(r.explicitHashKey ? varintField(2, hashKeys.indexOf(r.explicitHashKey)) : []),
        ...field(3, encoder.encode(r.data)),
        // A tag, which readers skip.
        ...field(4, new Uint8Array(field(1, encoder.encode("tag")))),
      ];
      return field(3, new Uint8Array(body));
    }),
  ]);
  const md5 = new Uint8Array(await crypto.subtle.digest("MD5", message));
  return new Uint8Array([0xf3, 0x89, 0x9a, 0xc2, ...message, ...md5]);
}

const kinesis = { partitionKey: "agg", sequenceNumber: "4960", shardId: "shardId-000000000000", approximateArrivalMs: 1_699_999_000_000 };
const fromStream = (recordId: string, data: Uint8Array): SourceRecord => ({ ...record(recordId, data), kinesis });
const base = { deliveryStreamArn: STREAM, region: "us-east-1" };
const none = fakeFunction(() => {
  throw new Error("no function here");
});
const echo = () => fakeFunction((event) => json({ records: event.records.map((e) => ({ recordId: e.recordId, result: "Ok", data: e.data })) }));

describe("KPL de-aggregation", () => {
  it("splits a KPL record read from a Kinesis stream into its user records, before the function sees them", async () => {
    const aggregated = await kplAggregate([
      { partitionKey: "user-1", data: '{"n":1}' },
      { partitionKey: "user-2", explicitHashKey: "170141183460469231731687303715884105728", data: '{"n":2}' },
      { partitionKey: "user-1", data: '{"n":3}' },
    ]);
    const env = echo();
    const out = await processRecords({ ...base, processing: lambdaProcessing("https://t.example.com/") }, [fromStream("k", aggregated)], env);
    expect(out.map((r) => [r.recordId, r.result, text(r.data)])).toEqual([
      ["k.0", "Ok", '{"n":1}'],
      ["k.1", "Ok", '{"n":2}'],
      ["k.2", "Ok", '{"n":3}'],
    ]);
    const sent = env.calls[0]?.event.records ?? [];
    expect(sent.map((r) => r.kinesisRecordMetadata)).toEqual([
      { ...expectedMetadata, partitionKey: "user-1", subsequenceNumber: 0 },
      { ...expectedMetadata, partitionKey: "user-2", subsequenceNumber: 1 },
      { ...expectedMetadata, partitionKey: "user-1", subsequenceNumber: 2 },
    ]);
  });

  it("de-aggregates Kinesis-sourced records even without processing, as Firehose does", async () => {
    const aggregated = await kplAggregate([{ partitionKey: "p", data: "a" }, { partitionKey: "p", data: "b" }]);
    const out = await processRecords(base, [fromStream("k", aggregated), fromStream("plain", encoder.encode("just data"))], none);
    expect(out.map((r) => [r.recordId, text(r.data)])).toEqual([["k.0", "a"], ["k.1", "b"], ["plain", "just data"]]);
  });

  it("fails a corrupt KPL record: a wrong checksum, or a message that does not parse", async () => {
    const aggregated = await kplAggregate([{ partitionKey: "p", data: "a" }]);
    const badChecksum = aggregated.slice();
    badChecksum[badChecksum.length - 1] = (badChecksum[badChecksum.length - 1] ?? 0) ^ 0xff;
    // A valid checksum over a truncated message.
    const message = new Uint8Array([...field(1, encoder.encode("p")), 0x1a, 0x40, 0x08]);
    const md5 = new Uint8Array(await crypto.subtle.digest("MD5", message));
    const truncated = new Uint8Array([0xf3, 0x89, 0x9a, 0xc2, ...message, ...md5]);

    const out = await processRecords(base, [fromStream("bad", badChecksum), fromStream("short", truncated)], none);
    expect(out.map((r) => [r.recordId, r.result, r.error?.code])).toEqual([
      ["bad", "ProcessingFailed", "RecordDeAggregation.InvalidKplRecord"],
      ["short", "ProcessingFailed", "RecordDeAggregation.InvalidKplRecord"],
    ]);
    expect(out[0]?.error?.message).toMatch(/MD5 checksum does not match/);
    expect(out[0]?.data).toEqual(badChecksum);
  });

  it("de-aggregates KPL records put directly when SubRecordType is KPL", async () => {
    const aggregated = await kplAggregate([{ partitionKey: "p", data: "x" }, { partitionKey: "q", data: "y" }]);
    const processing = { Enabled: true, Processors: [{ Type: "RecordDeAggregation", Parameters: [{ ParameterName: "SubRecordType", ParameterValue: "KPL" }] }] };
    const out = await processRecords({ ...base, processing }, [record("d", aggregated)], none);
    expect(out.map((r) => text(r.data))).toEqual(["x", "y"]);
  });
});

const expectedMetadata = { shardId: "shardId-000000000000", approximateArrivalTimestamp: 1_699_999_000_000, sequenceNumber: "4960" };

describe("JSON and DELIMITED de-aggregation", () => {
  const deaggregation = (parameters: { ParameterName: string; ParameterValue: string }[]) => ({
    ...base,
    processing: { Enabled: true, Processors: [{ Type: "RecordDeAggregation", Parameters: parameters }] },
  });

  it("splits concatenated and newline-delimited JSON objects into records", async () => {
    const out = await processRecords(
      deaggregation([{ ParameterName: "SubRecordType", ParameterValue: "JSON" }]),
      [record("c", '{"a":1}{"a":2}'), record("l", '{"a":"x}"}\n{"b":{"c":[1,{}]}}\n'), record("one", '{"a":3}')],
      none,
    );
    expect(out.map((r) => [r.recordId, text(r.data)])).toEqual([
      ["c.0", '{"a":1}'],
      ["c.1", '{"a":2}'],
      ["l.0", '{"a":"x}"}'],
      ["l.1", '{"b":{"c":[1,{}]}}'],
      ["one.0", '{"a":3}'],
    ]);
  });

  it("fails records that are not a sequence of JSON objects, like an array of them", async () => {
    const out = await processRecords(
      deaggregation([{ ParameterName: "SubRecordType", ParameterValue: "JSON" }]),
      [record("array", '[{"a":1},{"a":2}]'), record("broken", '{"a":1}{"a":'), record("junk", '{"a":1} x')],
      none,
    );
    expect(out.map((r) => r.error?.code)).toEqual(["RecordDeAggregation.InvalidJson", "RecordDeAggregation.InvalidJson", "RecordDeAggregation.InvalidJson"]);
    expect(text(out[0]?.data ?? new Uint8Array())).toBe('[{"a":1},{"a":2}]');
  });

  it("passes a record of more than 500 objects whole", async () => {
    const many = Array.from({ length: 501 }, (_, i) => `{"i":${i}}`).join("\n");
    const out = await processRecords(deaggregation([{ ParameterName: "SubRecordType", ParameterValue: "JSON" }]), [record("m", many)], none);
    expect(out.map((r) => r.recordId)).toEqual(["m"]);
  });

  it("splits on a base64-encoded delimiter", async () => {
    const out = await processRecords(
      deaggregation([
        { ParameterName: "SubRecordType", ParameterValue: "DELIMITED" },
        { ParameterName: "Delimiter", ParameterValue: "IyMjIw==" }, // "####", AWS's example
      ]),
      [record("d", "first####second####third####"), record("e", "####")],
      none,
    );
    expect(out.map((r) => [r.recordId, r.result, text(r.data)])).toEqual([
      ["d.0", "Ok", "first"],
      ["d.1", "Ok", "second"],
      ["d.2", "Ok", "third"],
      ["e", "Dropped", "####"],
    ]);
  });
});

describe("Decompression, CloudWatch Logs and AppendDelimiterToRecord", () => {
  const cloudWatch = {
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup: "/aws/lambda/app",
    logStream: "2024/01/01/[$LATEST]abc",
    subscriptionFilters: ["all"],
    logEvents: [
      { id: "1", timestamp: 1_700_000_000_000, message: '{"level":"INFO"}' },
      { id: "2", timestamp: 1_700_000_000_001, message: '{"level":"ERROR"}' },
    ],
  };

  it("gunzips records (CloudWatch Logs data), and fails what is not gzip, keeping it as it came", async () => {
    const processing = { Enabled: true, Processors: [{ Type: "Decompression", Parameters: [{ ParameterName: "CompressionFormat", ParameterValue: "GZIP" }] }] };
    const compressed = await gzip(JSON.stringify(cloudWatch));
    const out = await processRecords({ ...base, processing }, [record("z", compressed), record("plain", "not gzip")], none);
    expect(JSON.parse(text(out[0]?.data ?? new Uint8Array()))).toEqual(cloudWatch);
    expect(out[1]?.error?.code).toBe("Decompression.Failed");
    expect(text(out[1]?.data ?? new Uint8Array())).toBe("not gzip");
  });

  it("decompresses, extracts log messages and appends the newline, whatever the order the processors are listed in", async () => {
    const processing = {
      Enabled: true,
      Processors: [
        // Listed out of order: Firehose applies its processors in its own order.
        { Type: "AppendDelimiterToRecord", Parameters: [] },
        { Type: "CloudWatchLogProcessing", Parameters: [{ ParameterName: "DataMessageExtraction", ParameterValue: "true" }] },
        { Type: "Decompression", Parameters: [{ ParameterName: "CompressionFormat", ParameterValue: "GZIP" }] },
      ],
    };
    const control = { ...cloudWatch, messageType: "CONTROL_MESSAGE", logEvents: [] };
    const out = await processRecords({ ...base, processing }, [record("z", await gzip(JSON.stringify(cloudWatch))), record("c", await gzip(JSON.stringify(control)))], none);
    expect(out.map((r) => [r.result, text(r.data)])).toEqual([
      ["Ok", '{"level":"INFO"}\n{"level":"ERROR"}\n'],
      ["Dropped", text(await gzip(JSON.stringify(control)))],
    ]);
  });

  it("appends a newline to each record, after the function", async () => {
    const processing = { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" }, ...lambdaProcessing("https://t.example.com/").Processors] };
    const env = fakeFunction((event) => json({ records: event.records.map((e) => ({ recordId: e.recordId, result: "Ok", data: b64(`<${atob(e.data)}>`) })) }));
    const out = await processRecords({ ...base, processing }, [record("a", "1"), record("b", "2")], env);
    expect(out.map((r) => text(r.data))).toEqual(["<1>\n", "<2>\n"]);
    expect(env.calls[0]?.event.records.map((r) => atob(r.data))).toEqual(["1", "2"]);
  });

  it("passes records as they are without processing, or with processing disabled", async () => {
    for (const processing of [undefined, { Enabled: false, Processors: [{ Type: "AppendDelimiterToRecord" }] }]) {
      const out = await processRecords({ ...base, processing }, [record("a", "raw")], none);
      expect(out).toEqual([{ recordId: "a", arrivalMs: 1_700_000_000_000, result: "Ok", data: encoder.encode("raw"), partitionKeys: { query: {}, lambda: {} } }]);
    }
  });
});
