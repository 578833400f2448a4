/** IncreaseStreamRetentionPeriod, DecreaseStreamRetentionPeriod, and retention itself: old records go. */
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  base64,
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  getIterator,
  MIN_LENGTH_1,
  NAME_PATTERN,
  NOT_NULL,
  ok,
  readAll,
  registryClock,
  shardId,
  shardStub,
  storedRecordCount,
  streamNotFound,
  TestClock,
  uniqueName,
  useRegistryClock,
  useShardClock,
  violation,
  type DescribeStreamOutput,
  type GetRecordsOutput,
  type TestStream,
} from "./client";

const HOUR = 3_600_000;
const OPERATIONS = ["IncreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriod"] as const;

async function retentionOf(stream: TestStream): Promise<number> {
  const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
  return described.StreamDescription.RetentionPeriodHours;
}

/** A 1-shard stream whose shard runs on a frozen clock the test moves. */
async function streamWithClock(): Promise<{ stream: TestStream; clock: TestClock }> {
  const stream = await createActiveStream(1);
  const clock = new TestClock();
  clock.freeze();
  await useShardClock(shardStub(stream.id, 0), clock);
  return { stream, clock };
}

async function put(stream: TestStream, data: string): Promise<void> {
  await ok("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: base64(data) });
}

async function readable(stream: TestStream): Promise<string[]> {
  const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
  return records.map((record) => new TextDecoder().decode(Uint8Array.fromBase64(record.Data)));
}

describe("retention", () => {
  describe("serializations", () => {
    it("refuses a RetentionPeriodHours that is not an integer", async () => {
      for (const operation of OPERATIONS) await expectTypeErrors(operation, ["RetentionPeriodHours"], "Integer");
    });

    it("refuses a StreamName that is not a string", async () => {
      for (const operation of OPERATIONS) await expectTypeErrors(operation, ["StreamName"], "String");
    });
  });

  describe("validations", () => {
    it("requires RetentionPeriodHours", async () => {
      for (const operation of OPERATIONS) {
        await expectValidation(operation, {}, violation(null, "retentionPeriodHours", NOT_NULL));
      }
    });

    it("refuses an empty StreamName", async () => {
      for (const operation of OPERATIONS) {
        await expectValidation(
          operation,
          { StreamName: "", RetentionPeriodHours: 48 },
          violation("", "streamName", NAME_PATTERN),
          violation("", "streamName", MIN_LENGTH_1),
        );
      }
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      for (const operation of OPERATIONS) {
        await expectFailure(operation, { StreamName: name, RetentionPeriodHours: 48 }, "ResourceNotFoundException", streamNotFound(name));
      }
    });

    it("refuses less than 24 hours and more than 8760, changing nothing", async () => {
      const stream = await createActiveStream(1);
      for (const operation of OPERATIONS) {
        await expectFailure(
          operation,
          { StreamName: stream.name, RetentionPeriodHours: 23 },
          "InvalidArgumentException",
          "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.",
        );
        await expectFailure(
          operation,
          { StreamName: stream.name, RetentionPeriodHours: 8761 },
          "InvalidArgumentException",
          "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.",
        );
        await expectFailure(
          operation,
          { StreamName: stream.name, RetentionPeriodHours: -1 },
          "InvalidArgumentException",
          "Minimum allowed retention period is 24 hours. Requested retention period (-1 hours) is too short.",
        );
      }
      expect(await retentionOf(stream)).toBe(24);
    });

    it("refuses to increase to less, or to decrease to more, than the current period", async () => {
      const stream = await createActiveStream(1);
      await ok("IncreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 48 });
      await expectFailure(
        "IncreaseStreamRetentionPeriod",
        { StreamName: stream.name, RetentionPeriodHours: 25 },
        "InvalidArgumentException",
        `Requested retention period (25 hours) for stream ${stream.name} can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.`,
      );
      await expectFailure(
        "DecreaseStreamRetentionPeriod",
        { StreamName: stream.name, RetentionPeriodHours: 72 },
        "InvalidArgumentException",
        `Requested retention period (72 hours) for stream ${stream.name} can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.`,
      );
      expect(await retentionOf(stream)).toBe(48);
    });

    it("refuses a stream that is not ACTIVE", async () => {
      await useRegistryClock();
      const name = uniqueName();
      await ok("CreateStream", { StreamName: name, ShardCount: 1 });
      for (const operation of OPERATIONS) {
        await expectFailure(
          operation,
          { StreamName: name, RetentionPeriodHours: 48 },
          "ResourceInUseException",
          `Stream ${name} under account 000000000000 not ACTIVE, instead in state CREATING`,
        );
      }
      registryClock.advance(KINESIS.createStreamMs);
    });
  });

  describe("functionality", () => {
    it("increases and decreases the period, by name and by ARN", async () => {
      const stream = await createActiveStream(1);
      await ok("IncreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 168 });
      expect(await retentionOf(stream)).toBe(168);
      await ok("IncreaseStreamRetentionPeriod", { StreamARN: stream.arn, RetentionPeriodHours: 8760 });
      expect(await retentionOf(stream)).toBe(8760);
      await ok("DecreaseStreamRetentionPeriod", { StreamARN: stream.arn, RetentionPeriodHours: 100 });
      expect(await retentionOf(stream)).toBe(100);
      await ok("DecreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 24 });
      expect(await retentionOf(stream)).toBe(24);
    });

    it("stops returning records older than the period, and the shard's alarm deletes them", async () => {
      const { stream, clock } = await streamWithClock();
      await put(stream, "old");
      clock.advance(23 * HOUR);
      await put(stream, "young");
      clock.advance(HOUR);
      // Exactly 24 hours old: still there.
      expect(await readable(stream)).toEqual(["old", "young"]);
      // An iterator taken now, read a moment later.
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      clock.advance(1);
      expect(await readable(stream)).toEqual(["young"]);
      const page = await ok<GetRecordsOutput>("GetRecords", { ShardIterator: iterator });
      expect(page.Records.map((record) => record.Data)).toEqual([base64("young")]);

      // Hidden at once, deleted by the alarm.
      const shard = shardStub(stream.id, 0);
      expect(await storedRecordCount(shard)).toBe(2);
      expect(await runDurableObjectAlarm(shard)).toBe(true);
      expect(await storedRecordCount(shard)).toBe(1);
      expect(await readable(stream)).toEqual(["young"]);

      // The next alarm is for the young record.
      clock.advance(23 * HOUR);
      expect(await runDurableObjectAlarm(shard)).toBe(true);
      expect(await storedRecordCount(shard)).toBe(0);
      expect(await readable(stream)).toEqual([]);
      expect(await runDurableObjectAlarm(shard)).toBe(false);
    });

    it("keeps records for a longer period once increased", async () => {
      const { stream, clock } = await streamWithClock();
      await ok("IncreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 48 });
      await put(stream, "kept");
      clock.advance(30 * HOUR);
      expect(await readable(stream)).toEqual(["kept"]);
      const shard = shardStub(stream.id, 0);
      await runDurableObjectAlarm(shard);
      expect(await storedRecordCount(shard)).toBe(1);
      clock.advance(18 * HOUR + 1);
      expect(await readable(stream)).toEqual([]);
    });

    it("drops records at once when the period is decreased below their age", async () => {
      const { stream, clock } = await streamWithClock();
      await ok("IncreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 72 });
      await put(stream, "two days old");
      clock.advance(48 * HOUR);
      await put(stream, "new");
      expect(await readable(stream)).toEqual(["two days old", "new"]);
      await ok("DecreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 24 });
      expect(await readable(stream)).toEqual(["new"]);
      const shard = shardStub(stream.id, 0);
      expect(await runDurableObjectAlarm(shard)).toBe(true);
      expect(await storedRecordCount(shard)).toBe(1);
    });

    it("does not bring back records that expired before the period was increased", async () => {
      // AWS: a longer period "does not make previous, expired data (older than the stream's previous
      // retention period) accessible". Here the shard's alarm has not run yet when the period grows.
      const { stream, clock } = await streamWithClock();
      await put(stream, "expired");
      clock.advance(12 * HOUR);
      await put(stream, "current");
      clock.advance(12 * HOUR + 1);
      expect(await readable(stream)).toEqual(["current"]);
      await ok("IncreaseStreamRetentionPeriod", { StreamName: stream.name, RetentionPeriodHours: 48 });
      expect(await readable(stream)).toEqual(["current"]);
      expect(await storedRecordCount(shardStub(stream.id, 0))).toBe(1);
      // And "current" now lives 48 hours.
      clock.advance(30 * HOUR);
      expect(await readable(stream)).toEqual(["current"]);
    });

    it("starts a TRIM_HORIZON iterator at the oldest record still retained", async () => {
      const { stream, clock } = await streamWithClock();
      await put(stream, "expires");
      clock.advance(12 * HOUR);
      await put(stream, "stays");
      clock.advance(12 * HOUR + 1);
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.Data)).toEqual([base64("stays")]);
      const atTime = await readAll(await getIterator(stream, shardId(0), "AT_TIMESTAMP", { Timestamp: 0 }));
      expect(atTime.map((record) => record.Data)).toEqual([base64("stays")]);
    });
  });
});
