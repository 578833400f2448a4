/**
 * The few resources the fuzz suite aims at (two streams, one with a consumer and records, and a
 * delivery stream), made ACTIVE by moving the registries' clocks and kept that way: the clocks stay
 * frozen during a run, so nothing changes by itself between two looks, and ensureFixtures() brings
 * back (or lets settle) whatever a successful request deleted or left in transition.
 *
 * snapshot() is what the account holds, as the API reports it (ListStreams, DescribeStreamSummary,
 * ListShards, ListTagsForStream, ListStreamConsumers, GetResourcePolicy, DescribeAccountSettings,
 * ListDeliveryStreams, DescribeDeliveryStream, ListTagsForDeliveryStream), plus the records stored
 * in each fixture's shards and buffer, which no API counts: a refused request must change none of it.
 */
import { runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { KINESIS } from "../../../src/limits";
import { bufferFor } from "../../../src/objects";
import type { DeliveryBuffer } from "../../../src/firehose/buffer";
import {
  ACCOUNT,
  call,
  createActiveStream,
  env,
  ok,
  REGION,
  registryClock,
  runRegistryAlarm,
  shardStub,
  useRegistryClock,
  type DescribeStreamSummaryOutput,
  type ListShardsOutput,
  type PutRecordOutput,
  type GetShardIteratorOutput,
} from "../client";
import * as firehose from "../firehose/helpers";
import type { Hints } from "./arbitraries";

export const STREAMS = ["fuzz-stream-a", "fuzz-stream-b"] as const;
export const CONSUMER = "fuzz-consumer";
export const DELIVERY_STREAM = "fuzz-delivery";
const MISSING = "fuzz-missing";

export interface Fixtures {
  streams: { name: string; arn: string; id: string }[];
  consumerArn: string;
  iterator: string;
  sequenceNumber: string;
  delivery: firehose.TestDeliveryStream;
}

const arn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;

/** Moves the frozen clocks far enough for every transition (create, delete, reshard) to finish. */
async function settle(): Promise<void> {
  await useRegistryClock();
  registryClock.advance(10_000);
  await runRegistryAlarm();
  await firehose.useRegistryClock();
  firehose.clock.advance(10_000);
}

async function ensureStream(name: string, shards: number): Promise<{ name: string; arn: string; id: string }> {
  let described = await call<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
  if (described.status === 200 && described.body.StreamDescriptionSummary.StreamStatus !== "ACTIVE") {
    await settle();
    described = await call<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
  }
  if (described.status === 200) {
    const summary = described.body.StreamDescriptionSummary;
    return { name, arn: summary.StreamARN, id: summary.StreamId };
  }
  const stream = await createActiveStream(shards, {}, name);
  return { name, arn: stream.arn, id: stream.id };
}

/**
 * Gives the registries their frozen clocks again before a run: an object idle for seconds is evicted,
 * and the next one built starts on the system's clock, where a status could move between two looks.
 */
export async function holdClocks(): Promise<void> {
  await useRegistryClock();
  await firehose.useRegistryClock();
}

/** The fixtures, created or brought back to ACTIVE; the clocks frozen. */
export async function ensureFixtures(): Promise<Fixtures> {
  registryClock.freeze();
  firehose.clock.freeze();
  await settle();
  const streams = [await ensureStream(STREAMS[0], 2), await ensureStream(STREAMS[1], 1)];
  const [a] = streams;
  if (!a) throw new Error("no fixture stream");
  await call("AddTagsToStream", { StreamName: a.name, Tags: { owner: "fuzz", purpose: "fixture" } });
  let consumer = await call<{ ConsumerDescription: { ConsumerARN: string; ConsumerStatus: string } }>("DescribeStreamConsumer", {
    StreamARN: a.arn,
    ConsumerName: CONSUMER,
  });
  if (consumer.status !== 200) {
    await ok("RegisterStreamConsumer", { StreamARN: a.arn, ConsumerName: CONSUMER });
    registryClock.advance(KINESIS.createConsumerMs);
    consumer = await call("DescribeStreamConsumer", { StreamARN: a.arn, ConsumerName: CONSUMER });
  }
  const put = await ok<PutRecordOutput>("PutRecord", { StreamName: a.name, PartitionKey: "fixture", Data: "Zml4dHVyZQ==", ExplicitHashKey: "0" });
  const iterator = await ok<GetShardIteratorOutput>("GetShardIterator", {
    StreamName: a.name,
    ShardId: "shardId-000000000000",
    ShardIteratorType: "TRIM_HORIZON",
  });

  // settle() above finished any delete of the delivery stream: it is there, ACTIVE, or gone.
  const described = await firehose.call("DescribeDeliveryStream", { DeliveryStreamName: DELIVERY_STREAM });
  const delivery =
    described.status === 200
      ? await existingDelivery()
      : await firehose.createDeliveryStream({ Prefix: "fuzz-firehose/" }, { name: DELIVERY_STREAM });
  return {
    streams,
    consumerArn: consumer.body.ConsumerDescription.ConsumerARN,
    iterator: iterator.ShardIterator,
    sequenceNumber: put.SequenceNumber,
    delivery,
  };
}

async function existingDelivery(): Promise<firehose.TestDeliveryStream> {
  const id = await runInDurableObject(firehose.registryStub(), (_instance, state) =>
    state.storage.sql.exec<{ id: string }>("SELECT id FROM delivery_streams WHERE name = ?", DELIVERY_STREAM).one().id,
  );
  const delivery: firehose.TestDeliveryStream = { name: DELIVERY_STREAM, id, buffer: bufferFor(env, id), outbox: [] };
  await firehose.takeOverBuffer(delivery);
  return delivery;
}

// ---------------------------------------------------------------------------------------------
// Hints: the values members take to reach the fixtures

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kinesis:DescribeStreamSummary", Resource: "*" }],
});

