/**
 * Delivery through the processing chain: a CSV-to-JSON transformation function (Firehose's Lambda
 * contract, over a service binding), whose failed records land in the error output as AWS writes
 * it; and clickstream dynamic partitioning by inline parsing (JQ), one object per partition.
 * Every put record is accounted for: delivered + in the error output + dropped = put.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zonedTime } from "../../../src/firehose/time-format";
import {
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  encode,
  functionArn,
  lambdaProcessing,
  objectNamePattern,
  objects,
  putBatch,
  type TestDeliveryStream,
} from "./helpers";

const pad = (n: number) => String(n).padStart(2, "0");
const LAMBDA_ARN = functionArn("CSV_TO_JSON");

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

async function streamObjects(stream: TestDeliveryStream, prefix = "") {
  return (await objects(prefix)).filter((object) => object.key.includes(`${stream.name}-`));
}

interface ErrorRecord {
  attemptsMade: number;
  arrivalTimestamp: number;
  errorCode: string;
  errorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
  lambdaArn?: string;
}

const jsonLines = <T>(data: Uint8Array): T[] =>
  decode(data)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);

describe("a transformation function", () => {
  it("rewrites records (CSV to JSON), drops what it drops, and files what fails under processing-failed", async () => {
    const stream = await createDeliveryStream({
      Prefix: "csv/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
      ProcessingConfiguration: lambdaProcessing(LAMBDA_ARN, 0),
    });
    const arrival = clock.now();
    const input = ["1,apple,0.5", "2,pear,0.75", "not csv", "   ", "3,plum,1"];
    await putBatch(stream, input);
    await deliverAll(stream);

    const [data, ...others] = await streamObjects(stream, "csv/");
    expect(others.filter((object) => !object.key.includes("processing-failed"))).toEqual([]);
    expect(jsonLines(data?.body ?? new Uint8Array())).toEqual([
      { id: 1, name: "apple", price: 0.5 },
      { id: 2, name: "pear", price: 0.75 },
      { id: 3, name: "plum", price: 1 },
    ]);

    // No ErrorOutputPrefix: the prefix, then processing-failed/ and the hour of the oldest failed record.
    const t = zonedTime(arrival);
    const errorPrefix = `csv/processing-failed/${t.year}/${pad(t.month)}/${pad(t.day)}/${pad(t.hour)}/`;
    const [errors, ...moreErrors] = await streamObjects(stream, errorPrefix);
    expect(moreErrors).toEqual([]);
    expect(errors?.key.slice(errorPrefix.length)).toMatch(objectNamePattern(stream.name, "1"));
    const failed = jsonLines<ErrorRecord>(errors?.body ?? new Uint8Array());
    expect(failed).toEqual([
      {
        attemptsMade: 1,
        arrivalTimestamp: arrival,
        errorCode: "Lambda.ProcessingFailedStatus",
        errorMessage: "ProcessingFailed status set for record",
        attemptEndingTimestamp: expect.any(Number),
        rawData: encode("not csv").toBase64(),
        lambdaArn: LAMBDA_ARN,
      },
    ]);
    // 3 delivered + 1 failed + 1 dropped = 5 put.
    expect(3 + failed.length + 1).toBe(input.length);
  });

  it("sends every record to the error output when the function cannot be reached, after its retries", async () => {
    const stream = await createDeliveryStream({
      Prefix: "nofn/",
      ErrorOutputPrefix: "nofn-errors/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
      ProcessingConfiguration: lambdaProcessing(functionArn("NO_SUCH_FUNCTION"), 1),
    });
    await putBatch(stream, ["a", "b", "c"]);
    await deliverAll(stream);
    expect(await streamObjects(stream, "nofn/")).toEqual([]);
    const errors = await streamObjects(stream, "nofn-errors/processing-failed/");
    expect(errors).toHaveLength(1);
    const failed = jsonLines<ErrorRecord>(errors[0]?.body ?? new Uint8Array());
    expect(failed.map((record) => [decode(Uint8Array.fromBase64(record.rawData)), record.attemptsMade, record.errorCode])).toEqual([
      ["a", 2, "Lambda.ResourceNotFound"],
      ["b", 2, "Lambda.ResourceNotFound"],
      ["c", 2, "Lambda.ResourceNotFound"],
    ]);
  });
});

describe("dynamic partitioning", () => {
  it("clickstream: one object per event_type/year/month/day partition, failures under the error prefix", async () => {
    const stream = await createDeliveryStream({
      Prefix:
        "clicks/event_type=!{partitionKeyFromQuery:event_type}/year=!{partitionKeyFromQuery:year}/month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}/",
      ErrorOutputPrefix: "clicks-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
      DynamicPartitioningConfiguration: { Enabled: true },
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [
          {
            Type: "MetadataExtraction",
            Parameters: [
              {
                ParameterName: "MetadataExtractionQuery",
                ParameterValue:
                  '{event_type: .event_type, year: .ts | strftime("%Y"), month: .ts | strftime("%m"), day: .ts | strftime("%d")}',
              },
              { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" },
            ],
          },
          { Type: "AppendDelimiterToRecord", Parameters: [] },
        ],
      },
    });
    const day1 = Date.UTC(2026, 10, 26, 12) / 1000;
    const day2 = Date.UTC(2026, 10, 27, 8) / 1000;
    const events = [
      { event_type: "click", ts: day1, n: 1 },
      { event_type: "view", ts: day1, n: 2 },
      { event_type: "click", ts: day2, n: 3 },
      { event_type: "click", ts: day1, n: 4 },
      { event_type: "view", ts: day2, n: 5 },
    ];
    const arrival = clock.now();
    await putBatch(stream, [...events.map((event) => JSON.stringify(event)), "not json"]);
    await deliverAll(stream);

    const delivered = await streamObjects(stream, "clicks/");
    const byPartition = new Map(delivered.map((object) => [object.key.slice(0, object.key.lastIndexOf("/") + 1), jsonLines<{ n: number }>(object.body).map((e) => e.n)]));
    expect(Object.fromEntries(byPartition)).toEqual({
      "clicks/event_type=click/year=2026/month=11/day=26/": [1, 4],
      "clicks/event_type=click/year=2026/month=11/day=27/": [3],
      "clicks/event_type=view/year=2026/month=11/day=26/": [2],
      "clicks/event_type=view/year=2026/month=11/day=27/": [5],
    });
    const t = zonedTime(arrival);
    const errors = await streamObjects(stream, "clicks-errors/");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.key.startsWith(`clicks-errors/metadata-extraction-failed/${t.year}/${pad(t.month)}/${pad(t.day)}/`)).toBe(true);
    const failed = jsonLines<ErrorRecord>(errors[0]?.body ?? new Uint8Array());
    expect(failed.map((record) => decode(Uint8Array.fromBase64(record.rawData)))).toEqual(["not json"]);
    // Every record accounted for.
    expect([...byPartition.values()].flat().length + failed.length).toBe(events.length + 1);
  });
});
