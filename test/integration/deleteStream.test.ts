import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  advanceRegistryClock,
  ARN_PATTERN,
  base64,
  call,
  createActiveStream,
  expectError,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  getIterator,
  MIN_LENGTH_1,
  NAME_PATTERN,
  ok,
  readAll,
  runRegistryAlarm,
  shardId,
  shardStub,
  storedRecordCount,
  storedTables,
  streamArn,
  streamNotFound,
  uniqueName,
  violation,
  type DescribeLimitsOutput,
  type DescribeStreamOutput,
  type DescribeStreamSummaryOutput,
  type ListStreamsOutput,
  type ListTagsForStreamOutput,
  type PutRecordOutput,
} from "./client";

async function status(name: string): Promise<string> {
  const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: name });
  return described.StreamDescription.StreamStatus;
}

async function listed(name: string): Promise<ListStreamsOutput> {
  return ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: name.slice(0, -1), Limit: 1 });
}

describe("DeleteStream", () => {
  describe("serializations", () => {
    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("DeleteStream", ["StreamName"], "String");
    });

    it("refuses an EnforceConsumerDeletion that is not a boolean", async () => {
      await expectTypeErrors("DeleteStream", ["EnforceConsumerDeletion"], "Boolean");
    });
  });

  describe("validations", () => {
    it("needs a StreamName or a StreamARN", async () => {
      await expectFailure("DeleteStream", {}, "InvalidArgumentException", "Either StreamName or StreamARN must be provided.");
    });

    it("refuses an empty StreamName", async () => {
      await expectValidation(
        "DeleteStream",
        { StreamName: "" },
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("refuses a StreamARN that is not a stream ARN", async () => {
      await expectValidation("DeleteStream", { StreamARN: "arn:aws:s3:::bucket" }, violation("arn:aws:s3:::bucket", "streamARN", ARN_PATTERN));
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("DeleteStream", { StreamName: name }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("answers ResourceNotFoundException for a stream of another account", async () => {
      const name = uniqueName();
      await expectFailure(
        "DeleteStream",
        { StreamARN: `arn:aws:kinesis:us-east-1:111122223333:stream/${name}` },
        "ResourceNotFoundException",
        `Stream ${name} under account 111122223333 not found.`,
      );
    });

    it("refuses a StreamName and a StreamARN that disagree, and deletes nothing", async () => {
      const stream = await createActiveStream(1);
      const other = uniqueName();
      await expectFailure(
        "DeleteStream",
        { StreamName: other, StreamARN: stream.arn },
        "InvalidArgumentException",
        `StreamARN ${stream.arn} and StreamName ${other} do not refer to the same stream.`,
      );
      expect(await status(stream.name)).toBe("ACTIVE");
    });
  });

  describe("functionality", () => {
    it("deletes a stream: DELETING, then gone, its shards destroyed", async () => {
      const stream = await createActiveStream(2);
      await ok("PutRecords", {
        StreamName: stream.name,
        Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `key-${i}`, Data: base64(`record ${i}`) })),
      });
      const shard0 = shardStub(stream.id, 0);
      const shard1 = shardStub(stream.id, 1);
      expect((await storedRecordCount(shard0)) + (await storedRecordCount(shard1))).toBe(20);
      expect((await storedTables(shard0)).sort()).toEqual(["config", "metrics", "records"]);

      const deleted = await call("DeleteStream", { StreamName: stream.name });
      expect(deleted.status).toBe(200);
      expect(await status(stream.name)).toBe("DELETING");
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary.StreamStatus).toBe("DELETING");
      const whileDeleting = await listed(stream.name);
      expect(whileDeleting.StreamNames).toEqual([stream.name]);
      expect(whileDeleting.StreamSummaries[0]?.StreamStatus).toBe("DELETING");

      await advanceRegistryClock(KINESIS.deleteStreamMs);
      await expectFailure("DescribeStream", { StreamName: stream.name }, "ResourceNotFoundException", streamNotFound(stream.name));
      await expectFailure("DescribeStreamSummary", { StreamName: stream.name }, "ResourceNotFoundException", streamNotFound(stream.name));
      await expectFailure("DeleteStream", { StreamName: stream.name }, "ResourceNotFoundException", streamNotFound(stream.name));
      await expectFailure(
        "PutRecord",
        { StreamName: stream.name, PartitionKey: "a", Data: "" },
        "ResourceNotFoundException",
        streamNotFound(stream.name),
      );
      expect((await listed(stream.name)).StreamNames).not.toContain(stream.name);

      // The registry's alarm destroys the shard objects: their storage is gone, not just hidden.
      expect((await storedRecordCount(shard0)) + (await storedRecordCount(shard1))).toBe(20);
      expect(await runRegistryAlarm()).toBe(true);
      expect(await storedTables(shard0)).toEqual([]);
      expect(await storedTables(shard1)).toEqual([]);
    });

    it("gives back the shards to the account once deleted", async () => {
      const stream = await createActiveStream(3);
      const before = await ok<DescribeLimitsOutput>("DescribeLimits", {});
      await ok("DeleteStream", { StreamName: stream.name });
      await advanceRegistryClock(KINESIS.deleteStreamMs);
      await runRegistryAlarm();
      const after = await ok<DescribeLimitsOutput>("DescribeLimits", {});
      expect(after.OpenShardCount).toBe(before.OpenShardCount - 3);
    });

    it("deletes a stream by ARN", async () => {
      const stream = await createActiveStream(1);
      await ok("DeleteStream", { StreamARN: stream.arn });
      expect(await status(stream.name)).toBe("DELETING");
    });

    it("lets a deleted name be created again, as a new and empty stream", async () => {
      const stream = await createActiveStream(1, { Tags: { old: "yes" } });
      await ok("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("from the old stream") });
      const oldIterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      await ok("DeleteStream", { StreamName: stream.name });

      // While DELETING the name is still taken.
      await expectFailure(
        "CreateStream",
        { StreamName: stream.name, ShardCount: 1 },
        "ResourceInUseException",
        `Stream ${stream.name} under account 000000000000 already exists.`,
      );
      await advanceRegistryClock(KINESIS.deleteStreamMs);

      // Created again before the registry's alarm has run: the old shards must not leak into it.
      const again = await createActiveStream(1, {}, stream.name);
      expect(again.id).not.toBe(stream.id);
      expect(again.arn).toBe(streamArn(stream.name));
      expect(await readAll(await getIterator(again, shardId(0), "TRIM_HORIZON"))).toEqual([]);
      const tags = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name });
      expect(tags.Tags).toEqual([]);
      expect(await storedTables(shardStub(stream.id, 0))).toEqual([]);

      // An iterator of the old stream does not read the new one.
      await expectFailure(
        "GetRecords",
        { ShardIterator: oldIterator },
        "ResourceNotFoundException",
        `Shard ${shardId(0)} in stream ${stream.name} under account 000000000000 does not exist`,
      );

      const put = await ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: "a", Data: base64("new") });
      expect(put.ShardId).toBe(shardId(0));
      const records = await readAll(await getIterator(again, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.Data)).toEqual([base64("new")]);
    });

    it("answers requests for a deleted stream's iterators with ResourceNotFoundException", async () => {
      const stream = await createActiveStream(2);
      const iterators = [await getIterator(stream, shardId(0), "LATEST"), await getIterator(stream, shardId(1), "LATEST")];
      await ok("DeleteStream", { StreamName: stream.name });
      await advanceRegistryClock(KINESIS.deleteStreamMs);
      await runRegistryAlarm();
      for (const [index, iterator] of iterators.entries()) {
        expectError(
          await call("GetRecords", { ShardIterator: iterator }),
          "ResourceNotFoundException",
          `Shard ${shardId(index)} in stream ${stream.name} under account 000000000000 does not exist`,
        );
      }
    });
  });
});
