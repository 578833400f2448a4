/**
 * The data plane: PutRecord(Batch), buffering by size and by interval, delivery through the queue
 * handler into R2 with AWS's object names, prefixes and compression, idempotent redelivery, and
 * failures of R2 or of the queue never losing a record.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BatchMessage, ObjectRef } from "../../../src/firehose/buffer";
import { DEAD_LETTER_QUEUE } from "../../../src/firehose/queue";
import { zonedTime } from "../../../src/firehose/time-format";
import {
  BUCKET_ARN,
  call,
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  encode,
  env,
  expectFailure,
  gunzip,
  objectNamePattern,
  objects,
  ok,
  putBatch,
  runBufferAlarm,
  runQueue,
  uniqueName,
  type TestDeliveryStream,
} from "./helpers";
import { hadoopSnappyDecode, snappyFramedDecode, unzip } from "./decoders";
import { retryDelaySeconds } from "../../../src/firehose/limits";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYY/MM/dd/HH/` of `ms` in UTC: Firehose's default prefix. */
function hourPrefix(ms: number): string {
  const t = zonedTime(ms);
  return `${t.year}/${pad(t.month)}/${pad(t.day)}/${pad(t.hour)}/`;
}

/** Records of JSON lines, so objects can be split back into records and counted. */
function lines(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, i) => `${JSON.stringify({ tag, i })}\n`);
}

function parseLines(text: string): { tag: string; i: number }[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { tag: string; i: number });
}

