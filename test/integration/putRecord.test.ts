import { describe, expect, it } from "vitest";
import {
  base64,
  binary,
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  FOUR_SHARD_RANGES,
  getIterator,
  legacySequenceNumber,
  MAX_LENGTH_128,
  md5HashKey,
  MIN_LENGTH_1,
  NAME_PATTERN,
  NOT_NULL,
  ok,
  readAll,
  sequenceNumberFromHex,
  shardId,
  shardOfHashKey,
  shardStub,
  storedRecordCount,
  streamNotFound,
  uniqueName,
  violation,
  type DescribeStreamOutput,
  type PutRecordOutput,
  type TestStream,
} from "./client";

const HASH_KEY_PATTERN = "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})";
const SEQUENCE_PATTERN = "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})";
const MAX_HASH_KEY = (1n << 128n) - 1n;

let fourShards: TestStream | undefined;

async function fourShardStream(): Promise<TestStream> {
  fourShards ??= await createActiveStream(4);
  return fourShards;
}

async function put(stream: { name: string }, input: Record<string, unknown>): Promise<PutRecordOutput> {
  return ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, Data: "", ...input });
}

async function totalStored(stream: TestStream): Promise<number> {
  let total = 0;
  for (let i = 0; i < stream.shardIds.length; i++) total += await storedRecordCount(shardStub(stream.id, i));
  return total;
}

