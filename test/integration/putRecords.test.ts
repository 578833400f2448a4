import { describe, expect, it } from "vitest";
import {
  base64,
  binary,
  call,
  createActiveStream,
  expectError,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  FOUR_SHARD_RANGES,
  getIterator,
  MAX_LENGTH_128,
  md5HashKey,
  MIN_LENGTH_1,
  NAME_PATTERN,
  NOT_NULL,
  ok,
  readAll,
  shardId,
  shardOfHashKey,
  shardStub,
  storedRecordCount,
  streamNotFound,
  uniqueName,
  violation,
  type PutRecordsOutput,
  type TestStream,
} from "./client";

const HASH_KEY_PATTERN = "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})";

interface Entry {
  PartitionKey: string;
  Data: string;
  ExplicitHashKey?: string;
}

async function totalStored(stream: TestStream): Promise<number> {
  let total = 0;
  for (let i = 0; i < stream.shardIds.length; i++) total += await storedRecordCount(shardStub(stream.id, i));
  return total;
}

function successes(output: PutRecordsOutput): { ShardId: string; SequenceNumber: string }[] {
  return output.Records.map((record) => {
    if (!("ShardId" in record)) throw new Error(`record failed: ${record.ErrorCode} ${record.ErrorMessage}`);
    return record;
  });
}

