import { describe, expect, it } from "vitest";
import {
  advanceRegistryClock,
  base64,
  call,
  createActiveStream,
  expectError,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  getIterator,
  legacySequenceNumber,
  MAX_LENGTH_128,
  MIN_LENGTH_1,
  NAME_PATTERN,
  NOT_NULL,
  ok,
  readAll,
  sequenceFields,
  sequenceNumberFromHex,
  shardId,
  uniqueName,
  violation,
  type DescribeStreamSummaryOutput,
  type GetRecordsOutput,
  type GetShardIteratorOutput,
  type PutRecordOutput,
  type TestStream,
} from "./client";

const SEQUENCE_PATTERN = "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})";
const TYPES = "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]";
const MUST_EITHER =
  "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or " +
  "(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ";

let twoShards: TestStream | undefined;

async function twoShardStream(): Promise<TestStream> {
  twoShards ??= await createActiveStream(2);
  return twoShards;
}

/** The stream's creation time, in the whole seconds sequence numbers carry. */
async function streamCreatedSeconds(stream: TestStream): Promise<number> {
  const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
  return Math.floor(summary.StreamDescriptionSummary.StreamCreationTimestamp);
}

async function putTo(stream: TestStream, shard: number, data: string): Promise<PutRecordOutput> {
  // Explicit hash keys at the start of each of two shards' ranges.
  const hashKey = shard === 0 ? "0" : (1n << 127n).toString();
  return ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: "k", ExplicitHashKey: hashKey, Data: base64(data) });
}

