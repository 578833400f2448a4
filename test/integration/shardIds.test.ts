/**
 * Shard ids as AWS reads them, in every operation that takes one: `shardId-000000000005`,
 * `shardId-5`, `5` and `anything-5` all name shard 5, and answers give the canonical form. The
 * messages for a missing stream and a missing shard are AWS's, as kinesalite recorded them.
 */
import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  ACCOUNT,
  base64,
  call,
  createActiveStream,
  expectError,
  getIterator,
  ok,
  openEventStream,
  readAll,
  registryClock,
  shardId,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  type ListShardsOutput,
  type PutRecordOutput,
  type StreamDescription,
  type TestStream,
} from "./client";

/** Every spelling of shard `index` that AWS reads as that shard. */
function spellings(index: number): string[] {
  return [shardId(index), `shardId-${index}`, String(index), `anything-${index}`, `-0000${index}`, `shard-${index}`];
}

/** Ids that name no shard at all: not a number, or above 2^31 - 1. */
const NO_SHARD = ["2147483648", "shardId-002147483648", "ABKLFD8", "2.14E4", "a-b-1"];

function couldNotFind(given: string, stream: string): string {
  return `Could not find shard ${given} in stream ${stream} under account ${ACCOUNT}.`;
}

function doesNotExist(index: number, stream: string): string {
  return `Shard ${shardId(index)} in stream ${stream} under account ${ACCOUNT} does not exist`;
}

async function putTo(stream: TestStream, shard: 0 | 1, data: string): Promise<PutRecordOutput> {
  const hashKey = shard === 0 ? "0" : (1n << 127n).toString();
  return ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: "k", ExplicitHashKey: hashKey, Data: base64(data) });
}

async function listShardIds(input: Record<string, unknown>): Promise<string[]> {
  return (await ok<ListShardsOutput>("ListShards", input)).Shards.map((shard) => shard.ShardId);
}

