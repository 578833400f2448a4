import { describe, expect, it } from "vitest";
import {
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  FOUR_SHARD_RANGES,
  MIN_LENGTH_1,
  NAME_PATTERN,
  ok,
  shardId,
  streamNotFound,
  uniqueName,
  violation,
  type DescribeStreamOutput,
  type ListShardsOutput,
  type TestStream,
} from "./client";

function ids(output: ListShardsOutput): string[] {
  return output.Shards.map((shard) => shard.ShardId);
}

let fourShards: TestStream | undefined;

/** One 4-shard stream serves the read-only tests of this file. */
async function fourShardStream(): Promise<TestStream> {
  fourShards ??= await createActiveStream(4);
  return fourShards;
}

describe("ListShards", () => {
  describe("serializations", () => {
    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("ListShards", ["StreamName"], "String");
    });

    it("refuses a NextToken that is not a string", async () => {
      await expectTypeErrors("ListShards", ["NextToken"], "String");
    });

    it("refuses an ExclusiveStartShardId that is not a string", async () => {
      await expectTypeErrors("ListShards", ["ExclusiveStartShardId"], "String");
    });

    it("refuses a MaxResults that is not an integer", async () => {
      await expectTypeErrors("ListShards", ["MaxResults"], "Integer");
    });

    it("refuses a ShardFilter that is not a structure", async () => {
      await expectTypeErrors("ListShards", ["ShardFilter"], "Structure");
      await expectTypeErrors("ListShards", ["ShardFilter", "Type"], "String");
    });
  });

  describe("validations", () => {
    it("needs a NextToken or a StreamName", async () => {
      await expectFailure("ListShards", {}, "InvalidArgumentException", "Either NextToken or StreamName should be provided.");
    });

    it("reports every empty member at once", async () => {
      await expectValidation(
        "ListShards",
        { StreamName: "", MaxResults: 0, ExclusiveStartShardId: "" },
        violation("", "exclusiveStartShardId", NAME_PATTERN),
        violation("", "exclusiveStartShardId", MIN_LENGTH_1),
        violation("0", "maxResults", "Member must have value greater than or equal to 1"),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("refuses a MaxResults above 10000", async () => {
      const stream = await fourShardStream();
      await expectValidation(
        "ListShards",
        { StreamName: stream.name, MaxResults: 10001 },
        violation("10001", "maxResults", "Member must have value less than or equal to 10000"),
      );
    });

    it("refuses an unknown ShardFilter type", async () => {
      const stream = await fourShardStream();
      await expectValidation(
        "ListShards",
        { StreamName: stream.name, ShardFilter: { Type: "SOMEWHERE" } },
        violation(
          "SOMEWHERE",
          "shardFilter.type",
          "Member must satisfy enum value set: [FROM_TIMESTAMP, FROM_TRIM_HORIZON, AT_LATEST, AT_TRIM_HORIZON, AT_TIMESTAMP, AFTER_SHARD_ID]",
        ),
      );
    });

    it("refuses a NextToken together with a StreamName or StreamARN", async () => {
      const stream = await fourShardStream();
      const page = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, MaxResults: 1 });
      expect(page.NextToken).toBeDefined();
      const message = "NextToken and StreamName cannot be provided together.";
      await expectFailure("ListShards", { NextToken: page.NextToken, StreamName: stream.name }, "InvalidArgumentException", message);
      await expectFailure("ListShards", { NextToken: page.NextToken, StreamARN: stream.arn }, "InvalidArgumentException", message);
    });

    it("refuses a NextToken it did not hand out", async () => {
      await expectFailure("ListShards", { NextToken: "bm90IGEgdG9rZW4=" }, "InvalidArgumentException", "Invalid NextToken.");
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("ListShards", { StreamName: name }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("needs the ShardId of an AFTER_SHARD_ID filter and the Timestamp of a timestamp filter", async () => {
      const stream = await fourShardStream();
      await expectFailure(
        "ListShards",
        { StreamName: stream.name, ShardFilter: { Type: "AFTER_SHARD_ID" } },
        "InvalidArgumentException",
        "ShardId must be provided for ShardFilterType AFTER_SHARD_ID.",
      );
      for (const type of ["AT_TIMESTAMP", "FROM_TIMESTAMP"]) {
        await expectFailure(
          "ListShards",
          { StreamName: stream.name, ShardFilter: { Type: type } },
          "InvalidArgumentException",
          `Timestamp must be provided for ShardFilterType ${type}.`,
        );
      }
    });

    it("refuses a StreamCreationTimestamp that is not the stream's", async () => {
      const stream = await fourShardStream();
      await expectFailure(
        "ListShards",
        { StreamName: stream.name, StreamCreationTimestamp: 1000 },
        "InvalidArgumentException",
        `StreamCreationTimestamp 1000 does not match the creation time of stream ${stream.name}.`,
      );
    });
  });

  describe("functionality", () => {
    it("lists a stream's shards with AWS's hash key ranges", async () => {
      const stream = await fourShardStream();
      const output = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name });
      expect(Object.keys(output)).toEqual(["Shards"]);
      expect(ids(output)).toEqual([0, 1, 2, 3].map(shardId));
      expect(output.Shards.map((shard) => shard.HashKeyRange)).toEqual(FOUR_SHARD_RANGES);
      const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      expect(output.Shards).toEqual(described.StreamDescription.Shards);
    });

    it("lists shards by StreamARN", async () => {
      const stream = await fourShardStream();
      const byArn = await ok<ListShardsOutput>("ListShards", { StreamARN: stream.arn });
      const byName = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name });
      expect(byArn).toEqual(byName);
    });

    it("pages with MaxResults and NextToken", async () => {
      const stream = await fourShardStream();
      const first = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, MaxResults: 3 });
      expect(ids(first)).toEqual([0, 1, 2].map(shardId));
      expect(typeof first.NextToken).toBe("string");
      const second = await ok<ListShardsOutput>("ListShards", { NextToken: first.NextToken, MaxResults: 3 });
      expect(ids(second)).toEqual([shardId(3)]);
      expect(second.NextToken).toBeUndefined();

      const ones: string[] = [];
      let page = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, MaxResults: 1 });
      ones.push(...ids(page));
      while (page.NextToken !== undefined) {
        expect(ones.length).toBeLessThan(5);
        page = await ok<ListShardsOutput>("ListShards", { NextToken: page.NextToken, MaxResults: 1 });
        ones.push(...ids(page));
      }
      expect(ones).toEqual([0, 1, 2, 3].map(shardId));

      const exact = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, MaxResults: 4 });
      expect(ids(exact)).toHaveLength(4);
      expect(exact.NextToken).toBeUndefined();
    });

    it("starts after ExclusiveStartShardId", async () => {
      const stream = await fourShardStream();
      const output = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, ExclusiveStartShardId: shardId(1) });
      expect(ids(output)).toEqual([shardId(2), shardId(3)]);
      const none = await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, ExclusiveStartShardId: shardId(3) });
      expect(none.Shards).toEqual([]);
    });

    it("accepts the stream's own StreamCreationTimestamp", async () => {
      const stream = await fourShardStream();
      const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      const output = await ok<ListShardsOutput>("ListShards", {
        StreamName: stream.name,
        StreamCreationTimestamp: described.StreamDescription.StreamCreationTimestamp,
      });
      expect(ids(output)).toHaveLength(4);
    });

    it("filters shards with every ShardFilter type", async () => {
      const stream = await fourShardStream();
      const all = [0, 1, 2, 3].map(shardId);
      const list = async (filter: object) => ids(await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, ShardFilter: filter }));
      const now = Date.now() / 1000;
      expect(await list({ Type: "AFTER_SHARD_ID", ShardId: shardId(0) })).toEqual(all.slice(1));
      expect(await list({ Type: "AFTER_SHARD_ID", ShardId: shardId(3) })).toEqual([]);
      expect(await list({ Type: "AT_TRIM_HORIZON" })).toEqual(all);
      expect(await list({ Type: "FROM_TRIM_HORIZON" })).toEqual(all);
      expect(await list({ Type: "AT_LATEST" })).toEqual(all);
      expect(await list({ Type: "AT_TIMESTAMP", Timestamp: now })).toEqual(all);
      expect(await list({ Type: "FROM_TIMESTAMP", Timestamp: now })).toEqual(all);
      // Before the stream existed: its first shards are the ones open then.
      expect(await list({ Type: "AT_TIMESTAMP", Timestamp: 1000 })).toEqual(all);
    });

    it("keeps the ShardFilter across pages", async () => {
      const stream = await fourShardStream();
      const first = await ok<ListShardsOutput>("ListShards", {
        StreamName: stream.name,
        MaxResults: 1,
        ShardFilter: { Type: "AFTER_SHARD_ID", ShardId: shardId(1) },
      });
      expect(ids(first)).toEqual([shardId(2)]);
      const second = await ok<ListShardsOutput>("ListShards", { NextToken: first.NextToken, MaxResults: 1 });
      expect(ids(second)).toEqual([shardId(3)]);
      expect(second.NextToken).toBeUndefined();
    });
  });
});
