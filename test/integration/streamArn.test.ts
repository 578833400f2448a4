/** Every operation that names a stream takes its StreamARN instead of its StreamName. */
import { describe, expect, it } from "vitest";
import {
  ARN_PATTERN,
  base64,
  call,
  createActiveStream,
  expectError,
  expectValidation,
  ok,
  shardId,
  violation,
  type DescribeStreamSummaryOutput,
  type GetShardIteratorOutput,
  type GetRecordsOutput,
  type ListTagsForStreamOutput,
  type TestStream,
} from "./client";

type Reference = { StreamARN: string };

/** Each operation with a valid input naming the stream by `reference`, and what it must answer. */
function calls(reference: Reference): [string, Record<string, unknown>][] {
  return [
    ["DescribeStream", { ...reference }],
    ["DescribeStreamSummary", { ...reference }],
    ["ListShards", { ...reference }],
    ["PutRecord", { ...reference, PartitionKey: "k", Data: base64("by arn") }],
    ["PutRecords", { ...reference, Records: [{ PartitionKey: "k", Data: base64("by arn too") }] }],
    ["GetShardIterator", { ...reference, ShardId: shardId(0), ShardIteratorType: "TRIM_HORIZON" }],
    ["AddTagsToStream", { ...reference, Tags: { by: "arn" } }],
    ["ListTagsForStream", { ...reference }],
    ["RemoveTagsFromStream", { ...reference, TagKeys: ["none"] }],
    ["IncreaseStreamRetentionPeriod", { ...reference, RetentionPeriodHours: 48 }],
    ["DecreaseStreamRetentionPeriod", { ...reference, RetentionPeriodHours: 24 }],
    ["DeleteStream", { ...reference }],
  ];
}

describe("StreamARN", () => {
  it("is accepted by every operation in place of StreamName", async () => {
    const stream: TestStream = await createActiveStream(1);
    const all = calls({ StreamARN: stream.arn });
    const deletion = all.at(-1);
    for (const [operation, input] of all.slice(0, -1)) {
      const response = await call(operation, input);
      expect({ operation, status: response.status, body: response.body }).toMatchObject({ operation, status: 200 });
    }
    // What was done by ARN was done to the stream.
    const tags = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name });
    expect(tags.Tags).toEqual([{ Key: "by", Value: "arn" }]);
    const iterator = await ok<GetShardIteratorOutput>("GetShardIterator", {
      StreamARN: stream.arn,
      ShardId: shardId(0),
      ShardIteratorType: "TRIM_HORIZON",
    });
    const records = await ok<GetRecordsOutput>("GetRecords", { ShardIterator: iterator.ShardIterator, StreamARN: stream.arn });
    expect(records.Records.map((record) => record.Data)).toEqual([base64("by arn"), base64("by arn too")]);

    expect(deletion?.[0]).toBe("DeleteStream");
    await ok("DeleteStream", deletion?.[1]);
    const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
    expect(summary.StreamDescriptionSummary.StreamStatus).toBe("DELETING");
  });

  it("names a stream of its own region and account only", async () => {
    const stream = await createActiveStream(1);
    const elsewhere: [string, string][] = [
      [stream.arn.replace(":us-east-1:", ":eu-west-1:"), "000000000000"],
      [stream.arn.replace(":000000000000:", ":123456789012:"), "123456789012"],
    ];
    for (const [arn, account] of elsewhere) {
      for (const [operation, input] of calls({ StreamARN: arn })) {
        expectError(await call(operation, input), "ResourceNotFoundException", `Stream ${stream.name} under account ${account} not found.`);
      }
    }
    const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamARN: stream.arn });
    expect(summary.StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
    expect(summary.StreamDescriptionSummary.RetentionPeriodHours).toBe(24);
  });

  it("must be a Kinesis stream ARN", async () => {
    for (const arn of ["arn:aws:kinesis:us-east-1:000000000000:table/x", "arn:aws:kinesis:us-east-1:0000:stream/x", "stream/x"]) {
      await expectValidation("DescribeStreamSummary", { StreamARN: arn }, violation(arn, "streamARN", ARN_PATTERN));
    }
  });
});