export function hintsFor(fixtures: Fixtures): Hints {
  const names = [...fixtures.streams.map((stream) => stream.name), MISSING];
  const arns = [...fixtures.streams.map((stream) => stream.arn), arn(MISSING)];
  const shardIds = fc.constantFrom("shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "1", "shardId-7");
  const hashKeys = fc.constantFrom("0", "1", "170141183460469231731687303715884105728", "340282366920938463463374607431768211455");
  return {
    StreamName: fc.constantFrom(...names),
    StreamARN: fc.constantFrom(...arns),
    ResourceARN: fc.constantFrom(...arns, fixtures.consumerArn),
    StreamId: fc.constantFrom(...fixtures.streams.map((stream) => stream.id)),
    ConsumerName: fc.constantFrom(CONSUMER, "fuzz-other-consumer"),
    ConsumerARN: fc.constant(fixtures.consumerArn),
    ShardId: shardIds,
    ExclusiveStartShardId: shardIds,
    ShardToSplit: shardIds,
    ShardToMerge: shardIds,
    AdjacentShardToMerge: shardIds,
    ShardIterator: fc.constant(fixtures.iterator),
    StartingSequenceNumber: fc.constant(fixtures.sequenceNumber),
    SequenceNumberForOrdering: fc.constant(fixtures.sequenceNumber),
    ExplicitHashKey: hashKeys,
    NewStartingHashKey: hashKeys,
    PartitionKey: fc.constantFrom("pk-1", "pk-2", "ключ", "🔑"),
    KeyId: fc.constantFrom("alias/aws/kinesis", "fuzz-key"),
    Policy: fc.constant(POLICY),
    TargetShardCount: fc.integer({ min: 1, max: 4 }),
    DeliveryStreamName: fc.constantFrom(DELIVERY_STREAM, MISSING),
    BucketARN: fc.constant(firehose.BUCKET_ARN),
    RoleARN: fc.constant(firehose.ROLE_ARN),
    KinesisStreamARN: fc.constantFrom(...arns),
    CurrentDeliveryStreamVersionId: fc.constantFrom("1", "2"),
    DestinationId: fc.constant("destinationId-000000000001"),
  };
}

// ---------------------------------------------------------------------------------------------
// What the account holds

async function bodyOf(operation: string, input: unknown, service: "kinesis" | "firehose" = "kinesis"): Promise<unknown> {
  const answer = service === "kinesis" ? await call(operation, input) : await firehose.call(operation, input);
  return { status: answer.status, body: answer.body };
}

async function shardRecordCounts(streamId: string, shards: ListShardsOutput | undefined): Promise<number[]> {
  return Promise.all(
    (shards?.Shards ?? []).map((shard) =>
      runInDurableObject(shardStub(streamId, Number(shard.ShardId.replace(/^shardId-/, ""))), (_instance, state) => {
        try {
          return state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM records").one().n;
        } catch {
          return -1; // no records table: the shard was never written to
        }
      }),
    ),
  );
}

/** What the account holds of one service's resources (the one a fuzzed operation belongs to). */
export async function snapshot(fixtures: Fixtures, service: "kinesis" | "firehose"): Promise<unknown> {
  if (service === "firehose") {
    const [deliveryStreams, delivery, deliveryTags, buffered] = await Promise.all([
      bodyOf("ListDeliveryStreams", { Limit: 10_000 }, "firehose"),
      bodyOf("DescribeDeliveryStream", { DeliveryStreamName: DELIVERY_STREAM }, "firehose"),
      bodyOf("ListTagsForDeliveryStream", { DeliveryStreamName: DELIVERY_STREAM }, "firehose"),
      runInDurableObject(fixtures.delivery.buffer, (_instance: DeliveryBuffer, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM records").one().n,
      ),
    ]);
    return { deliveryStreams, delivery, deliveryTags, buffered };
  }
  const streams = fixtures.streams.map(async (stream) => {
    const shards = await call<ListShardsOutput>("ListShards", { StreamName: stream.name });
    const [summary, records, tags, consumers, policy] = await Promise.all([
      bodyOf("DescribeStreamSummary", { StreamName: stream.name }),
      shardRecordCounts(stream.id, shards.status === 200 ? shards.body : undefined),
      bodyOf("ListTagsForStream", { StreamName: stream.name }),
      bodyOf("ListStreamConsumers", { StreamARN: stream.arn }),
      bodyOf("GetResourcePolicy", { ResourceARN: stream.arn }),
    ]);
    return { summary, shards: { status: shards.status, body: shards.body }, records, tags, consumers, policy };
  });
  const [all, account, ...fixtureStreams] = await Promise.all([
    bodyOf("ListStreams", { Limit: 10_000 }),
    bodyOf("DescribeAccountSettings", {}),
    ...streams,
  ]);
  return { all, account, fixtures: fixtureStreams };
}
