/**
 * Data outlives the server: records written before close() are all there, once each and in order,
 * after a new server starts on the same data directory, and the stream carries on from where it was.
 */
import {
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type Shard,
} from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  byShard,
  bytesEqual,
  createActiveStream,
  expectSameRecords,
  kinesisClient,
  randomData,
  readToEnd,
  removeDir,
  shardIterator,
  startServer,
  tempDir,
  uniqueName,
  waitForActive,
  type TestServer,
  type Written,
} from "./helpers";

let dir: string | undefined;
let server: TestServer | undefined;
let client: KinesisClient | undefined;

const streamName = uniqueName("e2e-restart");
let shards: Shard[] = [];
const written: Written[] = [];
/** Taken before the restart, used after it. */
let iteratorBefore = "";

beforeAll(async () => {
  dir = tempDir("restart");
  server = await startServer({ persistDir: dir });
  client = kinesisClient(server.url);

  shards = await createActiveStream(client, streamName, 4);
  await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: streamName, RetentionPeriodHours: 48 }));
  await waitForActive(client, streamName);

  const records = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `restart-${i % 61}`, Data: randomData(1500) }));
  const put = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: records }));
  expect(put.FailedRecordCount).toBe(0);
  records.forEach((record, i) => {
    const result = put.Records?.[i];
    written.push({
      partitionKey: record.PartitionKey,
      data: record.Data,
      shardId: result?.ShardId as string,
      sequenceNumber: result?.SequenceNumber as string,
    });
  });
  for (let i = 0; i < 20; i++) {
    const data = randomData(300);
    const answer = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: `single-${i}`, Data: data }));
    written.push({ partitionKey: `single-${i}`, data, shardId: answer.ShardId as string, sequenceNumber: answer.SequenceNumber as string });
  }
  iteratorBefore = await shardIterator(client, {
    StreamName: streamName,
    ShardId: "shardId-000000000000",
    ShardIteratorType: "TRIM_HORIZON",
  });

  // A real restart: the first server's processes are gone before the second one starts.
  client.destroy();
  await server.close();
  await server.exited;
  server = await startServer({ persistDir: dir });
  client = kinesisClient(server.url);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  removeDir(dir);
});

describe("after a restart on the same data directory", () => {
  it("still has the stream, ACTIVE, with its shards and retention", async () => {
    const kinesis = client as KinesisClient;
    const { StreamNames } = await kinesis.send(new ListStreamsCommand({}));
    expect(StreamNames).toContain(streamName);
    const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    expect(StreamDescriptionSummary).toMatchObject({ StreamStatus: "ACTIVE", OpenShardCount: 4, RetentionPeriodHours: 48 });
  });

  it("reads back every record written before it: 520, none lost, none repeated, in order, bytes intact", async () => {
    const kinesis = client as KinesisClient;
    const expected = byShard(written);
    let count = 0;
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      const iterator = await shardIterator(kinesis, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
      const { records } = await readToEnd(kinesis, iterator);
      expectSameRecords(records, expected.get(shardId) ?? []);
      count += records.length;
    }
    expect(count).toBe(520);
  });

  it("honours a shard iterator handed out before the restart", async () => {
    const kinesis = client as KinesisClient;
    const { records } = await readToEnd(kinesis, iteratorBefore);
    expectSameRecords(records, byShard(written).get("shardId-000000000000") ?? []);
  });

  it("carries on: new records follow the old ones on every shard", async () => {
    const kinesis = client as KinesisClient;
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      const data = randomData(64);
      const answer = await kinesis.send(
        new PutRecordCommand({
          StreamName: streamName,
          PartitionKey: "after-restart",
          Data: data,
          ExplicitHashKey: shard.HashKeyRange?.StartingHashKey,
        }),
      );
      expect(answer.ShardId).toBe(shardId);
      written.push({ partitionKey: "after-restart", data, shardId, sequenceNumber: answer.SequenceNumber as string });

      const iterator = await shardIterator(kinesis, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
      const { records } = await readToEnd(kinesis, iterator);
      expectSameRecords(records, byShard(written).get(shardId) ?? []);
      const last = records.at(-1);
      expect(last?.SequenceNumber).toBe(answer.SequenceNumber);
      expect(bytesEqual(last?.Data, data)).toBe(true);
    }
  });
});
