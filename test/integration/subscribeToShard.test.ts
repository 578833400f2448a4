import { describe, expect, it } from "vitest";
import { MessageDecoder, type Message } from "../../src/aws/eventstream";
import { KINESIS } from "../../src/limits";
import {
  base64,
  call,
  createActiveStream,
  expectError,
  ok,
  openEventStream,
  registryClock,
  shardId,
  useRegistryClock,
  type TestStream,
} from "./client";

interface Consumer {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: string;
  ConsumerCreationTimestamp: number;
}

interface SubscribeEvent {
  Records: { SequenceNumber: string; Data: string; PartitionKey: string; ApproximateArrivalTimestamp: number }[];
  ContinuationSequenceNumber?: string;
  MillisBehindLatest: number;
  ChildShards?: { ShardId: string; ParentShards: string[] }[];
}

async function activeConsumer(stream: TestStream, name = "reader"): Promise<Consumer> {
  const { Consumer } = await ok<{ Consumer: Consumer }>("RegisterStreamConsumer", { StreamARN: stream.arn, ConsumerName: name });
  expect(Consumer.ConsumerStatus).toBe("CREATING");
  await useRegistryClock();
  registryClock.advance(KINESIS.createConsumerMs);
  return Consumer;
}

/** Reads event-stream messages from a live response, one at a time. */
class EventReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new MessageDecoder();
  private readonly pending: Message[] = [];

  constructor(response: Response) {
    if (!response.body) throw new Error("no body");
    this.reader = response.body.getReader();
  }

  async next(): Promise<Message | undefined> {
    while (this.pending.length === 0) {
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.pending.push(...this.decoder.push(value));
    }
    return this.pending.shift();
  }

  async nextEvent(): Promise<SubscribeEvent> {
    const message = await this.next();
    if (!message) throw new Error("stream ended");
    expect(message.headers[":event-type"]?.value).toBe("SubscribeToShardEvent");
    return JSON.parse(new TextDecoder().decode(message.payload)) as SubscribeEvent;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }
}

async function subscribe(consumer: Consumer, shard: string, position: Record<string, unknown> = { Type: "TRIM_HORIZON" }) {
  const response = await openEventStream("SubscribeToShard", { ConsumerARN: consumer.ConsumerARN, ShardId: shard, StartingPosition: position });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
  const reader = new EventReader(response);
  const first = await reader.next();
  expect(first?.headers[":event-type"]?.value).toBe("initial-response");
  return reader;
}

describe("stream consumers", () => {
  it("registers, describes, lists and deregisters a consumer with AWS's ARN and statuses", async () => {
    const stream = await createActiveStream(1);
    const consumer = await activeConsumer(stream);
    expect(consumer.ConsumerARN).toMatch(new RegExp(`^${stream.arn}/consumer/reader:\\d+$`));
    const described = await ok<{ ConsumerDescription: Consumer & { StreamARN: string } }>("DescribeStreamConsumer", {
      ConsumerARN: consumer.ConsumerARN,
    });
    expect(described.ConsumerDescription).toMatchObject({ ConsumerName: "reader", ConsumerStatus: "ACTIVE", StreamARN: stream.arn });
    const byName = await ok<{ ConsumerDescription: Consumer }>("DescribeStreamConsumer", { StreamARN: stream.arn, ConsumerName: "reader" });
    expect(byName.ConsumerDescription.ConsumerARN).toBe(consumer.ConsumerARN);
    const listed = await ok<{ Consumers: Consumer[] }>("ListStreamConsumers", { StreamARN: stream.arn });
    expect(listed.Consumers.map((entry) => entry.ConsumerName)).toEqual(["reader"]);
    const summary = await ok<{ StreamDescriptionSummary: { ConsumerCount: number } }>("DescribeStreamSummary", { StreamName: stream.name });
    expect(summary.StreamDescriptionSummary.ConsumerCount).toBe(1);

    expectError(
      await call("RegisterStreamConsumer", { StreamARN: stream.arn, ConsumerName: "reader" }),
      "ResourceInUseException",
      `Consumer ${consumer.ConsumerARN} under account 000000000000 already exists.`,
    );
    await ok("DeregisterStreamConsumer", { ConsumerARN: consumer.ConsumerARN });
    registryClock.advance(KINESIS.deleteConsumerMs);
    expect((await ok<{ Consumers: Consumer[] }>("ListStreamConsumers", { StreamARN: stream.arn })).Consumers).toEqual([]);
  });

  it("keeps a stream with consumers from being deleted unless consumer deletion is enforced", async () => {
    const stream = await createActiveStream(1);
    await activeConsumer(stream);
    expectError(await call("DeleteStream", { StreamName: stream.name }), "ResourceInUseException", /has registered consumers/);
    await ok("DeleteStream", { StreamName: stream.name, EnforceConsumerDeletion: true });
  });
});

