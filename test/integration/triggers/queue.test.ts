/**
 * Queue targets: a mapping whose FunctionName is a queue producer binding (here the Worker's own
 * STREAM_EVENTS) sends its batches as queue messages, and the Worker's queue() handler hands each
 * Lambda-shaped event to its handler. A record too large for a queue message takes the failure path.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../../../src/index";
import { consumeStreamEvents } from "../../../src/triggers/consumer";
import type { KinesisEvent } from "../../../src/triggers/event";
import type { MappingConfiguration } from "../../../src/triggers/mapping";
import { base64, createActiveStream, env, ok, type PutRecordOutput } from "../client";
import { failures, lambda, MAPPINGS_PATH, putRecords, startMapping } from "./helpers";

async function lastProcessingResult(uuid: string): Promise<string> {
  return (await lambda<MappingConfiguration>("GET", `${MAPPINGS_PATH}/${uuid}`)).body.LastProcessingResult;
}

function event(sequenceNumber: string): KinesisEvent {
  return {
    Records: [
      {
        kinesis: { kinesisSchemaVersion: "1.0", partitionKey: "k", sequenceNumber, data: "aGk=", approximateArrivalTimestamp: 1 },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: "aws:kinesis:record",
        invokeIdentityArn: "arn:aws:iam::000000000000:role/rivulet-event-source-mapping",
        awsRegion: "us-east-1",
        eventSourceARN: "arn:aws:kinesis:us-east-1:000000000000:stream/s",
      },
    ],
  };
}

describe("queue targets", () => {
  it("send the batches to the queue, checkpointing once the queue took them", async () => {
    const stream = await createActiveStream(2);
    await putRecords(stream, [
      { partitionKey: "a", data: "one" },
      { partitionKey: "b", data: "two" },
    ]);
    const mapping = await startMapping({ FunctionName: "STREAM_EVENTS", EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON" });
    expect(await lastProcessingResult(mapping.uuid)).toBe("OK");
  });

  it("hand a record too large for a queue message to the OnFailure destination, and go on", async () => {
    const stream = await createActiveStream(1);
    const small = await putRecords(stream, [{ partitionKey: "k", data: "before" }]);
    const large = await ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: base64("x".repeat(200 * 1024)) });
    const after = await putRecords(stream, [{ partitionKey: "k", data: "after" }]);
    const mapping = await startMapping({
      FunctionName: "STREAM_EVENTS",
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      DestinationConfig: { OnFailure: { Destination: "FAILURES" } },
    });
    const [failure, ...more] = await failures(stream.arn);
    expect(more).toEqual([]);
    expect(failure?.requestContext.condition).toBe("MaximumPayloadSizeExceeded");
    expect(failure?.KinesisBatchInfo).toMatchObject({ startSequenceNumber: large.SequenceNumber, endSequenceNumber: large.SequenceNumber, batchSize: 1 });
    expect(small).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(await lastProcessingResult(mapping.uuid)).toBe("OK");
  });
});

describe("the Worker's queue consumer", () => {
  it("hands each event to the handler in order, acknowledging each one", async () => {
    const handled: KinesisEvent[] = [];
    const batch = createMessageBatch<unknown>("rivulet-stream-events", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: event("1") },
      { id: "m2", timestamp: new Date(), attempts: 1, body: event("2") },
    ]);
    const ctx = createExecutionContext();
    await consumeStreamEvents(batch, env, (received) => {
      handled.push(received);
    });
    const result = await getQueueResult(batch, ctx);
    expect(handled.map((received) => received.Records[0]?.kinesis.sequenceNumber)).toEqual(["1", "2"]);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages).toEqual([]);
  });

  it("retries the messages whose handling failed", async () => {
    const batch = createMessageBatch<unknown>("rivulet-stream-events", [
      { id: "good", timestamp: new Date(), attempts: 1, body: event("1") },
      { id: "bad", timestamp: new Date(), attempts: 1, body: event("2") },
    ]);
    const ctx = createExecutionContext();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await consumeStreamEvents(batch, env, (received) => {
      if (received.Records[0]?.kinesis.sequenceNumber === "2") throw new Error("handler failed");
    });
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["good"]);
    expect(result.retryMessages.map((message) => message.msgId)).toEqual(["bad"]);
  });

  it("hands invocation records (the queue as an OnFailure destination) to the failure handler", async () => {
    const record = { requestContext: { condition: "RetryAttemptsExhausted" }, KinesisBatchInfo: { shardId: "shardId-000000000000" } };
    const batch = createMessageBatch<unknown>("rivulet-stream-events", [{ id: "f1", timestamp: new Date(), attempts: 1, body: record }]);
    const ctx = createExecutionContext();
    const seen: unknown[] = [];
    await consumeStreamEvents(
      batch,
      env,
      () => {
        throw new Error("not an event");
      },
      (received) => {
        seen.push(received);
      },
    );
    expect(seen).toEqual([record]);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["f1"]);
  });

  it("is the Worker's queue() handler", async () => {
    const batch = createMessageBatch<unknown>("rivulet-stream-events", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: event("1") },
      { id: "other", timestamp: new Date(), attempts: 1, body: "not an event" },
    ]);
    const ctx = createExecutionContext();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await worker.queue(batch, env);
    expect(errors, "a message that is not an event is reported").toHaveBeenCalledTimes(1);
    errors.mockRestore();
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["m1", "other"]);
  });
});