describe("GetShardIterator", () => {
  describe("serializations", () => {
    it("refuses a ShardId that is not a string", async () => {
      await expectTypeErrors("GetShardIterator", ["ShardId"], "String");
    });

    it("refuses a ShardIteratorType that is not a string", async () => {
      await expectTypeErrors("GetShardIterator", ["ShardIteratorType"], "String");
    });

    it("refuses a StartingSequenceNumber that is not a string", async () => {
      await expectTypeErrors("GetShardIterator", ["StartingSequenceNumber"], "String");
    });

    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("GetShardIterator", ["StreamName"], "String");
    });
  });

  describe("validations", () => {
    it("requires a ShardId and a ShardIteratorType", async () => {
      await expectValidation(
        "GetShardIterator",
        {},
        violation(null, "shardId", NOT_NULL),
        violation(null, "shardIteratorType", NOT_NULL),
      );
    });

    it("reports every empty member at once", async () => {
      await expectValidation(
        "GetShardIterator",
        { StreamName: "", ShardIteratorType: "", ShardId: "", StartingSequenceNumber: "" },
        violation("", "shardId", NAME_PATTERN),
        violation("", "shardId", MIN_LENGTH_1),
        violation("", "shardIteratorType", TYPES),
        violation("", "startingSequenceNumber", SEQUENCE_PATTERN),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("reports members too long", async () => {
      const name = "a".repeat(129);
      await expectValidation(
        "GetShardIterator",
        { StreamName: name, ShardId: name, ShardIteratorType: "LATEST" },
        violation(name, "shardId", MAX_LENGTH_128),
        violation(name, "streamName", MAX_LENGTH_128),
      );
    });

    it("needs a StreamName or a StreamARN", async () => {
      await expectFailure(
        "GetShardIterator",
        { ShardId: shardId(0), ShardIteratorType: "LATEST" },
        "InvalidArgumentException",
        "Either StreamName or StreamARN must be provided.",
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist, worded as AWS words a missing shard", async () => {
      const name = uniqueName();
      await expectFailure(
        "GetShardIterator",
        { StreamName: name, ShardId: shardId(0), ShardIteratorType: "LATEST" },
        "ResourceNotFoundException",
        `Shard ${shardId(0)} in stream ${name} under account 000000000000 does not exist`,
      );
    });

    it("answers ResourceNotFoundException for a shard the stream does not have", async () => {
      const stream = await twoShardStream();
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(5), ShardIteratorType: "LATEST" },
        "ResourceNotFoundException",
        `Shard ${shardId(5)} in stream ${stream.name} under account 000000000000 does not exist`,
      );
    });

    it("needs a StartingSequenceNumber with AT_ and AFTER_SEQUENCE_NUMBER, and none with TRIM_HORIZON and LATEST", async () => {
      const stream = await twoShardStream();
      const base = { StreamName: stream.name, ShardId: shardId(0) };
      for (const type of ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"]) {
        await expectFailure(
          "GetShardIterator",
          { ...base, ShardIteratorType: type },
          "InvalidArgumentException",
          `${MUST_EITHER}Request specified ${type} and no StartingSequenceNumber.`,
        );
      }
      const { SequenceNumber } = await putTo(stream, 0, "x");
      for (const type of ["TRIM_HORIZON", "LATEST"]) {
        await expectFailure(
          "GetShardIterator",
          { ...base, ShardIteratorType: type, StartingSequenceNumber: SequenceNumber },
          "InvalidArgumentException",
          `${MUST_EITHER}Request specified ${type} and also a StartingSequenceNumber.`,
        );
      }
    });

    it("needs a Timestamp with AT_TIMESTAMP, not in the future", async () => {
      const stream = await twoShardStream();
      const base = { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_TIMESTAMP" };
      await expectFailure(
        "GetShardIterator",
        base,
        "InvalidArgumentException",
        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.",
      );
      const future = Date.now() + 3_600_000;
      await expectFailure(
        "GetShardIterator",
        { ...base, Timestamp: future / 1000 },
        "InvalidArgumentException",
        new RegExp(
          `^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\\. timestampInMillis: ${future}, currentTimestampInMillis: \\d+$`,
        ),
      );
    });

    it("refuses a sequence number of another shard", async () => {
      const stream = await twoShardStream();
      const { SequenceNumber, ShardId } = await putTo(stream, 1, "on shard 1");
      expect(ShardId).toBe(shardId(1));
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: SequenceNumber },
        "InvalidArgumentException",
        `Invalid StartingSequenceNumber. It encodes ${shardId(1)}, while it was used in a call to a shard with ${shardId(0)}`,
      );
    });

    it("refuses a sequence number of another stream", async () => {
      const first = await createActiveStream(1);
      await advanceRegistryClock(1000);
      const second = await createActiveStream(1);
      const { SequenceNumber } = await putTo(first, 0, "first stream");
      await expectFailure(
        "GetShardIterator",
        { StreamName: second.name, ShardId: shardId(0), ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: SequenceNumber },
        "InvalidArgumentException",
        `StartingSequenceNumber ${SequenceNumber} used in GetShardIterator on shard ${shardId(0)} in stream ${second.name} ` +
          "under account 000000000000 is invalid because it did not come from this stream.",
      );
    });

    it("refuses a sequence number that is no sequence number of Kinesis", async () => {
      const stream = await twoShardStream();
      // A position of 2^63: AWS's numbers have no room for one.
      const number = sequenceNumberFromHex("20000000000800000000000000000000000000000000002");
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: number },
        "InvalidArgumentException",
        `StartingSequenceNumber ${number} used in GetShardIterator on shard ${shardId(0)} in stream ${stream.name} under account 000000000000 is invalid.`,
      );
    });

    it("reads a small number as AWS does, as naming the shard of its last 16 bits", async () => {
      const stream = await twoShardStream();
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: "5" },
        "InvalidArgumentException",
        `Invalid StartingSequenceNumber. It encodes ${shardId(5)}, while it was used in a call to a shard with ${shardId(0)}`,
      );
    });

    it("refuses a number of AWS's oldest format for the right shard as invalid (AWS fails with InternalFailure; no request may cause a 5xx here)", async () => {
      const stream = await twoShardStream();
      const response = await call("GetShardIterator", {
        StreamName: stream.name,
        ShardId: shardId(0),
        ShardIteratorType: "AT_SEQUENCE_NUMBER",
        StartingSequenceNumber: "0",
      });
      expectError(
        response,
        "InvalidArgumentException",
        `StartingSequenceNumber 0 used in GetShardIterator on shard ${shardId(0)} in stream ${stream.name} under account 000000000000 is invalid.`,
      );
    });

    it("refuses a number of AWS's version 1 as one of another stream", async () => {
      const stream = await twoShardStream();
      const number = sequenceNumberFromHex("20000000000000000000000000000000000000000000001");
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: number },
        "InvalidArgumentException",
        `StartingSequenceNumber ${number} used in GetShardIterator on shard ${shardId(0)} in stream ${stream.name} ` +
          "under account 000000000000 is invalid because it did not come from this stream.",
      );
    });

    it("refuses the 48-digit numbers of before for another shard or stream with AWS's messages", async () => {
      const stream = await twoShardStream();
      const created = await streamCreatedSeconds(stream);
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: legacySequenceNumber(created, 1, 1) },
        "InvalidArgumentException",
        `Invalid StartingSequenceNumber. It encodes ${shardId(1)}, while it was used in a call to a shard with ${shardId(0)}`,
      );
      const foreign = legacySequenceNumber(created - 100, 0, 1);
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: foreign },
        "InvalidArgumentException",
        `StartingSequenceNumber ${foreign} used in GetShardIterator on shard ${shardId(0)} in stream ${stream.name} ` +
          "under account 000000000000 is invalid because it did not come from this stream.",
      );
    });
  });

  describe("functionality", () => {
    it("answers an iterator, and nothing else", async () => {
      const stream = await twoShardStream();
      const output = await ok<GetShardIteratorOutput>("GetShardIterator", {
        StreamName: stream.name,
        ShardId: shardId(1),
        ShardIteratorType: "TRIM_HORIZON",
      });
      expect(Object.keys(output)).toEqual(["ShardIterator"]);
      expect(output.ShardIterator.length).toBeGreaterThan(0);
    });

    it("answers iterators that fit GetRecords' 512-character limit, even for the longest stream name", async () => {
      const stream = await createActiveStream(1, {}, `n${"x".repeat(120)}-${crypto.randomUUID().slice(0, 6)}`);
      expect(stream.name).toHaveLength(128);
      await putTo(stream, 0, "long name");
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      expect(iterator.length).toBeLessThanOrEqual(512);
      const page = await ok<GetRecordsOutput>("GetRecords", { ShardIterator: iterator });
      expect(page.Records.map((record) => record.Data)).toEqual([base64("long name")]);
      expect((page.NextShardIterator ?? "").length).toBeLessThanOrEqual(512);
    });

    it("starts where each iterator type says", async () => {
      const stream = await createActiveStream(1);
      const sequenceNumbers: string[] = [];
      for (let i = 0; i < 5; i++) sequenceNumbers.push((await putTo(stream, 0, `r${i}`)).SequenceNumber);
      const read = async (type: string, extra: Record<string, unknown> = {}) =>
        (await readAll(await getIterator(stream, shardId(0), type, extra))).map((record) => record.SequenceNumber);

      expect(await read("TRIM_HORIZON")).toEqual(sequenceNumbers);
      expect(await read("LATEST")).toEqual([]);
      expect(await read("AT_SEQUENCE_NUMBER", { StartingSequenceNumber: sequenceNumbers[2] })).toEqual(sequenceNumbers.slice(2));
      expect(await read("AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: sequenceNumbers[2] })).toEqual(sequenceNumbers.slice(3));
      expect(await read("AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: sequenceNumbers[4] })).toEqual([]);
      expect(await read("AT_TIMESTAMP", { Timestamp: 0 })).toEqual(sequenceNumbers);
    });

    it("accepts the shard's starting sequence number", async () => {
      const stream = await createActiveStream(1);
      const { SequenceNumber } = await putTo(stream, 0, "first");
      const described = await ok<{ StreamDescription: { Shards: { SequenceNumberRange: { StartingSequenceNumber: string } }[] } }>(
        "DescribeStream",
        { StreamName: stream.name },
      );
      const start = described.StreamDescription.Shards[0]?.SequenceNumberRange.StartingSequenceNumber;
      const records = await readAll(await getIterator(stream, shardId(0), "AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: start }));
      expect(records.map((record) => record.SequenceNumber)).toEqual([SequenceNumber]);
    });

    it("answers sequence numbers as AWS writes them: 56 digits carrying the shard, the order and the arrival time", async () => {
      const stream = await createActiveStream(2);
      const created = await streamCreatedSeconds(stream);
      const before = Math.floor(Date.now() / 1000);
      const first = await putTo(stream, 1, "one");
      const second = await putTo(stream, 1, "two");
      const after = Math.ceil(Date.now() / 1000);
      for (const { SequenceNumber } of [first, second]) {
        expect(SequenceNumber).toMatch(/^\d{56}$/);
        const fields = sequenceFields(SequenceNumber);
        expect(fields.shardId).toBe(shardId(1));
        expect(fields.createdSeconds).toBe(created);
        expect(fields.arrivalSeconds).toBeGreaterThanOrEqual(before);
        expect(fields.arrivalSeconds).toBeLessThanOrEqual(after);
      }
      expect(sequenceFields(second.SequenceNumber).position).toBe(sequenceFields(first.SequenceNumber).position + 1n);
      expect(BigInt(second.SequenceNumber) > BigInt(first.SequenceNumber)).toBe(true);
    });

    it("still positions iterators at the 48-digit numbers it handed out before", async () => {
      const stream = await createActiveStream(1);
      const created = await streamCreatedSeconds(stream);
      const sequenceNumbers: string[] = [];
      for (let i = 0; i < 4; i++) sequenceNumbers.push((await putTo(stream, 0, `r${i}`)).SequenceNumber);
      // The number the second record (counter 2) was given before sequence numbers had 56 digits.
      const old = legacySequenceNumber(created, 0, 2);
      const read = async (type: string) =>
        (await readAll(await getIterator(stream, shardId(0), type, { StartingSequenceNumber: old }))).map((record) => record.SequenceNumber);
      expect(await read("AT_SEQUENCE_NUMBER")).toEqual(sequenceNumbers.slice(1));
      expect(await read("AFTER_SEQUENCE_NUMBER")).toEqual(sequenceNumbers.slice(2));
      // The shard's starting number of before, too.
      const fromStart = await getIterator(stream, shardId(0), "AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: legacySequenceNumber(created, 0, 0) });
      expect((await readAll(fromStart)).map((record) => record.SequenceNumber)).toEqual(sequenceNumbers);
    });

    it("answers iterators by StreamARN", async () => {
      const stream = await twoShardStream();
      const output = await ok<GetShardIteratorOutput>("GetShardIterator", {
        StreamARN: stream.arn,
        ShardId: shardId(0),
        ShardIteratorType: "LATEST",
      });
      const page = await ok<GetRecordsOutput>("GetRecords", { ShardIterator: output.ShardIterator, StreamARN: stream.arn });
      expect(page.Records).toEqual([]);
    });
  });
});