describe("shard ids", () => {
  describe("as AWS reads them", () => {
    it("name the same shard in GetShardIterator, however spelt", async () => {
      const stream = await createActiveStream(2);
      await putTo(stream, 0, "zero");
      await putTo(stream, 1, "one");
      for (const spelling of spellings(1)) {
        const records = await readAll(await getIterator(stream, spelling, "TRIM_HORIZON"));
        expect(records.map((record) => record.Data), spelling).toEqual([base64("one")]);
      }
    });

    it("start ListShards and DescribeStream after the shard named, answering canonical ids", async () => {
      const stream = await createActiveStream(3);
      for (const spelling of spellings(0)) {
        expect(await listShardIds({ StreamName: stream.name, ExclusiveStartShardId: spelling }), spelling).toEqual([shardId(1), shardId(2)]);
        expect(
          await listShardIds({ StreamName: stream.name, ShardFilter: { Type: "AFTER_SHARD_ID", ShardId: spelling } }),
          spelling,
        ).toEqual([shardId(1), shardId(2)]);
        const described = await ok<{ StreamDescription: StreamDescription }>("DescribeStream", {
          StreamName: stream.name,
          ExclusiveStartShardId: spelling,
        });
        expect(described.StreamDescription.Shards.map((shard) => shard.ShardId), spelling).toEqual([shardId(1), shardId(2)]);
      }
      // A position need not be a shard the stream has.
      expect(await listShardIds({ StreamName: stream.name, ExclusiveStartShardId: "shardId-1000" })).toEqual([]);
    });

    it("split and merge the shards named, answering canonical ids and lineage", async () => {
      const stream = await createActiveStream(2);
      await ok("SplitShard", { StreamName: stream.name, ShardToSplit: "shard-0", NewStartingHashKey: "1000" });
      await useRegistryClock();
      registryClock.advance(KINESIS.updateStreamMs);
      await ok("MergeShards", { StreamName: stream.name, ShardToMerge: "a-3", AdjacentShardToMerge: "1" });
      registryClock.advance(KINESIS.updateStreamMs);
      const { Shards } = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name });
      expect(Shards.map((shard) => [shard.ShardId, shard.ParentShardId, shard.AdjacentParentShardId])).toEqual([
        [shardId(0), undefined, undefined],
        [shardId(1), undefined, undefined],
        [shardId(2), shardId(0), undefined],
        [shardId(3), shardId(0), undefined],
        [shardId(4), shardId(3), shardId(1)],
      ]);
      expectError(
        await call("SplitShard", { StreamName: stream.name, ShardToSplit: "x-0", NewStartingHashKey: "100" }),
        "InvalidArgumentException",
        `Shard ${shardId(0)} in stream ${stream.name} under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
      );
    });

    it("subscribe to the shard named", async () => {
      const stream = await createActiveStream(2);
      const { Consumer } = await ok<{ Consumer: { ConsumerARN: string } }>("RegisterStreamConsumer", { StreamARN: stream.arn, ConsumerName: "ids" });
      await useRegistryClock();
      registryClock.advance(KINESIS.createConsumerMs);
      const response = await openEventStream("SubscribeToShard", {
        ConsumerARN: Consumer.ConsumerARN,
        ShardId: "reader-1",
        StartingPosition: { Type: "LATEST" },
      });
      expect(response.status).toBe(200);
      await response.body?.cancel();
      const missing = await openEventStream("SubscribeToShard", {
        ConsumerARN: Consumer.ConsumerARN,
        ShardId: "shardId-7",
        StartingPosition: { Type: "LATEST" },
      });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ __type: "ResourceNotFoundException", message: doesNotExist(7, stream.name) });
    });
  });

  describe("not found", () => {
    it("in GetShardIterator: a shard, whether the stream or the shard is missing; an id that names none, as given", async () => {
      const stream = await createActiveStream(1);
      const missing = uniqueName();
      const request = (name: string, id: string) => call("GetShardIterator", { StreamName: name, ShardId: id, ShardIteratorType: "LATEST" });
      expectError(await request(missing, "shardId-5"), "ResourceNotFoundException", doesNotExist(5, missing));
      expectError(await request(missing, "x-2147483647"), "ResourceNotFoundException", doesNotExist(2147483647, missing));
      expectError(await request(stream.name, "shardId-5"), "ResourceNotFoundException", doesNotExist(5, stream.name));
      for (const id of NO_SHARD) {
        expectError(await request(missing, id), "ResourceNotFoundException", couldNotFind(id, missing));
        expectError(await request(stream.name, id), "ResourceNotFoundException", couldNotFind(id, stream.name));
      }
    });

    it("in SplitShard: the stream when it is missing, then the shard, canonical, or as given when the id names none", async () => {
      const stream = await createActiveStream(1);
      const missing = uniqueName();
      const split = (name: string, id: string) => call("SplitShard", { StreamName: name, ShardToSplit: id, NewStartingHashKey: "1000" });
      expectError(await split(missing, "x-2147483647"), "ResourceNotFoundException", streamNotFound(missing));
      expectError(await split(stream.name, "shardId-5"), "ResourceNotFoundException", couldNotFind(shardId(5), stream.name));
      for (const id of NO_SHARD) {
        expectError(await split(missing, id), "ResourceNotFoundException", couldNotFind(id, missing));
      }
    });

    it("in MergeShards: the same, for either shard", async () => {
      const stream = await createActiveStream(2);
      const missing = uniqueName();
      const merge = (name: string, shard: string, adjacent: string) =>
        call("MergeShards", { StreamName: name, ShardToMerge: shard, AdjacentShardToMerge: adjacent });
      expectError(await merge(missing, "x-0", "x-1"), "ResourceNotFoundException", streamNotFound(missing));
      expectError(await merge(stream.name, "shardId-5", "1"), "ResourceNotFoundException", couldNotFind(shardId(5), stream.name));
      expectError(await merge(stream.name, "0", "shardId-5"), "ResourceNotFoundException", couldNotFind(shardId(5), stream.name));
      for (const id of NO_SHARD) {
        expectError(await merge(missing, id, "x-0"), "ResourceNotFoundException", couldNotFind(id, missing));
        expectError(await merge(missing, "x-0", id), "ResourceNotFoundException", couldNotFind(id, missing));
      }
      expectError(
        await merge(stream.name, "a-0", "b-0"),
        "InvalidArgumentException",
        `Shards ${shardId(0)} and ${shardId(0)} in stream ${stream.name} under account ${ACCOUNT} are not an adjacent pair of shards eligible for merging`,
      );
    });

    it("in ListShards: the stream when it is missing; an id that names no shard, as given", async () => {
      const stream = await createActiveStream(1);
      const missing = uniqueName();
      expectError(await call("ListShards", { StreamName: missing }), "ResourceNotFoundException", streamNotFound(missing));
      expectError(await call("ListShards", { StreamName: missing, ExclusiveStartShardId: "shardId-0" }), "ResourceNotFoundException", streamNotFound(missing));
      for (const id of NO_SHARD) {
        expectError(await call("ListShards", { StreamName: stream.name, ExclusiveStartShardId: id }), "ResourceNotFoundException", couldNotFind(id, stream.name));
        expectError(
          await call("ListShards", { StreamName: stream.name, ShardFilter: { Type: "AFTER_SHARD_ID", ShardId: id } }),
          "ResourceNotFoundException",
          couldNotFind(id, stream.name),
        );
      }
    });
  });
});