describe("SubscribeToShard", () => {
  it("pushes the backlog and then each new record as it is put, with continuation sequence numbers", async () => {
    const stream = await createActiveStream(1);
    const consumer = await activeConsumer(stream);
    const first = await ok<{ SequenceNumber: string }>("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("one") });
    const reader = await subscribe(consumer, shardId(0));
    const backlog = await reader.nextEvent();
    expect(backlog.Records.map((record) => new TextDecoder().decode(Uint8Array.fromBase64(record.Data)))).toEqual(["one"]);
    expect(backlog.ContinuationSequenceNumber).toBe(first.SequenceNumber);
    expect(backlog.MillisBehindLatest).toBe(0);

    const second = await ok<{ SequenceNumber: string }>("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("two") });
    const live = await reader.nextEvent();
    expect(live.Records.map((record) => record.SequenceNumber)).toEqual([second.SequenceNumber]);
    expect(live.Records[0]?.PartitionKey).toBe("a");
    await reader.cancel();
  });

  it("starts LATEST after the records already there", async () => {
    const stream = await createActiveStream(1);
    const consumer = await activeConsumer(stream);
    await ok("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("old") });
    const reader = await subscribe(consumer, shardId(0), { Type: "LATEST" });
    await ok("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("new") });
    const event = await reader.nextEvent();
    expect(event.Records.map((record) => new TextDecoder().decode(Uint8Array.fromBase64(record.Data)))).toEqual(["new"]);
    await reader.cancel();
  });

  it("ends a closed shard's subscription with its ChildShards and no continuation", async () => {
    const stream = await createActiveStream(1);
    const consumer = await activeConsumer(stream);
    await ok("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("before") });
    const reader = await subscribe(consumer, shardId(0));
    expect((await reader.nextEvent()).Records).toHaveLength(1);
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: "1000" });
    const last = await reader.nextEvent();
    expect(last.ContinuationSequenceNumber).toBeUndefined();
    expect(last.ChildShards?.map((child) => child.ShardId)).toEqual([shardId(1), shardId(2)]);
    expect(await reader.next()).toBeUndefined();
  });

  it("refuses a second subscription of the same consumer to the same shard within five seconds", async () => {
    const stream = await createActiveStream(1);
    const consumer = await activeConsumer(stream);
    const reader = await subscribe(consumer, shardId(0));
    const again = await call("SubscribeToShard", { ConsumerARN: consumer.ConsumerARN, ShardId: shardId(0), StartingPosition: { Type: "LATEST" } });
    expectError(again, "ResourceInUseException", /Another active subscription exists/);
    await reader.cancel();
  });

  it("answers AWS's errors for an unknown consumer or shard", async () => {
    const stream = await createActiveStream(1);
    const consumer = await activeConsumer(stream);
    expectError(
      await call("SubscribeToShard", { ConsumerARN: `${stream.arn}/consumer/ghost:1`, ShardId: shardId(0), StartingPosition: { Type: "LATEST" } }),
      "ResourceNotFoundException",
      `Consumer ghost under stream ${stream.name} under account 000000000000 not found.`,
    );
    expectError(
      await call("SubscribeToShard", { ConsumerARN: consumer.ConsumerARN, ShardId: shardId(9), StartingPosition: { Type: "LATEST" } }),
      "ResourceNotFoundException",
      `Shard ${shardId(9)} in stream ${stream.name} under account 000000000000 does not exist`,
    );
  });
});
