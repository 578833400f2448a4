/**
 * Delivery: records reach the target once each, in shard order, in batches no larger than
 * BatchSize, after the batching window; failing batches are retried without being overtaken, go to
 * the OnFailure destination after their retries (and only then does the checkpoint move), are split
 * or partly retried as configured, and checkpoints survive the object's eviction and reshards.
 */
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LAMBDA } from "../../../src/limits";
import type { MappingConfiguration } from "../../../src/triggers/mapping";
import { createActiveStream, ok, shardId, shardStub, useShardClock, type TestStream } from "../client";
import {
  batches,
  deliveredByShard,
  failures,
  lambda,
  mappingStub,
  MAPPINGS_PATH,
  putRecords,
  received,
  runMapping,
  script,
  sequenceNumbersOf,
  startMapping,
  testClock,
  useMappingClock,
  writtenByShard,
  type Put,
  type RunningMapping,
} from "./helpers";

const ACCOUNT = "000000000000";

function records(count: number, prefix = "record"): { partitionKey: string; data: string }[] {
  return Array.from({ length: count }, (_, i) => ({ partitionKey: `${prefix}-key-${i}`, data: `${prefix}-${i}` }));
}

/** Runs the mapping's alarm, a second apart, until the target has `count` records or `rounds` pass. */
async function deliverAll(mapping: RunningMapping, stream: TestStream, count: number, rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const delivered = (await batches(stream.arn)).reduce((sum, event) => sum + event.Records.length, 0);
    if (delivered >= count) return;
    await mapping.advance(LAMBDA.pollIntervalMs);
  }
}

async function lastProcessingResult(uuid: string): Promise<string> {
  return (await lambda<MappingConfiguration>("GET", `${MAPPINGS_PATH}/${uuid}`)).body.LastProcessingResult;
}

function seqs(puts: readonly Put[], ...indexes: number[]): string[] {
  return indexes.map((index) => puts[index]?.sequenceNumber ?? "?");
}

describe("delivery", () => {
  it("hands every record over once, in order per shard, in batches of at most BatchSize, as Lambda's Kinesis event", async () => {
    const stream = await createActiveStream(2);
    const puts = await putRecords(stream, records(40));
    expect(new Set(puts.map((put) => put.shardId)).size).toBe(2);
    const mapping = await startMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 7 });
    await deliverAll(mapping, stream, 40);

    const events = await batches(stream.arn);
    for (const event of events) {
      expect(event.Records.length).toBeGreaterThan(0);
      expect(event.Records.length).toBeLessThanOrEqual(7);
      expect(new Set(event.Records.map((record) => record.eventID.split(":")[0])).size, "a batch holds one shard's records").toBe(1);
    }
    expect(deliveredByShard(events)).toEqual(writtenByShard(puts));

    const first = puts[0] as Put;
    const delivered = events.flatMap((event) => event.Records).find((record) => record.kinesis.sequenceNumber === first.sequenceNumber);
    expect(delivered).toEqual({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: first.partitionKey,
        sequenceNumber: first.sequenceNumber,
        data: btoa(first.data),
        approximateArrivalTimestamp: delivered?.kinesis.approximateArrivalTimestamp,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `${first.shardId}:${first.sequenceNumber}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/rivulet-event-source-mapping`,
      awsRegion: "us-east-1",
      eventSourceARN: stream.arn,
    });
    expect(delivered?.kinesis.approximateArrivalTimestamp).toBeCloseTo(Date.now() / 1000, -2);

    const request = (await received(stream.arn))[0];
    expect(request?.url).toBe("https://rivulet.internal/2015-03-31/functions/RECORDER/invocations");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-rivulet-event-source-mapping"]).toBe(mapping.uuid);
    expect(await lastProcessingResult(mapping.uuid)).toBe("OK");
  });

  it("starts at LATEST: only records put after the mapping was created", async () => {
    const stream = await createActiveStream(2);
    await putRecords(stream, records(6, "before"));
    const mapping = await startMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    const after = await putRecords(stream, records(4, "after"));
    await deliverAll(mapping, stream, 4, 3);
    expect(deliveredByShard(await batches(stream.arn))).toEqual(writtenByShard(after));
  });

  it("starts AT_TIMESTAMP: the records that arrived at or after it", async () => {
    const stream = await createActiveStream(1);
    const clock = testClock();
    await useShardClock(shardStub(stream.id, 0), clock);
    await putRecords(stream, records(2, "early"));
    clock.advance(10_000);
    const late = await putRecords(stream, records(3, "late"));
    const mapping = await startMapping(
      { FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "AT_TIMESTAMP", StartingPositionTimestamp: clock.now() / 1000 - 5 },
      clock,
    );
    await deliverAll(mapping, stream, 3, 3);
    expect(deliveredByShard(await batches(stream.arn))).toEqual(writtenByShard(late));
  });

  it("waits for a full batch or the end of the batching window", async () => {
    const stream = await createActiveStream(1);
    const clock = testClock();
    await useShardClock(shardStub(stream.id, 0), clock);
    const mapping = await startMapping(
      { FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 5, MaximumBatchingWindowInSeconds: 10 },
      clock,
    );
    const few = await putRecords(stream, records(3, "few"));
    await mapping.advance(0);
    await mapping.advance(9_000);
    expect(await batches(stream.arn), "the window is still open").toEqual([]);
    await mapping.advance(1_000);
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([seqs(few, 0, 1, 2)]);

    const many = await putRecords(stream, records(7, "many"));
    await mapping.advance(0);
    expect((await batches(stream.arn)).slice(1).map(sequenceNumbersOf), "a full batch goes at once").toEqual([seqs(many, 0, 1, 2, 3, 4)]);
    await mapping.advance(9_999);
    expect(await batches(stream.arn)).toHaveLength(2);
    await mapping.advance(1);
    expect((await batches(stream.arn)).slice(2).map(sequenceNumbersOf)).toEqual([seqs(many, 5, 6)]);
  });
});