describe("PutRecord", () => {
  describe("serializations", () => {
    it("refuses Data that is not a base64 blob", async () => {
      await expectTypeErrors("PutRecord", ["Data"], "Blob");
    });

    it("refuses an ExplicitHashKey that is not a string", async () => {
      await expectTypeErrors("PutRecord", ["ExplicitHashKey"], "String");
    });

    it("refuses a PartitionKey that is not a string", async () => {
      await expectTypeErrors("PutRecord", ["PartitionKey"], "String");
    });

    it("refuses a SequenceNumberForOrdering that is not a string", async () => {
      await expectTypeErrors("PutRecord", ["SequenceNumberForOrdering"], "String");
    });

    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("PutRecord", ["StreamName"], "String");
    });
  });

  describe("validations", () => {
    it("requires Data and a PartitionKey", async () => {
      await expectValidation("PutRecord", {}, violation(null, "partitionKey", NOT_NULL), violation(null, "data", NOT_NULL));
    });

    it("reports every empty member at once", async () => {
      await expectValidation(
        "PutRecord",
        { StreamName: "", PartitionKey: "", Data: "", ExplicitHashKey: "", SequenceNumberForOrdering: "" },
        violation("", "sequenceNumberForOrdering", SEQUENCE_PATTERN),
        violation("", "partitionKey", MIN_LENGTH_1),
        violation("", "explicitHashKey", HASH_KEY_PATTERN),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("reports every member too long at once", async () => {
      const name = "a".repeat(129);
      const key = "a".repeat(257);
      await expectValidation(
        "PutRecord",
        { StreamName: name, PartitionKey: key, Data: "", ExplicitHashKey: "01" },
        violation(key, "partitionKey", "Member must have length less than or equal to 256"),
        violation("01", "explicitHashKey", HASH_KEY_PATTERN),
        violation(name, "streamName", MAX_LENGTH_128),
      );
    });

    it("needs a StreamName or a StreamARN", async () => {
      await expectFailure("PutRecord", { PartitionKey: "a", Data: "" }, "InvalidArgumentException", "Either StreamName or StreamARN must be provided.");
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("PutRecord", { StreamName: name, PartitionKey: "a", Data: "" }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("refuses an ExplicitHashKey of 2^128 and stores nothing", async () => {
      const stream = await createActiveStream(2);
      const hashKey = (1n << 128n).toString();
      await expectFailure(
        "PutRecord",
        { StreamName: stream.name, PartitionKey: "a", Data: base64("x"), ExplicitHashKey: hashKey },
        "InvalidArgumentException",
        `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${hashKey}`,
      );
      expect(await totalStored(stream)).toBe(0);
    });

    it("refuses a SequenceNumberForOrdering that AWS would refuse", async () => {
      const stream = await fourShardStream();
      const future = Math.floor(Date.now() / 1000) + 3600;
      for (const number of [
        "1234", // AWS's oldest format
        sequenceNumberFromHex("20000000000800000000000000000000000000000000002"), // a position AWS's numbers cannot hold
        sequenceNumberFromHex("20000000000000000000000000000000000000000000003"), // an unknown version
        sequenceNumberFromHex(`20000000000000000000000000000${future.toString(16).padStart(9, "0")}000000002`), // arrived in an hour
      ]) {
        await expectFailure(
          "PutRecord",
          { StreamName: stream.name, PartitionKey: "a", Data: "", SequenceNumberForOrdering: number },
          "InvalidArgumentException",
          `ExclusiveMinimumSequenceNumber ${number} used in PutRecord on stream ${stream.name} under account 000000000000 is invalid.`,
        );
      }
    });

    it("takes as SequenceNumberForOrdering what AWS takes, and the 48-digit numbers it handed out before", async () => {
      const stream = await createActiveStream(1);
      const { SequenceNumber } = await put(stream, { PartitionKey: "a" });
      for (const number of [
        SequenceNumber,
        sequenceNumberFromHex("20000000000000000000000000000000000000000000002"), // AWS's all-zero number, of no stream
        sequenceNumberFromHex("20000000000000000000000000000000000000000000001"), // AWS's version 1
        legacySequenceNumber(1_764_201_600, 0, 1),
      ]) {
        const answer = await put(stream, { PartitionKey: "a", SequenceNumberForOrdering: number });
        expect(BigInt(answer.SequenceNumber) > BigInt(SequenceNumber)).toBe(true);
      }
    });

    it("refuses a record larger than 1 MiB (data and partition key together) and stores nothing", async () => {
      const stream = await createActiveStream(1);
      const data = new Uint8Array(1024 * 1024);
      await expectFailure(
        "PutRecord",
        { StreamName: stream.name, PartitionKey: "k", Data: base64(data) },
        "InvalidArgumentException",
        "Record size exceeds 1 MB limit",
      );
      expect(await totalStored(stream)).toBe(0);
      // One byte less fits exactly.
      const fits = await put(stream, { PartitionKey: "k", Data: base64(data.subarray(1)) });
      expect(fits.ShardId).toBe(shardId(0));
      expect(await totalStored(stream)).toBe(1);
    });
  });

  describe("functionality", () => {
    it("answers the shard and sequence number, and nothing else", async () => {
      const stream = await fourShardStream();
      const output = await put(stream, { PartitionKey: "a" });
      expect(Object.keys(output).sort()).toEqual(["SequenceNumber", "ShardId"]);
      expect(output.SequenceNumber).toMatch(/^[1-9]\d*$/);
    });

    it("routes by the MD5 of the partition key to the shard whose range holds it", async () => {
      const stream = await fourShardStream();
      // MD5: a=0cc1..., b=92eb..., c=4a8a..., d=8277..., e=e167..., f=8fa1...
      const expected: Record<string, number> = { a: 0, b: 2, c: 1, d: 2, e: 3, f: 2 };
      for (const [key, shard] of Object.entries(expected)) {
        expect((await put(stream, { PartitionKey: key })).ShardId, `partition key ${key}`).toBe(shardId(shard));
      }
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const key = `user-${i}-${crypto.randomUUID()}`;
        const output = await put(stream, { PartitionKey: key });
        expect(output.ShardId, key).toBe(shardOfHashKey(FOUR_SHARD_RANGES, await md5HashKey(key)));
        seen.add(output.ShardId);
      }
      expect(seen.size).toBeGreaterThan(1);
    });

    it("routes by a unicode partition key's UTF-8 bytes", async () => {
      const stream = await fourShardStream();
      for (const key of ["é", "日本語", "🦀", "a b"]) {
        const output = await put(stream, { PartitionKey: key });
        expect(output.ShardId, key).toBe(shardOfHashKey(FOUR_SHARD_RANGES, await md5HashKey(key)));
      }
    });

    it("lets ExplicitHashKey choose the shard, whatever the partition key", async () => {
      const stream = await fourShardStream();
      const cases: [bigint, number][] = [
        [0n, 0],
        [BigInt(FOUR_SHARD_RANGES[0]?.EndingHashKey ?? ""), 0],
        [BigInt(FOUR_SHARD_RANGES[1]?.StartingHashKey ?? ""), 1],
        [BigInt(FOUR_SHARD_RANGES[2]?.EndingHashKey ?? ""), 2],
        [BigInt(FOUR_SHARD_RANGES[3]?.StartingHashKey ?? ""), 3],
        [MAX_HASH_KEY, 3],
      ];
      for (const [hashKey, shard] of cases) {
        // Partition key "a" alone would go to shard 0.
        const output = await put(stream, { PartitionKey: "a", ExplicitHashKey: hashKey.toString() });
        expect(output.ShardId, hashKey.toString()).toBe(shardId(shard));
      }
    });

    it("numbers records of a shard in increasing order, above the shard's starting sequence number", async () => {
      const stream = await createActiveStream(1);
      const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      let previous = BigInt(described.StreamDescription.Shards[0]?.SequenceNumberRange.StartingSequenceNumber ?? "");
      for (let i = 0; i < 10; i++) {
        const output = await put(stream, { PartitionKey: `k${i}` });
        const current = BigInt(output.SequenceNumber);
        expect(current > previous, `${current} > ${previous}`).toBe(true);
        previous = current;
      }
    });

    it("numbers concurrent records uniquely and stores every one", async () => {
      const stream = await createActiveStream(2);
      const outputs = await Promise.all(
        Array.from({ length: 60 }, (_, i) => put(stream, { PartitionKey: i % 2 === 0 ? "a" : "c", Data: base64(`concurrent ${i}`) })),
      );
      expect(new Set(outputs.map((output) => output.SequenceNumber)).size).toBe(60);
      for (const shard of stream.shardIds) {
        const mine = outputs.filter((output) => output.ShardId === shard).map((output) => BigInt(output.SequenceNumber));
        const records = await readAll(await getIterator(stream, shard, "TRIM_HORIZON"));
        const read = records.map((record) => BigInt(record.SequenceNumber));
        expect(read).toEqual([...mine].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      }
      expect(await totalStored(stream)).toBe(60);
    });

    it("accepts a SequenceNumberForOrdering from the stream and keeps numbering upward", async () => {
      const stream = await createActiveStream(1);
      const first = await put(stream, { PartitionKey: "k" });
      const second = await put(stream, { PartitionKey: "k", SequenceNumberForOrdering: first.SequenceNumber });
      expect(BigInt(second.SequenceNumber) > BigInt(first.SequenceNumber)).toBe(true);
    });

    it("stores the data bytes exactly, binary and empty", async () => {
      const stream = await createActiveStream(1);
      const payloads = [binary(256, 1), new Uint8Array(), new TextEncoder().encode("text ✓"), new Uint8Array([0, 0, 0]), binary(70000, 7)];
      const sequenceNumbers: string[] = [];
      for (const [i, payload] of payloads.entries()) {
        sequenceNumbers.push((await put(stream, { PartitionKey: `p${i}`, Data: base64(payload) })).SequenceNumber);
      }
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.SequenceNumber)).toEqual(sequenceNumbers);
      expect(records.map((record) => record.PartitionKey)).toEqual(payloads.map((_, i) => `p${i}`));
      expect(records.map((record) => Uint8Array.fromBase64(record.Data))).toEqual(payloads);
    });

    it("puts a record by StreamARN", async () => {
      const stream = await createActiveStream(1);
      const output = await ok<PutRecordOutput>("PutRecord", { StreamARN: stream.arn, PartitionKey: "k", Data: base64("by arn") });
      expect(output.ShardId).toBe(shardId(0));
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.Data)).toEqual([base64("by arn")]);
    });
  });
});
