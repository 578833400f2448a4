import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  ACCOUNT,
  call,
  createActiveStream,
  expectError,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  FOUR_SHARD_RANGES,
  MAX_LENGTH_128,
  MIN_LENGTH_1,
  NAME_PATTERN,
  NOT_NULL,
  ok,
  REGION,
  registryClock,
  shardId,
  streamArn,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  violation,
  type DescribeLimitsOutput,
  type DescribeStreamOutput,
  type DescribeStreamSummaryOutput,
  type ListStreamsOutput,
  type ListTagsForStreamOutput,
} from "./client";

async function expectNoStream(name: string): Promise<void> {
  expectError(await call("DescribeStream", { StreamName: name }), "ResourceNotFoundException", streamNotFound(name));
  const list = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: name.slice(0, -1), Limit: 10 });
  expect(list.StreamNames).not.toContain(name);
}

describe("CreateStream", () => {
  describe("serializations", () => {
    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("CreateStream", ["StreamName"], "String");
    });

    it("refuses a ShardCount that is not an integer", async () => {
      await expectTypeErrors("CreateStream", ["ShardCount"], "Integer");
    });

    it("refuses Tags that are not a map of strings", async () => {
      await expectTypeErrors("CreateStream", ["Tags"], "Map");
      await expectTypeErrors("CreateStream", ["Tags", "a"], "String");
    });

    it("refuses StreamModeDetails that are not a structure", async () => {
      await expectTypeErrors("CreateStream", ["StreamModeDetails"], "Structure");
      await expectTypeErrors("CreateStream", ["StreamModeDetails", "StreamMode"], "String");
    });
  });

  describe("validations", () => {
    it("requires a StreamName", async () => {
      await expectValidation("CreateStream", {}, violation(null, "streamName", NOT_NULL));
    });

    it("requires a ShardCount for a provisioned stream", async () => {
      const name = uniqueName();
      await expectValidation("CreateStream", { StreamName: name }, violation(null, "shardCount", NOT_NULL));
      await expectValidation(
        "CreateStream",
        { StreamName: name, StreamModeDetails: { StreamMode: "PROVISIONED" } },
        violation(null, "shardCount", NOT_NULL),
      );
      await expectNoStream(name);
    });

    it("treats null as absent", async () => {
      await expectValidation("CreateStream", { StreamName: null, ShardCount: 1 }, violation(null, "streamName", NOT_NULL));
    });

    it("refuses an empty StreamName and a zero ShardCount, every error at once", async () => {
      await expectValidation(
        "CreateStream",
        { StreamName: "", ShardCount: 0 },
        violation("0", "shardCount", "Member must have value greater than or equal to 1"),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("refuses a StreamName longer than 128 characters", async () => {
      const name = "a".repeat(129);
      await expectValidation("CreateStream", { StreamName: name, ShardCount: 1 }, violation(name, "streamName", MAX_LENGTH_128));
    });

    it("refuses a StreamName with characters outside [a-zA-Z0-9_.-]", async () => {
      await expectValidation("CreateStream", { StreamName: "a/b", ShardCount: 1 }, violation("a/b", "streamName", NAME_PATTERN));
    });

    it("refuses an unknown StreamMode", async () => {
      await expectValidation(
        "CreateStream",
        { StreamName: uniqueName(), StreamModeDetails: { StreamMode: "SOMETIMES" } },
        violation("SOMETIMES", "streamModeDetails.streamMode", "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"),
      );
    });

    it("refuses an empty Tags map", async () => {
      await expectValidation(
        "CreateStream",
        { StreamName: uniqueName(), ShardCount: 1, Tags: {} },
        violation("{}", "tags", MIN_LENGTH_1),
      );
    });

    it("refuses a MaxRecordSizeInKiB out of range", async () => {
      await expectValidation(
        "CreateStream",
        { StreamName: uniqueName(), ShardCount: 1, MaxRecordSizeInKiB: 10241 },
        violation("10241", "maxRecordSizeInKiB", "Member must have value less than or equal to 10240"),
      );
    });

    it("refuses a stream that would exceed the account's shard limit, and creates nothing", async () => {
      await useRegistryClock();
      const name = uniqueName();
      const { OpenShardCount } = await ok<DescribeLimitsOutput>("DescribeLimits", {});
      const shards = KINESIS.shardLimit - OpenShardCount + 1;
      await expectFailure(
        "CreateStream",
        { StreamName: name, ShardCount: shards },
        "LimitExceededException",
        `This request would exceed the shard limit for the account ${ACCOUNT} in ${REGION}. ` +
          `Current shard count for the account: ${OpenShardCount}. Limit: ${KINESIS.shardLimit}. ` +
          `Number of additional shards that would have resulted from this request: ${shards}. ` +
          "Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) " +
          "for current limits and how to request higher limits.",
      );
      await expectNoStream(name);
      const after = await ok<DescribeLimitsOutput>("DescribeLimits", {});
      expect(after.OpenShardCount).toBe(OpenShardCount);
    });

    it("creates a stream once when asked twice at the same time", async () => {
      await useRegistryClock();
      const name = uniqueName();
      const responses = await Promise.all([1, 2, 3].map((count) => call("CreateStream", { StreamName: name, ShardCount: count })));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 400, 400]);
      for (const response of responses.filter((each) => each.status === 400)) {
        expectError(response, "ResourceInUseException", `Stream ${name} under account ${ACCOUNT} already exists.`);
      }
      registryClock.advance(KINESIS.createStreamMs);
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
      const winner = responses.findIndex((response) => response.status === 200) + 1;
      expect(summary.StreamDescriptionSummary.OpenShardCount).toBe(winner);
    });

    it("refuses a name already in use, while CREATING and once ACTIVE", async () => {
      await useRegistryClock();
      const name = uniqueName();
      await ok("CreateStream", { StreamName: name, ShardCount: 1 });
      const inUse = `Stream ${name} under account ${ACCOUNT} already exists.`;
      await expectFailure("CreateStream", { StreamName: name, ShardCount: 2 }, "ResourceInUseException", inUse);
      registryClock.advance(KINESIS.createStreamMs);
      await expectFailure("CreateStream", { StreamName: name, ShardCount: 1 }, "ResourceInUseException", inUse);
      // The refused second stream changed nothing: still one shard.
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
      expect(summary.StreamDescriptionSummary.OpenShardCount).toBe(1);
    });
  });

  describe("functionality", () => {
    it("creates a 4-shard stream: CREATING, then ACTIVE with AWS's hash key ranges", async () => {
      await useRegistryClock();
      const name = uniqueName();
      const before = registryClock.now();
      const created = await call("CreateStream", { StreamName: name, ShardCount: 4 });
      expect(created.status).toBe(200);
      const after = registryClock.now();

      const creating = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: name });
      expect(creating.StreamDescription.StreamStatus).toBe("CREATING");
      expect(creating.StreamDescription.StreamName).toBe(name);
      expect(creating.StreamDescription.StreamARN).toBe(streamArn(name));
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
      expect(summary.StreamDescriptionSummary.StreamStatus).toBe("CREATING");

      registryClock.advance(KINESIS.createStreamMs);
      const { StreamDescription: stream } = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: name });
      expect(stream.StreamStatus).toBe("ACTIVE");
      expect(stream.HasMoreShards).toBe(false);
      expect(stream.RetentionPeriodHours).toBe(24);
      expect(stream.StreamModeDetails).toEqual({ StreamMode: "PROVISIONED" });
      expect(stream.EncryptionType).toBe("NONE");
      expect(stream.StreamCreationTimestamp).toBeGreaterThanOrEqual(Math.floor(before / 1000) - 1);
      expect(stream.StreamCreationTimestamp).toBeLessThanOrEqual(after / 1000 + 1);
      expect(stream.Shards.map((shard) => shard.ShardId)).toEqual([0, 1, 2, 3].map(shardId));
      expect(stream.Shards.map((shard) => shard.HashKeyRange)).toEqual(FOUR_SHARD_RANGES);
      for (const shard of stream.Shards) {
        expect(Object.keys(shard).sort()).toEqual(["HashKeyRange", "SequenceNumberRange", "ShardId"]);
        expect(Object.keys(shard.SequenceNumberRange)).toEqual(["StartingSequenceNumber"]);
        expect(shard.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d+$/);
      }
      const starts = stream.Shards.map((shard) => BigInt(shard.SequenceNumberRange.StartingSequenceNumber));
      expect(new Set(starts).size).toBe(4);
    });

    it("splits the hash key space as AWS does for three shards and for one", async () => {
      const three = await createActiveStream(3);
      const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: three.name });
      expect(described.StreamDescription.Shards.map((shard) => shard.HashKeyRange)).toEqual([
        { StartingHashKey: "0", EndingHashKey: "113427455640312821154458202477256070484" },
        { StartingHashKey: "113427455640312821154458202477256070485", EndingHashKey: "226854911280625642308916404954512140969" },
        { StartingHashKey: "226854911280625642308916404954512140970", EndingHashKey: "340282366920938463463374607431768211455" },
      ]);
      const one = await createActiveStream(1);
      const single = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: one.name });
      expect(single.StreamDescription.Shards.map((shard) => shard.HashKeyRange)).toEqual([
        { StartingHashKey: "0", EndingHashKey: "340282366920938463463374607431768211455" },
      ]);
    });

    it("creates an on-demand stream with four shards and no ShardCount", async () => {
      const stream = await createActiveStream(undefined, { ShardCount: undefined, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
      const { StreamDescriptionSummary: summary } = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", {
        StreamName: stream.name,
      });
      expect(summary.StreamModeDetails).toEqual({ StreamMode: "ON_DEMAND" });
      expect(summary.OpenShardCount).toBe(4);
    });

    it("creates a stream with its tags and record size", async () => {
      const stream = await createActiveStream(1, { Tags: { team: "data", "cost:center": "42" }, MaxRecordSizeInKiB: 2048 });
      const tags = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name });
      expect(tags).toEqual({
        Tags: [
          { Key: "cost:center", Value: "42" },
          { Key: "team", Value: "data" },
        ],
        HasMoreTags: false,
      });
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary.MaxRecordSizeInKiB).toBe(2048);
    });

    it("gives every stream its own id, shaped as AWS's", async () => {
      const first = await createActiveStream(1);
      const second = await createActiveStream(1);
      expect(first.id).toMatch(/^[a-z0-9]{20}-[a-z0-9]{3}$/);
      expect(second.id).not.toBe(first.id);
    });

    it("lets the stream be written and read once ACTIVE", async () => {
      const stream = await createActiveStream(1);
      const put = await ok<{ ShardId: string }>("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: "aGk=" });
      expect(put.ShardId).toBe(shardId(0));
    });

    it("refuses records while the stream is still CREATING", async () => {
      await useRegistryClock();
      const name = uniqueName();
      await ok("CreateStream", { StreamName: name, ShardCount: 1 });
      await expectFailure("PutRecord", { StreamName: name, PartitionKey: "k", Data: "aGk=" }, "ResourceNotFoundException", streamNotFound(name));
      registryClock.advance(KINESIS.createStreamMs);
    });
  });
});