describe("failures", () => {
  it("retries a failing batch after a growing backoff, and later records never overtake it", async () => {
    const stream = await createActiveStream(1);
    await script(stream.arn, "batch", { responses: [{ status: 500 }, { status: 503 }] });
    const puts = await putRecords(stream, records(4));
    const mapping = await startMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 2 });
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([seqs(puts, 0, 1)]);
    expect(await lastProcessingResult(mapping.uuid)).toBe("PROBLEM: Function call failed");

    await mapping.advance(999);
    expect(await batches(stream.arn), "not before the backoff").toHaveLength(1);
    await mapping.advance(1);
    expect(await batches(stream.arn)).toHaveLength(2);
    await mapping.advance(1_999);
    expect(await batches(stream.arn), "the second wait is twice as long").toHaveLength(2);
    await mapping.advance(1);
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([
      seqs(puts, 0, 1),
      seqs(puts, 0, 1),
      seqs(puts, 0, 1),
      seqs(puts, 2, 3),
    ]);
    expect(await lastProcessingResult(mapping.uuid)).toBe("OK");
  });

  it("sends the batch to the OnFailure destination after MaximumRetryAttempts, then moves on", async () => {
    const stream = await createActiveStream(1);
    await script(stream.arn, "batch", { responses: [{ status: 500 }, { status: 500 }] });
    const puts = await putRecords(stream, records(3));
    const mapping = await startMapping({
      FunctionName: "RECORDER",
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 2,
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:us-east-1:${ACCOUNT}:FAILURES` } },
    });
    expect(await failures(stream.arn)).toEqual([]);
    await mapping.advance(1_000);

    const [failure, ...more] = await failures(stream.arn);
    expect(more).toEqual([]);
    expect(failure).toEqual({
      requestContext: {
        requestId: failure?.requestContext.requestId,
        functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:RECORDER`,
        condition: "RetryAttemptsExhausted",
        approximateInvokeCount: 2,
      },
      responseContext: { statusCode: 500, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      timestamp: failure?.timestamp,
      KinesisBatchInfo: {
        shardId: shardId(0),
        startSequenceNumber: puts[0]?.sequenceNumber,
        endSequenceNumber: puts[1]?.sequenceNumber,
        approximateArrivalOfFirstRecord: failure?.KinesisBatchInfo.approximateArrivalOfFirstRecord,
        approximateArrivalOfLastRecord: failure?.KinesisBatchInfo.approximateArrivalOfLastRecord,
        batchSize: 2,
        streamArn: stream.arn,
      },
    });
    expect(failure?.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure?.timestamp).toBe(new Date(mapping.clock.now()).toISOString());
    expect(failure?.KinesisBatchInfo.approximateArrivalOfFirstRecord).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The checkpoint moved past the failed batch: the next record is delivered, the failed ones are not again.
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([seqs(puts, 0, 1), seqs(puts, 0, 1), seqs(puts, 2)]);
  });

  it("sends records older than MaximumRecordAgeInSeconds to the OnFailure destination instead of the target", async () => {
    const stream = await createActiveStream(1);
    const clock = testClock();
    await useShardClock(shardStub(stream.id, 0), clock);
    const old = await putRecords(stream, records(2, "old"));
    clock.advance(61_000);
    const fresh = await putRecords(stream, records(1, "fresh"));
    await startMapping(
      {
        FunctionName: "RECORDER",
        EventSourceArn: stream.arn,
        StartingPosition: "TRIM_HORIZON",
        MaximumRecordAgeInSeconds: 60,
        DestinationConfig: { OnFailure: { Destination: "FAILURES" } },
      },
      clock,
    );
    const [failure, ...more] = await failures(stream.arn);
    expect(more).toEqual([]);
    expect(failure?.requestContext).toMatchObject({ condition: "RecordAgeExceeded", approximateInvokeCount: 0 });
    expect(failure?.KinesisBatchInfo).toMatchObject({ startSequenceNumber: old[0]?.sequenceNumber, endSequenceNumber: old[1]?.sequenceNumber, batchSize: 2 });
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([seqs(fresh, 0)]);
  });

  it("never drops a batch that has no OnFailure destination: it is retried until it is delivered", async () => {
    const stream = await createActiveStream(1);
    await script(stream.arn, "batch", { responses: [{ status: 500 }, { status: 500 }, { status: 500 }] });
    const puts = await putRecords(stream, records(2));
    const mapping = await startMapping({
      FunctionName: "RECORDER",
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      MaximumRetryAttempts: 0,
    });
    expect(await lastProcessingResult(mapping.uuid)).toMatch(/^PROBLEM: Function call failed\. Retries are exhausted and there is no OnFailure destination/);
    await mapping.advance(1_000);
    await mapping.advance(2_000);
    expect(await batches(stream.arn)).toHaveLength(3);
    await mapping.advance(4_000);
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual(Array(4).fill(seqs(puts, 0, 1)));
    expect(await lastProcessingResult(mapping.uuid)).toBe("OK");
  });

  it("retries from the first record a ReportBatchItemFailures answer names", async () => {
    const stream = await createActiveStream(1);
    const puts = await putRecords(stream, records(5));
    await script(stream.arn, "batch", {
      responses: [
        { status: 200, body: { batchItemFailures: [{ itemIdentifier: puts[3]?.sequenceNumber }, { itemIdentifier: puts[2]?.sequenceNumber }] } },
        { status: 200, body: { batchItemFailures: [{ itemIdentifier: "" }] } },
        { status: 200, body: { batchItemFailures: [] } },
      ],
    });
    const mapping = await startMapping({
      FunctionName: "RECORDER",
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    await mapping.advance(1_000);
    // The second answer is malformed: the whole (remaining) batch failed, and is retried as it was.
    await mapping.advance(2_000);
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([
      seqs(puts, 0, 1, 2, 3, 4),
      seqs(puts, 2, 3, 4),
      seqs(puts, 2, 3, 4),
    ]);
    await mapping.advance(LAMBDA.retryMaxMs);
    expect(await batches(stream.arn), "an empty list is complete success").toHaveLength(3);
    expect(await lastProcessingResult(mapping.uuid)).toBe("OK");
  });

  it("splits a failing batch in two with BisectBatchOnFunctionError, isolating the bad record", async () => {
    const stream = await createActiveStream(1);
    const puts = await putRecords(stream, records(4));
    await script(stream.arn, "batch", { poison: seqs(puts, 2) });
    await startMapping({
      FunctionName: "RECORDER",
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: "FAILURES" } },
    });
    expect((await batches(stream.arn)).map(sequenceNumbersOf)).toEqual([
      seqs(puts, 0, 1, 2, 3),
      seqs(puts, 0, 1),
      seqs(puts, 2, 3),
      seqs(puts, 2),
      seqs(puts, 3),
    ]);
    const [failure] = await failures(stream.arn);
    expect(failure?.KinesisBatchInfo).toMatchObject({ startSequenceNumber: puts[2]?.sequenceNumber, endSequenceNumber: puts[2]?.sequenceNumber, batchSize: 1 });
  });
});

