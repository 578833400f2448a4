import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  MAX_LENGTH_128,
  MIN_LENGTH_1,
  NAME_PATTERN,
  ok,
  registryClock,
  shardId,
  streamArn,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  violation,
  type DescribeStreamOutput,
  type DescribeStreamSummaryOutput,
} from "./client";

const SHARD_ID_PATTERN = NAME_PATTERN;

describe("DescribeStream", () => {
  describe("serializations", () => {
    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("DescribeStream", ["StreamName"], "String");
    });

    it("refuses a Limit that is not an integer", async () => {
      await expectTypeErrors("DescribeStream", ["Limit"], "Integer");
    });

    it("refuses an ExclusiveStartShardId that is not a string", async () => {
      await expectTypeErrors("DescribeStream", ["ExclusiveStartShardId"], "String");
    });
  });

  describe("validations", () => {
    it("needs a StreamName or a StreamARN", async () => {
      await expectFailure("DescribeStream", {}, "InvalidArgumentException", "Either StreamName or StreamARN must be provided.");
    });

    it("reports every empty member at once", async () => {
      await expectValidation(
        "DescribeStream",
        { StreamName: "", Limit: 0, ExclusiveStartShardId: "" },
        violation("0", "limit", "Member must have value greater than or equal to 1"),
        violation("", "exclusiveStartShardId", SHARD_ID_PATTERN),
        violation("", "exclusiveStartShardId", MIN_LENGTH_1),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("reports every member too long or too large at once", async () => {
      const name = "a".repeat(129);
      await expectValidation(
        "DescribeStream",
        { StreamName: name, Limit: 100000, ExclusiveStartShardId: name },
        violation("100000", "limit", "Member must have value less than or equal to 10000"),
        violation(name, "exclusiveStartShardId", MAX_LENGTH_128),
        violation(name, "streamName", MAX_LENGTH_128),
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("DescribeStream", { StreamName: name }, "ResourceNotFoundException", streamNotFound(name));
      await expectFailure("DescribeStream", { StreamARN: streamArn(name) }, "ResourceNotFoundException", streamNotFound(name));
    });
  });

  describe("functionality", () => {
    it("describes an ACTIVE stream completely", async () => {
      const stream = await createActiveStream(2);
      const { StreamDescription: description } = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      expect(Object.keys(description).sort()).toEqual([
        "EncryptionType",
        "EnhancedMonitoring",
        "HasMoreShards",
        "RetentionPeriodHours",
        "Shards",
        "StreamARN",
        "StreamCreationTimestamp",
        "StreamModeDetails",
        "StreamName",
        "StreamStatus",
      ]);
      expect(description).toMatchObject({
        StreamName: stream.name,
        StreamARN: streamArn(stream.name),
        StreamStatus: "ACTIVE",
        StreamModeDetails: { StreamMode: "PROVISIONED" },
        HasMoreShards: false,
        RetentionPeriodHours: 24,
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: "NONE",
      });
      expect(typeof description.StreamCreationTimestamp).toBe("number");
      expect(description.Shards).toEqual([
        {
          ShardId: shardId(0),
          HashKeyRange: { StartingHashKey: "0", EndingHashKey: "170141183460469231731687303715884105727" },
          SequenceNumberRange: { StartingSequenceNumber: expect.stringMatching(/^\d+$/) },
        },
        {
          ShardId: shardId(1),
          HashKeyRange: {
            StartingHashKey: "170141183460469231731687303715884105728",
            EndingHashKey: "340282366920938463463374607431768211455",
          },
          SequenceNumberRange: { StartingSequenceNumber: expect.stringMatching(/^\d+$/) },
        },
      ]);
    });

    it("describes a stream by ARN the same as by name", async () => {
      const stream = await createActiveStream(1);
      const byName = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      const byArn = await ok<DescribeStreamOutput>("DescribeStream", { StreamARN: stream.arn });
      const byBoth = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name, StreamARN: stream.arn });
      expect(byArn).toEqual(byName);
      expect(byBoth).toEqual(byName);
    });

    it("pages through shards with Limit and ExclusiveStartShardId", async () => {
      const stream = await createActiveStream(5);
      const page = async (input: object) =>
        (await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name, ...input })).StreamDescription;

      const first = await page({ Limit: 2 });
      expect(first.Shards.map((shard) => shard.ShardId)).toEqual([shardId(0), shardId(1)]);
      expect(first.HasMoreShards).toBe(true);
      const second = await page({ Limit: 2, ExclusiveStartShardId: shardId(1) });
      expect(second.Shards.map((shard) => shard.ShardId)).toEqual([shardId(2), shardId(3)]);
      expect(second.HasMoreShards).toBe(true);
      const last = await page({ Limit: 2, ExclusiveStartShardId: shardId(3) });
      expect(last.Shards.map((shard) => shard.ShardId)).toEqual([shardId(4)]);
      expect(last.HasMoreShards).toBe(false);
      const exact = await page({ Limit: 5 });
      expect(exact.Shards).toHaveLength(5);
      expect(exact.HasMoreShards).toBe(false);
      const past = await page({ ExclusiveStartShardId: shardId(4) });
      expect(past.Shards).toEqual([]);
      expect(past.HasMoreShards).toBe(false);
    });

    it("answers at most 100 shards per call, whatever the Limit", async () => {
      const stream = await createActiveStream(101);
      const first = (await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name, Limit: 10000 })).StreamDescription;
      expect(first.Shards).toHaveLength(100);
      expect(first.Shards.at(-1)?.ShardId).toBe(shardId(99));
      expect(first.HasMoreShards).toBe(true);
      const byDefault = (await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name })).StreamDescription;
      expect(byDefault.Shards).toHaveLength(100);
      const rest = (
        await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name, Limit: 10000, ExclusiveStartShardId: shardId(99) })
      ).StreamDescription;
      expect(rest.Shards.map((shard) => shard.ShardId)).toEqual([shardId(100)]);
      expect(rest.HasMoreShards).toBe(false);
    }, 30_000);

    it("shows a new stream as CREATING until it is ACTIVE", async () => {
      await useRegistryClock();
      const name = uniqueName();
      const status = async () => (await ok<DescribeStreamOutput>("DescribeStream", { StreamName: name })).StreamDescription.StreamStatus;
      registryClock.freeze();
      try {
        await ok("CreateStream", { StreamName: name, ShardCount: 1 });
        expect(await status()).toBe("CREATING");
        registryClock.advance(KINESIS.createStreamMs - 1);
        expect(await status()).toBe("CREATING");
        registryClock.advance(1);
        expect(await status()).toBe("ACTIVE");
      } finally {
        registryClock.thaw();
      }
    });

    it("lists no shards while the stream is CREATING or DELETING, as AWS does", async () => {
      await useRegistryClock();
      const name = uniqueName();
      const describe = async () => (await ok<DescribeStreamOutput>("DescribeStream", { StreamName: name })).StreamDescription;
      registryClock.freeze();
      try {
        await ok("CreateStream", { StreamName: name, ShardCount: 3 });
        expect(await describe()).toMatchObject({ StreamStatus: "CREATING", Shards: [], HasMoreShards: false });
        // Nor can its shards be read yet; AWS says the shard does not exist.
        await expectFailure(
          "GetShardIterator",
          { StreamName: name, ShardId: shardId(0), ShardIteratorType: "LATEST" },
          "ResourceNotFoundException",
          `Shard ${shardId(0)} in stream ${name} under account 000000000000 does not exist`,
        );
        registryClock.advance(KINESIS.createStreamMs);
        expect(await describe()).toMatchObject({ StreamStatus: "ACTIVE", HasMoreShards: false });
        expect((await describe()).Shards).toHaveLength(3);
        await ok("DeleteStream", { StreamName: name });
        expect(await describe()).toMatchObject({ StreamStatus: "DELETING", Shards: [], HasMoreShards: false });
      } finally {
        registryClock.thaw();
      }
    });
  });
});