describe("PutRecords", () => {
  describe("serializations", () => {
    it("refuses Records that are not a list", async () => {
      await expectTypeErrors("PutRecords", ["Records"], "List");
    });

    it("refuses a record that is not a structure", async () => {
      await expectTypeErrors("PutRecords", ["Records", 0], "Structure");
    });

    it("refuses a record's Data that is not a base64 blob", async () => {
      await expectTypeErrors("PutRecords", ["Records", 0, "Data"], "Blob");
    });

    it("refuses a record's ExplicitHashKey that is not a string", async () => {
      await expectTypeErrors("PutRecords", ["Records", 0, "ExplicitHashKey"], "String");
    });

    it("refuses a record's PartitionKey that is not a string", async () => {
      await expectTypeErrors("PutRecords", ["Records", 0, "PartitionKey"], "String");
    });

    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("PutRecords", ["StreamName"], "String");
    });
  });

  describe("validations", () => {
    it("requires Records", async () => {
      await expectValidation("PutRecords", {}, violation(null, "records", NOT_NULL));
    });

    it("refuses an empty list of records and an empty StreamName at once", async () => {
      await expectValidation(
        "PutRecords",
        { StreamName: "", Records: [] },
        violation("[]", "records", MIN_LENGTH_1),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("reports each record's errors by its position", async () => {
      await expectValidation(
        "PutRecords",
        { StreamName: "", Records: [{ PartitionKey: "", Data: "", ExplicitHashKey: "" }] },
        violation("", "records.1.member.partitionKey", MIN_LENGTH_1),
        violation("", "records.1.member.explicitHashKey", HASH_KEY_PATTERN),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("reports members too long", async () => {
      const name = "a".repeat(129);
      const key = "a".repeat(257);
      await expectValidation(
        "PutRecords",
        { StreamName: name, Records: [{ PartitionKey: "ok", Data: "" }, { PartitionKey: key, Data: "" }] },
        violation(key, "records.2.member.partitionKey", "Member must have length less than or equal to 256"),
        violation(name, "streamName", MAX_LENGTH_128),
      );
    });

    it("refuses more than 500 records, reporting at most ten errors", async () => {
      const records = Array.from({ length: 501 }, () => ({ PartitionKey: "", Data: "" }));
      // The list prints as Java's toString of its entries: class name and hash code, which depends on
      // AWS's generated classes, so only its form is checked here.
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const entry = "com\\.amazonaws\\.kinesis\\.v20131202\\.PutRecordsRequestEntry@[0-9a-f]+";
      const rest = Array.from({ length: 9 }, (_, i) => violation("", `records.${i + 1}.member.partitionKey`, MIN_LENGTH_1));
      const response = await call("PutRecords", { StreamName: "", Records: records });
      expectError(
        response,
        "ValidationException",
        new RegExp(
          `^10 validation errors detected: Value '\\[${entry}(, ${entry}){500}\\]' at 'records' failed to satisfy constraint: ` +
            `Member must have length less than or equal to 500; ${escape(rest.join("; "))}$`,
        ),
      );
    });

    it("needs a StreamName or a StreamARN", async () => {
      await expectFailure(
        "PutRecords",
        { Records: [{ PartitionKey: "a", Data: "" }] },
        "InvalidArgumentException",
        "Either StreamName or StreamARN must be provided.",
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("PutRecords", { StreamName: name, Records: [{ PartitionKey: "a", Data: "" }] }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("refuses the whole request for one ExplicitHashKey of 2^128, storing no record", async () => {
      const stream = await createActiveStream(2);
      const hashKey = (1n << 128n).toString();
      await expectFailure(
        "PutRecords",
        {
          StreamName: stream.name,
          Records: [
            { PartitionKey: "a", Data: base64("first") },
            { PartitionKey: "a", Data: base64("second"), ExplicitHashKey: hashKey },
            { PartitionKey: "b", Data: base64("third") },
          ],
        },
        "InvalidArgumentException",
        `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${hashKey}`,
      );
      expect(await totalStored(stream)).toBe(0);
    });

    it("refuses a record larger than 1 MiB, storing no record", async () => {
      const stream = await createActiveStream(1);
      await expectFailure(
        "PutRecords",
        {
          StreamName: stream.name,
          Records: [
            { PartitionKey: "a", Data: base64("small") },
            { PartitionKey: "k", Data: base64(new Uint8Array(1024 * 1024)) },
          ],
        },
        "InvalidArgumentException",
        "Record size exceeds 1 MB limit",
      );
      expect(await totalStored(stream)).toBe(0);
    });

    it("refuses records adding up to more than 5 MiB, storing no record", async () => {
      const stream = await createActiveStream(1);
      const big = base64(new Uint8Array(1024 * 1024 - 1));
      await expectFailure(
        "PutRecords",
        { StreamName: stream.name, Records: Array.from({ length: 6 }, () => ({ PartitionKey: "k", Data: big })) },
        "InvalidArgumentException",
        "Records size exceeds 5 MB limit",
      );
      expect(await totalStored(stream)).toBe(0);
      // Five such records are exactly 5 MiB: accepted.
      const output = await ok<PutRecordsOutput>("PutRecords", {
        StreamName: stream.name,
        Records: Array.from({ length: 5 }, () => ({ PartitionKey: "k", Data: big })),
      });
      expect(output.FailedRecordCount).toBe(0);
      expect(await totalStored(stream)).toBe(5);
    });
  });

  describe("functionality", () => {
    it("puts 500 records: results in request order, routed by MD5, numbered upward per shard, read back intact", async () => {
      const stream = await createActiveStream(4);
      const entries: Entry[] = Array.from({ length: 500 }, (_, i) => ({
        PartitionKey: `partition-${i % 97}-${i}`,
        Data: base64(binary(1 + ((i * 37) % 300), i)),
      }));
      const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: entries });
      expect(Object.keys(output).sort()).toEqual(["FailedRecordCount", "Records"]);
      expect(output.FailedRecordCount).toBe(0);
      expect(output.Records).toHaveLength(500);
      const results = successes(output);
      for (const result of results) expect(Object.keys(result).sort()).toEqual(["SequenceNumber", "ShardId"]);

      // Each result belongs to the record at its position: its shard is the one its key hashes to.
      for (const [i, entry] of entries.entries()) {
        expect(results[i]?.ShardId, `record ${i}`).toBe(shardOfHashKey(FOUR_SHARD_RANGES, await md5HashKey(entry.PartitionKey)));
      }

      for (const [index, shard] of stream.shardIds.entries()) {
        const positions = results.flatMap((result, i) => (result.ShardId === shard ? [i] : []));
        expect(positions.length, `records on ${shard}`).toBeGreaterThan(0);
        const numbers = positions.map((i) => BigInt(results[i]?.SequenceNumber ?? "0"));
        for (let k = 1; k < numbers.length; k++) {
          expect((numbers[k] ?? 0n) > (numbers[k - 1] ?? 0n), `${shard} record ${k} after ${k - 1}`).toBe(true);
        }

        const records = await readAll(await getIterator(stream, shardId(index), "TRIM_HORIZON"));
        expect(records.map((record) => record.SequenceNumber)).toEqual(positions.map((i) => results[i]?.SequenceNumber));
        expect(records.map((record) => record.PartitionKey)).toEqual(positions.map((i) => entries[i]?.PartitionKey));
        expect(records.map((record) => record.Data)).toEqual(positions.map((i) => entries[i]?.Data));
      }
    }, 30_000);

    it("mixes partition keys and explicit hash keys in one request", async () => {
      const stream = await createActiveStream(4);
      const max = ((1n << 128n) - 1n).toString();
      const records: Entry[] = [
        { PartitionKey: "a", Data: "" },
        { PartitionKey: "b", Data: "" },
        { PartitionKey: "c", Data: "" },
        { PartitionKey: "e", Data: "" },
        { PartitionKey: "a", Data: "", ExplicitHashKey: max },
        { PartitionKey: "a", Data: "", ExplicitHashKey: FOUR_SHARD_RANGES[1]?.StartingHashKey ?? "" },
        { PartitionKey: "e", Data: "", ExplicitHashKey: "0" },
      ];
      const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records });
      expect(output.FailedRecordCount).toBe(0);
      expect(successes(output).map((result) => result.ShardId)).toEqual([0, 2, 1, 3, 3, 1, 0].map(shardId));
    });

    it("keeps the order of records with the same partition key", async () => {
      const stream = await createActiveStream(2);
      const records = Array.from({ length: 50 }, (_, i) => ({ PartitionKey: "same", Data: base64(`#${i}`) }));
      const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records });
      const results = successes(output);
      expect(new Set(results.map((result) => result.ShardId)).size).toBe(1);
      const shard = results[0]?.ShardId ?? "";
      const read = await readAll(await getIterator(stream, shard, "TRIM_HORIZON"));
      expect(read.map((record) => record.Data)).toEqual(records.map((record) => record.Data));
    });

    it("continues a shard's numbering across requests", async () => {
      const stream = await createActiveStream(1);
      const first = successes(await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: [{ PartitionKey: "a", Data: "" }] }));
      const second = successes(await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: [{ PartitionKey: "b", Data: "" }] }));
      expect(BigInt(second[0]?.SequenceNumber ?? "0") > BigInt(first[0]?.SequenceNumber ?? "0")).toBe(true);
    });

    it("puts records by StreamARN", async () => {
      const stream = await createActiveStream(1);
      const output = await ok<PutRecordsOutput>("PutRecords", { StreamARN: stream.arn, Records: [{ PartitionKey: "a", Data: base64("by arn") }] });
      expect(output.FailedRecordCount).toBe(0);
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.Data)).toEqual([base64("by arn")]);
    });
  });
});