describe("checkpoints", () => {
  it("survive the object's eviction: nothing is delivered twice", async () => {
    const stream = await createActiveStream(2);
    const first = await putRecords(stream, records(6, "first"));
    const mapping = await startMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON" });
    expect(deliveredByShard(await batches(stream.arn))).toEqual(writtenByShard(first));

    await evictDurableObject(mappingStub(mapping.uuid));
    const second = await putRecords(stream, records(5, "second"));
    await useMappingClock(mapping.uuid, mapping.clock);
    await mapping.advance(LAMBDA.pollIntervalMs);
    expect(deliveredByShard(await batches(stream.arn))).toEqual(writtenByShard([...first, ...second]));
  });

  it("follow a SplitShard: the parent's records all come before its children's, even while the parent fails", async () => {
    const stream = await createActiveStream(1);
    const parent = await putRecords(stream, records(5, "parent"));
    await ok("SplitShard", {
      StreamName: stream.name,
      ShardToSplit: shardId(0),
      NewStartingHashKey: "170141183460469231731687303715884105728",
    });
    const children = await putRecords(stream, records(12, "child"));
    expect(new Set(children.map((put) => put.shardId))).toEqual(new Set([shardId(1), shardId(2)]));
    await script(stream.arn, "batch", { responses: [{ status: 500 }] });

    const mapping = await startMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 3 });
    expect((await batches(stream.arn)).map(sequenceNumbersOf), "children wait for the failing parent").toEqual([seqs(parent, 0, 1, 2)]);
    await deliverAll(mapping, stream, 3 + 5 + 12);

    const events = await batches(stream.arn);
    const shardOf = (index: number) => events[index]?.Records[0]?.eventID.split(":")[0];
    const lastParent = events.findLastIndex((_, i) => shardOf(i) === shardId(0));
    const firstChild = events.findIndex((_, i) => shardOf(i) !== shardId(0));
    expect(lastParent).toBeLessThan(firstChild);
    expect(deliveredByShard(events.slice(1))).toEqual(writtenByShard([...parent, ...children]));
  });
});