describe("DescribeStreamSummary", () => {
  describe("serializations", () => {
    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("DescribeStreamSummary", ["StreamName"], "String");
    });

    it("refuses a StreamARN that is not a string", async () => {
      await expectTypeErrors("DescribeStreamSummary", ["StreamARN"], "String");
    });
  });

  describe("validations", () => {
    it("needs a StreamName or a StreamARN", async () => {
      await expectFailure("DescribeStreamSummary", {}, "InvalidArgumentException", "Either StreamName or StreamARN must be provided.");
    });

    it("refuses an empty StreamName", async () => {
      await expectValidation(
        "DescribeStreamSummary",
        { StreamName: "" },
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("DescribeStreamSummary", { StreamName: name }, "ResourceNotFoundException", streamNotFound(name));
    });
  });

  describe("functionality", () => {
    it("summarizes a stream", async () => {
      const stream = await createActiveStream(3);
      const { StreamDescriptionSummary: summary } = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", {
        StreamName: stream.name,
      });
      expect(Object.keys(summary).sort()).toEqual([
        "ConsumerCount",
        "EncryptionType",
        "EnhancedMonitoring",
        "MaxRecordSizeInKiB",
        "OpenShardCount",
        "RetentionPeriodHours",
        "StreamARN",
        "StreamCreationTimestamp",
        "StreamId",
        "StreamModeDetails",
        "StreamName",
        "StreamStatus",
      ]);
      expect(summary).toMatchObject({
        StreamName: stream.name,
        StreamARN: streamArn(stream.name),
        StreamId: stream.id,
        StreamStatus: "ACTIVE",
        StreamModeDetails: { StreamMode: "PROVISIONED" },
        RetentionPeriodHours: 24,
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: "NONE",
        OpenShardCount: 3,
        ConsumerCount: 0,
        MaxRecordSizeInKiB: 1024,
      });
      const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      expect(summary.StreamCreationTimestamp).toBe(described.StreamDescription.StreamCreationTimestamp);
    });

    it("summarizes a stream by ARN", async () => {
      const stream = await createActiveStream(1);
      const byArn = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamARN: stream.arn });
      expect(byArn.StreamDescriptionSummary.StreamName).toBe(stream.name);
      expect(byArn.StreamDescriptionSummary.StreamId).toBe(stream.id);
    });
  });
});