/** Objects of this stream (its name is in every key it writes). */
async function streamObjects(stream: TestDeliveryStream, prefix = "") {
  return (await objects(prefix)).filter((object) => object.key.includes(`${stream.name}-`));
}

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("PutRecord and PutRecordBatch", () => {
  it("answers a RecordId per record, in order, and FailedPutCount", async () => {
    const stream = await createDeliveryStream();
    const single = await ok<{ RecordId: string; Encrypted: boolean }>("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: encode("one").toBase64() } });
    expect(single.RecordId).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(single.Encrypted).toBe(false);
    const batch = await putBatch(stream, ["a", "b", "c"]);
    expect(batch.FailedPutCount).toBe(0);
    expect(batch.Encrypted).toBe(false);
    expect(batch.RequestResponses).toHaveLength(3);
    const ids = [single.RecordId, ...batch.RequestResponses.map((entry) => entry.RecordId)];
    expect(new Set(ids).size).toBe(4);
  });

  it("keeps AWS's limits: 500 records, 1,000 KiB a record, 4 MiB a batch", async () => {
    const stream = await createDeliveryStream();
    const tooMany = await call("PutRecordBatch", { DeliveryStreamName: stream.name, Records: Array.from({ length: 501 }, () => ({ Data: "YQ==" })) });
    expect(tooMany.body.__type).toBe("ValidationException");
    expect(tooMany.body.message).toContain("Member must have length less than or equal to 500");
    const big = new Uint8Array(1_024_001).toBase64();
    const tooBig = await call("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: big } });
    expect(tooBig.body).toEqual({
      __type: "ValidationException",
      message: expect.stringMatching(/^1 validation error detected: Value '.*' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000$/),
    });
    const nearlyMiB = new Uint8Array(1_024_000).toBase64();
    await expectFailure(
      "PutRecordBatch",
      { DeliveryStreamName: stream.name, Records: Array.from({ length: 5 }, () => ({ Data: nearlyMiB })) },
      "InvalidArgumentException",
      "Records size exceeds 4 MB limit",
    );
    await putBatch(stream, Array.from({ length: 4 }, () => new Uint8Array(1_024_000)));
  });

  it("refuses records for a stream that does not exist or is not ACTIVE yet", async () => {
    const missing = uniqueName("missing");
    await expectFailure("PutRecord", { DeliveryStreamName: missing, Record: { Data: "YQ==" } }, "ResourceNotFoundException", `Firehose ${missing} under account 000000000000 not found.`);
    const name = uniqueName("creating");
    await ok("CreateDeliveryStream", { DeliveryStreamName: name, ExtendedS3DestinationConfiguration: { RoleARN: "arn:aws:iam::000000000000:role/r", BucketARN: BUCKET_ARN } });
    await expectFailure("PutRecordBatch", { DeliveryStreamName: name, Records: [{ Data: "YQ==" }] }, "ResourceNotFoundException");
  });
});

describe("buffering", () => {
  it("flushes when the buffer reaches SizeInMBs, keeping the rest for later", async () => {
    const stream = await createDeliveryStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
    const record = new Uint8Array(400 * 1024).fill(7);
    await putBatch(stream, [record, record]);
    expect(stream.outbox).toHaveLength(0);
    await putBatch(stream, [record]);
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    const delivered = await streamObjects(stream);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.body.length).toBe(2 * record.length);
    // The third record waits for the interval.
    clock.advance(900_000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    expect((await streamObjects(stream)).map((object) => object.body.length).sort()).toEqual([record.length, 2 * record.length].sort());
  });

  it("flushes when the oldest record is IntervalInSeconds old, into the default prefix, named as AWS names objects", async () => {
    const stream = await createDeliveryStream({ BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } });
    const arrival = clock.now();
    const data = lines(5, "interval");
    await putBatch(stream, data);
    clock.advance(59_000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toHaveLength(0);
    clock.advance(1000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    const [object, ...rest] = await streamObjects(stream);
    expect(rest).toEqual([]);
    expect(object?.key.startsWith(hourPrefix(arrival))).toBe(true);
    expect(object?.key.slice(hourPrefix(arrival).length)).toMatch(objectNamePattern(stream.name, "1"));
    expect(decode(object?.body ?? new Uint8Array())).toBe(data.join(""));
    // Delivered batches leave the buffer.
    const state = await stream.buffer.state();
    expect(state.ok && state.value.batches).toEqual([]);
  });

  it("delivers at once with IntervalInSeconds 0", async () => {
    const stream = await createDeliveryStream({ Prefix: "now/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    await putBatch(stream, lines(3, "now"));
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    const [object] = await streamObjects(stream, "now/");
    expect(parseLines(decode(object?.body ?? new Uint8Array()))).toHaveLength(3);
  });
});

describe("objects", () => {
  const formats: [string, string, (body: Uint8Array) => Promise<Uint8Array>][] = [
    ["GZIP", ".gz", gunzip],
    ["ZIP", ".zip", async (body) => {
      const entries = await unzip(body);
      expect(entries).toHaveLength(1);
      return (entries[0] as { data: Uint8Array }).data;
    }],
    ["Snappy", ".snappy", async (body) => snappyFramedDecode(body)],
    ["HADOOP_SNAPPY", ".snappy", async (body) => hadoopSnappyDecode(body)],
  ];
  for (const [format, extension, decompress] of formats) {
    it(`${format}: compressed objects with the ${extension} extension that decompress to every record`, async () => {
      const prefix = `${format.toLowerCase()}/`;
      const stream = await createDeliveryStream({ Prefix: prefix, CompressionFormat: format, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
      // Enough records to span several 64 KiB Snappy chunks; repetitive enough to compress.
      const data = lines(6000, format);
      for (let i = 0; i < data.length; i += 500) await putBatch(stream, data.slice(i, i + 500));
      await deliverAll(stream);
      const delivered = await streamObjects(stream, prefix);
      expect(delivered.length).toBe(12);
      let total = 0;
      for (const object of delivered) {
        expect(object.key).toMatch(objectNamePattern(stream.name, "1", extension));
        const records = parseLines(decode(await decompress(object.body)));
        total += records.length;
        expect(object.body.length).toBeLessThan(encode(data.slice(0, records.length).join("")).length);
      }
      expect(total).toBe(data.length);
    });
  }

  it("evaluates custom prefixes (timestamps in CustomTimeZone, random strings) and uses FileExtension", async () => {
    const stream = await createDeliveryStream({
      Prefix: "events/dt=!{timestamp:yyyy-MM-dd}/h=!{timestamp:HH}/!{firehose:random-string}/",
      ErrorOutputPrefix: "failed/!{firehose:error-output-type}/",
      CustomTimeZone: "Asia/Tokyo",
      FileExtension: ".jsonl",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
    });
    const arrival = clock.now();
    await putBatch(stream, lines(2, "custom"));
    await deliverAll(stream);
    const tokyo = zonedTime(arrival, "Asia/Tokyo");
    const [object] = await streamObjects(stream, "events/");
    const expected = new RegExp(
      `^events/dt=${tokyo.year}-${pad(tokyo.month)}-${pad(tokyo.day)}/h=${pad(tokyo.hour)}/[A-Za-z0-9]{11}/${stream.name}-1-${tokyo.year}-${pad(tokyo.month)}-${pad(tokyo.day)}-${pad(tokyo.hour)}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.jsonl$`,
    );
    expect(object?.key).toMatch(expected);
  });

  it("names objects with the stream's version after UpdateDestination", async () => {
    const stream = await createDeliveryStream({ Prefix: "versioned/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    await ok("UpdateDestination", {
      DeliveryStreamName: stream.name,
      CurrentDeliveryStreamVersionId: "1",
      DestinationId: "destinationId-000000000001",
      ExtendedS3DestinationUpdate: { Prefix: "versioned-2/" },
    });
    await putBatch(stream, lines(1, "v2"));
    await deliverAll(stream);
    const [object] = await streamObjects(stream, "versioned-2/");
    expect(object?.key).toMatch(objectNamePattern(stream.name, "2"));
  });

  it("writes the source records under the backup prefix when S3BackupMode is Enabled", async () => {
    const stream = await createDeliveryStream({
      Prefix: "primary/",
      CompressionFormat: "GZIP",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
      S3BackupMode: "Enabled",
      S3BackupConfiguration: { RoleARN: "arn:aws:iam::000000000000:role/r", BucketARN: BUCKET_ARN, Prefix: "backup/" },
    });
    const data = lines(4, "backup");
    await putBatch(stream, data);
    await deliverAll(stream);
    const [primary] = await streamObjects(stream, "primary/");
    const [backup] = await streamObjects(stream, "backup/");
    expect(decode(await gunzip(primary?.body ?? new Uint8Array()))).toBe(data.join(""));
    expect(decode(backup?.body ?? new Uint8Array())).toBe(data.join(""));
  });
});

describe("delivery never loses or duplicates", () => {
  /** The real env, but R2 refuses every write. */
  function brokenR2(): object {
    const bucket = env.RIVULET_DELIVERIES;
    const broken = new Proxy(bucket, {
      get(target, property) {
        if (property === "put") return async () => Promise.reject(new Error("R2 is down"));
        const value = Reflect.get(target, property) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { ...env, RIVULET_DELIVERIES: broken };
  }

  /** The real env, but the buffer never hears that delivery completed (the consumer died after writing). */
  function lostCompletion(): object {
    const namespace = env.FIREHOSE_BUFFER;
    return {
      ...env,
      FIREHOSE_BUFFER: {
        idFromName: (name: string) => namespace.idFromName(name),
        get: (id: DurableObjectId) => {
          const stub = namespace.get(id);
          return {
            batch: (batchId: string) => stub.batch(batchId),
            plan: (batchId: string, objects: ObjectRef[]) => stub.plan(batchId, objects),
            complete: async () => Promise.reject(new Error("lost")),
          };
        },
      },
    };
  }

  it("retries a batch when R2 fails, with backoff, and delivers every record once it works", async () => {
    const stream = await createDeliveryStream({ Prefix: "retry/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    const data = lines(50, "retry");
    await putBatch(stream, data);
    const messages = stream.outbox.splice(0);
    expect(messages).toHaveLength(1);
    const first = await runQueue(messages, { env: brokenR2() });
    expect(first.retryMessages).toHaveLength(1);
    const third = await runQueue(messages, { env: brokenR2(), attempts: 3 });
    expect(third.retryMessages).toHaveLength(1);
    // The queue waits retryDelaySeconds(attempts) before the next try: 5 s, doubling, at most 5 minutes.
    expect([1, 2, 3, 7, 8, 20].map(retryDelaySeconds)).toEqual([5, 10, 20, 300, 300, 300]);
    expect(await streamObjects(stream, "retry/")).toEqual([]);
    const state = await stream.buffer.state();
    expect(state.ok && state.value.batches.map((batch) => batch.records)).toEqual([50]);
    const last = await runQueue(messages);
    expect(last.retryMessages).toEqual([]);
    expect(last.explicitAcks).toHaveLength(1);
    const delivered = await streamObjects(stream, "retry/");
    expect(delivered.flatMap((object) => parseLines(decode(object.body))).map((record) => record.i)).toEqual(data.map((_, i) => i));
  });

  it("a batch delivered twice is written once (the keys come from the batch, not the attempt)", async () => {
    const stream = await createDeliveryStream({ Prefix: "twice/", CompressionFormat: "GZIP", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    await putBatch(stream, lines(10, "twice"));
    const messages = stream.outbox.splice(0);
    const failed = await runQueue(messages, { env: lostCompletion() });
    expect(failed.retryMessages).toHaveLength(1);
    const firstKeys = (await streamObjects(stream, "twice/")).map((object) => object.key);
    expect(firstKeys).toHaveLength(1);
    clock.advance(3_600_000);
    await runQueue(messages);
    const after = await streamObjects(stream, "twice/");
    expect(after.map((object) => object.key)).toEqual(firstKeys);
    expect(parseLines(decode(await gunzip(after[0]?.body ?? new Uint8Array())))).toHaveLength(10);
    // A third message for the delivered batch finds nothing left to do.
    const again = await runQueue(messages);
    expect(again.explicitAcks).toHaveLength(1);
    expect((await streamObjects(stream, "twice/")).map((object) => object.key)).toEqual(firstKeys);
  });

  it("a batch whose message could not be queued is queued again by the alarm", async () => {
    const stream = await createDeliveryStream({ Prefix: "unsent/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    const { runInDurableObject } = await import("cloudflare:test");
    await runInDurableObject(stream.buffer, (instance: { outbox: (messages: BatchMessage[]) => Promise<void> }) => {
      instance.outbox = async () => Promise.reject(new Error("queue unavailable"));
    });
    await putBatch(stream, lines(7, "unsent"));
    expect(stream.outbox).toHaveLength(0);
    clock.advance(5000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    expect(parseLines(decode((await streamObjects(stream, "unsent/"))[0]?.body ?? new Uint8Array()))).toHaveLength(7);
  });

  it("a batch the dead-letter queue hands back is queued again, and one never completed is queued again later", async () => {
    const stream = await createDeliveryStream({ Prefix: "dead/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    await putBatch(stream, lines(3, "dead"));
    const [message] = stream.outbox.splice(0);
    const dead = await runQueue([message as BatchMessage], { queue: DEAD_LETTER_QUEUE });
    expect(dead.explicitAcks).toHaveLength(1);
    clock.advance(5 * 60 * 1000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([message]);
    stream.outbox.splice(0);
    // Nobody delivers it: after the redelivery period it is announced again.
    clock.advance(10 * 60 * 1000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([message]);
    await deliverAll(stream);
    expect(await streamObjects(stream, "dead/")).toHaveLength(1);
  });

  it("through the real queue: the Worker's consumer delivers what was put", async () => {
    clock.thaw();
    const name = uniqueName("queued");
    const { useRegistryClock } = await import("./helpers");
    await useRegistryClock();
    await ok("CreateDeliveryStream", {
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: { RoleARN: "arn:aws:iam::000000000000:role/r", BucketARN: BUCKET_ARN, Prefix: "queued/", BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
    });
    clock.advance(1000);
    const data = lines(100, "queued");
    await ok("PutRecordBatch", { DeliveryStreamName: name, Records: data.map((line) => ({ Data: encode(line).toBase64() })) });
    let delivered: { i: number }[] = [];
    for (let i = 0; i < 100 && delivered.length < data.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      delivered = (await objects("queued/")).filter((object) => object.key.includes(`${name}-`)).flatMap((object) => parseLines(decode(object.body)));
    }
    expect(delivered).toHaveLength(data.length);
    clock.freeze();
  });
});
