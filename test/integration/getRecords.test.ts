import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  base64,
  binary,
  call,
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  getIterator,
  NOT_NULL,
  ok,
  readAll,
  shardId,
  shardStub,
  TestClock,
  useShardClock,
  violation,
  type ErrorBody,
  type GetRecordsOutput,
  type PutRecordOutput,
  type PutRecordsOutput,
  type TestStream,
  type WireRecord,
} from "./client";

/** Gives every shard of the stream the same new clock, frozen at `offsetMs` from now. */
async function frozenShardClock(stream: TestStream, offsetMs = 0): Promise<TestClock> {
  const clock = new TestClock();
  clock.advance(offsetMs);
  clock.freeze();
  for (let i = 0; i < stream.shardIds.length; i++) await useShardClock(shardStub(stream.id, i), clock);
  return clock;
}

async function put(stream: TestStream, data: Uint8Array | string, partitionKey = "k"): Promise<PutRecordOutput> {
  return ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: partitionKey, Data: base64(data) });
}

async function getRecords(iterator: string, limit?: number): Promise<GetRecordsOutput> {
  return ok<GetRecordsOutput>("GetRecords", { ShardIterator: iterator, ...(limit !== undefined && { Limit: limit }) });
}

/** AWS's date format in iterator messages (Java's Date.toString in UTC): `Thu Jan 22 01:22:02 UTC 2015`. */
function javaUtc(ms: number): string {
  const date = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The iterator with the character at `at` replaced by one whose top bit differs (so the bytes it encodes change). */
function flip(iterator: string, at: number): string | undefined {
  const char = iterator.charAt(at);
  for (const alphabet of [BASE64URL, BASE64]) {
    const value = alphabet.indexOf(char);
    if (value >= 0) return iterator.slice(0, at) + alphabet.charAt(value ^ 32) + iterator.slice(at + 1);
  }
  return undefined;
}

describe("GetRecords", () => {
  describe("serializations", () => {
    it("refuses a Limit that is not an integer", async () => {
      await expectTypeErrors("GetRecords", ["Limit"], "Integer");
    });

    it("refuses a ShardIterator that is not a string", async () => {
      await expectTypeErrors("GetRecords", ["ShardIterator"], "String");
    });
  });

  describe("validations", () => {
    it("requires a ShardIterator", async () => {
      await expectValidation("GetRecords", {}, violation(null, "shardIterator", NOT_NULL));
    });

    it("refuses an empty ShardIterator and a zero Limit at once", async () => {
      await expectValidation(
        "GetRecords",
        { ShardIterator: "", Limit: 0 },
        violation("0", "limit", "Member must have value greater than or equal to 1"),
        violation("", "shardIterator", "Member must have length greater than or equal to 1"),
      );
    });

    it("refuses a ShardIterator longer than 512 characters and a Limit above 10000 at once", async () => {
      const iterator = "a".repeat(513);
      await expectValidation(
        "GetRecords",
        { ShardIterator: iterator, Limit: 100000 },
        violation("100000", "limit", "Member must have value less than or equal to 10000"),
        violation(iterator, "shardIterator", "Member must have length less than or equal to 512"),
      );
    });

    it("refuses a ShardIterator it never handed out", async () => {
      for (const iterator of ["not-an-iterator", "AAAA", "a.b", "a.b.c", "W10.AAAA", base64("{}")]) {
        await expectFailure("GetRecords", { ShardIterator: iterator }, "InvalidArgumentException", "Invalid ShardIterator.");
      }
    });

    it("refuses a tampered ShardIterator, whichever character is changed", async () => {
      const stream = await createActiveStream(2);
      const { ShardId } = await put(stream, "secret");
      const iterator = await getIterator(stream, ShardId, "TRIM_HORIZON");
      const shortened = iterator.slice(0, -1);
      const lengthened = `${iterator}A`;
      for (const tampered of [shortened, lengthened, flip(iterator, iterator.length - 1) ?? ""]) {
        await expectFailure("GetRecords", { ShardIterator: tampered }, "InvalidArgumentException", "Invalid ShardIterator.");
      }
      // Any changed character: refused as invalid, or (when the change names a shard that does not
      // exist) as not found; never read.
      let invalid = 0;
      for (let at = 0; at < iterator.length; at++) {
        const tampered = flip(iterator, at);
        if (tampered === undefined) continue;
        const response = await call<ErrorBody>("GetRecords", { ShardIterator: tampered });
        expect(response.status, `changed at ${at}`).toBe(400);
        if (response.body.__type === "InvalidArgumentException") {
          expect(response.body.message).toBe("Invalid ShardIterator.");
          invalid += 1;
        } else {
          expect(response.body.__type, `changed at ${at}`).toBe("ResourceNotFoundException");
          expect(response.body.message).toMatch(/^Shard shardId-\d{12} in stream .* under account 000000000000 does not exist$/s);
        }
      }
      expect(invalid).toBeGreaterThan(iterator.length / 2);
      // The real one still works.
      expect((await getRecords(iterator)).Records.map((record) => record.Data)).toEqual([base64("secret")]);
    }, 30_000);

    it("refuses one shard's iterator whose position was given to another shard", async () => {
      const stream = await createActiveStream(2);
      const first = await getIterator(stream, shardId(0), "LATEST");
      const second = await getIterator(stream, shardId(1), "LATEST");
      const [body0 = "", mac0 = ""] = first.split(".");
      const [body1 = "", mac1 = ""] = second.split(".");
      expect(body0).not.toBe(body1);
      for (const mixed of [`${body0}.${mac1}`, `${body1}.${mac0}`]) {
        await expectFailure("GetRecords", { ShardIterator: mixed }, "InvalidArgumentException", "Invalid ShardIterator.");
      }
    });

    it("refuses an iterator older than five minutes with ExpiredIteratorException", async () => {
      const stream = await createActiveStream(1);
      const clock = await frozenShardClock(stream);
      const issued = clock.now();
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      clock.advance(KINESIS.iteratorLifetimeMs);
      // Exactly five minutes old: still good.
      await getRecords(iterator);
      clock.advance(1);
      await expectFailure(
        "GetRecords",
        { ShardIterator: iterator },
        "ExpiredIteratorException",
        `Iterator expired. The iterator was created at time ${javaUtc(issued)} while right now it is ${javaUtc(issued + KINESIS.iteratorLifetimeMs + 1)} ` +
          "which is further in the future than the tolerated delay of 300000 milliseconds.",
      );
    });
  });

  describe("functionality", () => {
    it("reads every record back, per shard and in order, with every iterator type", async () => {
      const stream = await createActiveStream(4);
      // Well in the past, so that AT_TIMESTAMP may name the second batch's time.
      const clock = await frozenShardClock(stream, -60_000);
      const firstTime = clock.now();
      const batch = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => ({ PartitionKey: `pk-${from + i}`, Data: base64(binary(1 + ((from + i) % 50), from + i)) }));
      const firstBatch = batch(0, 200);
      const firstPut = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: firstBatch });
      expect(firstPut.FailedRecordCount).toBe(0);

      // LATEST iterators taken now see only what comes after.
      const latest = await Promise.all(stream.shardIds.map((shard) => getIterator(stream, shard, "LATEST")));
      clock.advance(1000);
      const secondTime = clock.now();
      const secondBatch = batch(200, 80);
      const secondPut = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: secondBatch });
      expect(secondPut.FailedRecordCount).toBe(0);

      const expectedOf = (entries: typeof firstBatch, output: PutRecordsOutput, shard: string) =>
        output.Records.flatMap((result, i) =>
          "ShardId" in result && result.ShardId === shard
            ? [{ SequenceNumber: result.SequenceNumber, PartitionKey: entries[i]?.PartitionKey, Data: entries[i]?.Data }]
            : [],
        );
      const strip = (records: WireRecord[]) =>
        records.map((record) => ({ SequenceNumber: record.SequenceNumber, PartitionKey: record.PartitionKey, Data: record.Data }));

      for (const [index, shard] of stream.shardIds.entries()) {
        const first = expectedOf(firstBatch, firstPut, shard);
        const second = expectedOf(secondBatch, secondPut, shard);
        const all = [...first, ...second];
        expect(first.length, `${shard} has records`).toBeGreaterThan(2);
        expect(second.length, `${shard} has later records`).toBeGreaterThan(0);

        // TRIM_HORIZON, read 7 at a time through NextShardIterator.
        const paged: WireRecord[] = [];
        let iterator = await getIterator(stream, shard, "TRIM_HORIZON");
        for (let calls = 0; ; calls++) {
          expect(calls).toBeLessThan(100);
          const page = await getRecords(iterator, 7);
          expect(page.Records.length).toBeLessThanOrEqual(7);
          paged.push(...page.Records);
          expect(typeof page.NextShardIterator).toBe("string");
          iterator = page.NextShardIterator ?? "";
          if (page.Records.length === 0) break;
        }
        expect(strip(paged)).toEqual(all);
        for (const record of paged) {
          expect(Object.keys(record).sort()).toEqual(["ApproximateArrivalTimestamp", "Data", "PartitionKey", "SequenceNumber"]);
        }
        expect(paged.slice(0, first.length).map((record) => record.ApproximateArrivalTimestamp)).toEqual(first.map(() => firstTime / 1000));
        expect(paged.slice(first.length).map((record) => record.ApproximateArrivalTimestamp)).toEqual(second.map(() => secondTime / 1000));

        const latestIterator = latest[index] ?? "";
        expect(strip(await readAll(latestIterator))).toEqual(second);

        const k = 2;
        const at = await readAll(await getIterator(stream, shard, "AT_SEQUENCE_NUMBER", { StartingSequenceNumber: first[k]?.SequenceNumber }));
        expect(strip(at)).toEqual(all.slice(k));
        const after = await readAll(await getIterator(stream, shard, "AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: first[k]?.SequenceNumber }));
        expect(strip(after)).toEqual(all.slice(k + 1));

        const atTime = async (ms: number) => strip(await readAll(await getIterator(stream, shard, "AT_TIMESTAMP", { Timestamp: ms / 1000 })));
        expect(await atTime(firstTime - 1)).toEqual(all);
        expect(await atTime(firstTime)).toEqual(all);
        expect(await atTime(firstTime + 1)).toEqual(second);
        expect(await atTime(secondTime)).toEqual(second);
        expect(await atTime(secondTime + 1)).toEqual([]);
      }
    }, 30_000);

    it("answers an empty shard with no records, no lag and a next iterator", async () => {
      const stream = await createActiveStream(1);
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      const page = await getRecords(iterator);
      expect(Object.keys(page).sort()).toEqual(["MillisBehindLatest", "NextShardIterator", "Records"]);
      expect(page.Records).toEqual([]);
      expect(page.MillisBehindLatest).toBe(0);
      expect(typeof page.NextShardIterator).toBe("string");
    });

    it("follows new records through NextShardIterator", async () => {
      const stream = await createActiveStream(1);
      let iterator = await getIterator(stream, shardId(0), "LATEST");
      const seen: string[] = [];
      for (let round = 0; round < 3; round++) {
        const page = await getRecords(iterator);
        expect(page.Records).toEqual([]);
        await put(stream, `round ${round}`);
        const next = await getRecords(page.NextShardIterator ?? "");
        seen.push(...next.Records.map((record) => record.Data));
        iterator = next.NextShardIterator ?? "";
      }
      expect(seen).toEqual([0, 1, 2].map((round) => base64(`round ${round}`)));
    });

    it("returns at most Limit records", async () => {
      const stream = await createActiveStream(1);
      await ok("PutRecords", { StreamName: stream.name, Records: Array.from({ length: 30 }, (_, i) => ({ PartitionKey: "k", Data: base64(`${i}`) })) });
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      expect((await getRecords(iterator, 1)).Records).toHaveLength(1);
      expect((await getRecords(iterator, 29)).Records).toHaveLength(29);
      expect((await getRecords(iterator, 10000)).Records).toHaveLength(30);
      expect((await getRecords(iterator)).Records).toHaveLength(30);
    });

    it("returns at most 10 MiB of records per call", async () => {
      const stream = await createActiveStream(1);
      // Twelve records of exactly 1 MiB each (data plus a one-byte partition key).
      const data = base64(new Uint8Array(1024 * 1024 - 1).fill(0xab));
      for (const count of [5, 5, 2]) {
        await ok("PutRecords", { StreamName: stream.name, Records: Array.from({ length: count }, () => ({ PartitionKey: "k", Data: data })) });
      }
      const first = await getRecords(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(first.Records).toHaveLength(10);
      expect(first.Records.every((record) => record.Data === data)).toBe(true);
      const rest = await getRecords(first.NextShardIterator ?? "");
      expect(rest.Records).toHaveLength(2);
    }, 30_000);

    it("lets an iterator be used again, reading the same records", async () => {
      const stream = await createActiveStream(1);
      await put(stream, "one");
      await put(stream, "two");
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      const first = await getRecords(iterator);
      const again = await getRecords(iterator);
      expect(again.Records).toEqual(first.Records);
      expect(first.Records.map((record) => record.Data)).toEqual([base64("one"), base64("two")]);
    });

    it("tells how far behind the tip a reader is with MillisBehindLatest", async () => {
      const stream = await createActiveStream(1);
      const clock = await frozenShardClock(stream);
      for (let i = 0; i < 3; i++) await put(stream, `r${i}`);
      clock.advance(10_000);
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      const first = await getRecords(iterator, 1);
      expect(first.Records).toHaveLength(1);
      expect(first.MillisBehindLatest).toBe(10_000);
      const rest = await getRecords(first.NextShardIterator ?? "", 10);
      expect(rest.Records).toHaveLength(2);
      expect(rest.MillisBehindLatest).toBe(0);
    });

    it("gives the arrival time of each record", async () => {
      const stream = await createActiveStream(1);
      const clock = await frozenShardClock(stream, -5000);
      const firstTime = clock.now();
      await put(stream, "early");
      clock.advance(1234);
      await put(stream, "later");
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.ApproximateArrivalTimestamp)).toEqual([firstTime / 1000, (firstTime + 1234) / 1000]);
    });

    it("hands out next iterators that live five minutes from their own issue", async () => {
      const stream = await createActiveStream(1);
      const clock = await frozenShardClock(stream);
      await put(stream, "a");
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      clock.advance(4 * 60_000);
      const first = await getRecords(iterator);
      expect(first.Records).toHaveLength(1);
      clock.advance(4 * 60_000);
      // Eight minutes after the first iterator, four after the next one.
      const second = await getRecords(first.NextShardIterator ?? "");
      expect(second.Records).toEqual([]);
      const response = await call<ErrorBody>("GetRecords", { ShardIterator: iterator });
      expect(response.body.__type).toBe("ExpiredIteratorException");
    });
  });
});
