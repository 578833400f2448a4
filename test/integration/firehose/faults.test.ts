/**
 * Nothing lost when things break mid-delivery: every record a put accepted ends up delivered or in
 * the error output (delivered + errored = put, counted record by record), and none twice, when
 * - R2 fails after some objects of a batch were written, and the delivery is retried;
 * - the buffer object restarts while the consumer writes, after records were acknowledged and
 *   before they were flushed, between a flush and its delivery, or with the batch's message lost;
 * - a transformation function times out (within its retries, and past them), also when R2 fails
 *   in the same delivery and the function answers on the retry;
 * - the D1 database of a Redshift destination is unreachable (until it comes back, and past
 *   RetryOptions);
 * - a message runs out of queue retries and goes to the dead-letter queue;
 * - an OpenSearch or Splunk destination is partway through a batch (documents indexed, an
 *   acknowledgement awaited) when R2 fails, the buffer object restarts, or the cluster is down for
 *   every queue attempt: nothing is indexed or sent twice, nothing is lost.
 *
 * Already covered elsewhere, and not repeated here: R2 failing for every put and a batch whose
 * completion is lost (delivery.test.ts), a batch whose message could not be sent, a function that
 * cannot be reached at all (processing.test.ts), D1 refusing a batch (d1.test.ts).
 *
 * Restarts use abortAllDurableObjects (every object's instance is thrown away, as when a process
 * dies; storage stays); the delivery function is called directly with the test's clock, or through
 * the Worker's queue handler, with bindings that fail on chosen calls (fault-injection.ts).
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import type { BatchMessage } from "../../../src/firehose/buffer";
import { deliverBatch } from "../../../src/firehose/delivery";
import { FIREHOSE } from "../../../src/firehose/limits";
import { DEAD_LETTER_QUEUE } from "../../../src/firehose/queue";
import { ok as kinesisOk, createActiveStream, useRegistryClock as useStreamRegistryClock } from "../client";
import { faultyBucket, flakyFunction, unreliableDatabase, withBindings } from "./fault-injection";
import {
  BUCKET_ARN,
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  encode,
  env,
  functionArn,
  jqPartitioning,
  lambdaProcessing,
  objects,
  putBatch,
  ROLE_ARN,
  runBufferAlarm,
  runQueue,
  type StoredObject,
  takeOverBuffer,
  type TestDeliveryStream,
  uniqueName,
  useRegistryClock,
} from "./helpers";
import { bufferFor } from "../../../src/objects";
import { clusterState, collectorState, errorRecords, newCluster, newCollector, scriptCluster, scriptCollector } from "./search-helpers";
import { HEC_TOKEN } from "./search-endpoints";

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

// ---------------------------------------------------------------------------------------------
// Records that can be counted back

interface Numbered {
  tag: string;
  i: number;
  p?: string;
}

const numbered = (tag: string, from: number, count: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: count }, (_, k) => `${JSON.stringify({ tag, i: from + k, ...extra(from + k) })}\n`);

/** Puts records in PutRecordBatch calls of at most 500; answers the RecordIds. */
async function putAll(stream: TestDeliveryStream, records: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < records.length; start += 500) {
    const answer = await putBatch(stream, records.slice(start, start + 500));
    expect(answer.FailedPutCount).toBe(0);
    ids.push(...answer.RequestResponses.map((entry) => entry.RecordId ?? ""));
  }
  return ids;
}

function linesOf(body: Uint8Array): string[] {
  return decode(body)
    .split("\n")
    .filter((line) => line !== "");
}

/** The numbered records in data objects. */
const recordsIn = (found: readonly StoredObject[]): Numbered[] => found.flatMap((object) => linesOf(object.body).map((line) => JSON.parse(line) as Numbered));

interface ErrorLine {
  errorCode: string;
  attemptsMade: number;
  rawData: string;
}

/** The error output's lines, and the source records they carry (rawData). */
function errorsIn(found: readonly StoredObject[]): { lines: ErrorLine[]; raw: string[] } {
  const lines = found.flatMap((object) => linesOf(object.body).map((line) => JSON.parse(line) as ErrorLine));
  return { lines, raw: lines.map((line) => decode(Uint8Array.fromBase64(line.rawData))) };
}

/** Each of 0..count-1 exactly once. */
function expectEachOnce(indices: readonly number[], count: number): void {
  expect(indices).toHaveLength(count);
  expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
}

async function heldRecords(stream: TestDeliveryStream): Promise<{ open: number; batched: number }> {
  const state = unwrap(await stream.buffer.state());
  return { open: state.open.records, batched: state.batches.reduce((sum, batch) => sum + batch.records, 0) };
}

/** The single message a flush sent, taken out of the outbox. */
function takeMessage(stream: TestDeliveryStream): BatchMessage {
  const messages = stream.outbox.splice(0);
  expect(messages).toHaveLength(1);
  return messages[0] as BatchMessage;
}

/**
 * Every Durable Object's instance is thrown away, as when the process holding them dies; storage
 * stays. Stubs of the old instances are broken, so callers take new ones (as delivery does for each
 * batch); the new instances get this file's clocks and outboxes back.
 */
async function restartObjects(...streams: TestDeliveryStream[]): Promise<void> {
  await abortAllDurableObjects();
  await useRegistryClock();
  await useStreamRegistryClock();
  for (const stream of streams) {
    stream.buffer = bufferFor(env, stream.id);
    await takeOverBuffer(stream);
  }
}

/**
 * A delivery stream under `<label>/` whose records pass FLAKY_TRANSFORM (data/ and errors/ below
 * the prefix); `extra` adds to its configuration, given the prefix.
 */
async function flakyTransformStream(label: string, retries: number, extra: (prefix: string) => Record<string, unknown> = () => ({})) {
  const prefix = `${uniqueName(label)}/`;
  const stream = await createDeliveryStream({
    Prefix: `${prefix}data/`,
    ErrorOutputPrefix: `${prefix}errors/`,
    BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
    ProcessingConfiguration: lambdaProcessing(functionArn("FLAKY_TRANSFORM"), retries),
    ...extra(prefix),
  });
  return { prefix, stream };
}

// ---------------------------------------------------------------------------------------------

describe("the delivery consumer dies midway", () => {
  it("R2 fails after some objects of a batch were written: the retried delivery writes each object once, every record once", async () => {
    const prefix = `${uniqueName("midway")}/`;
    const stream = await createDeliveryStream({
      Prefix: `${prefix}p=!{partitionKeyFromQuery:p}/`,
      ErrorOutputPrefix: `${prefix}errors/!{firehose:error-output-type}/`,
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 900 },
      ...jqPartitioning("{p: .p}"),
      S3BackupMode: "Enabled",
      S3BackupConfiguration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: `${prefix}backup/` },
    });
    // Five partitions, and two records that have no partition key (the error output).
    const good = numbered("midway", 0, 600, (i) => ({ p: `p${i % 5}` }));
    const put = [...good.slice(0, 300), "not json 1\n", ...good.slice(300), "not json 2\n"];
    await putAll(stream, put);
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);

    // Seven objects (five partitions, the error output, the backup); the fourth put fails.
    const faulty = faultyBucket({ failOn: (call) => call === 4 });
    await expect(deliverBatch(withBindings({ RIVULET_DELIVERIES: faulty.bucket }), message, clock)).rejects.toThrow(/R2 put 4 failed/);
    expect(faulty.written).toHaveLength(3);
    expect((await objects(prefix)).map((object) => object.key).sort()).toEqual([...faulty.written].sort());
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: put.length });

    const report = await deliverBatch(env, message, clock);
    expect(report).toMatchObject({ delivered: 600, failed: 2, dropped: 0 });
    const all = await objects(prefix);
    expect(all).toHaveLength(7);
    // The retry rewrote the first three under the same keys rather than adding new ones.
    expect(all.map((object) => object.key)).toEqual(expect.arrayContaining(faulty.written));

    const data = all.filter((object) => /\/p=p\d\//.test(object.key));
    expect(data).toHaveLength(5);
    for (const object of data) {
      const partition = /\/p=(p\d)\//.exec(object.key)?.[1];
      expect(recordsIn([object]).every((record) => record.p === partition)).toBe(true);
    }
    const delivered = recordsIn(data);
    expectEachOnce(delivered.map((record) => record.i), 600);
    const errors = errorsIn(all.filter((object) => object.key.startsWith(`${prefix}errors/`)));
    expect(errors.raw.sort()).toEqual(["not json 1\n", "not json 2\n"]);
    expect(delivered.length + errors.lines.length).toBe(put.length);
    const backup = all.filter((object) => object.key.startsWith(`${prefix}backup/`));
    expect(backup.flatMap((object) => linesOf(object.body))).toHaveLength(put.length);

    // The buffer forgot the batch; the message coming again finds nothing to do.
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });
    expect(await deliverBatch(env, message, clock)).toBeUndefined();
    expect((await objects(prefix)).map((object) => object.key)).toEqual(all.map((object) => object.key));
  });

  it("the buffer object restarts while the consumer writes: the delivery is retried and every record lands once", async () => {
    const prefix = `${uniqueName("restart-midway")}/`;
    const stream = await createDeliveryStream({
      Prefix: `${prefix}data/`,
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 },
      S3BackupMode: "Enabled",
      S3BackupConfiguration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: `${prefix}backup/` },
    });
    const put = numbered("restart-midway", 0, 700);
    await putAll(stream, put);
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);

    // The data object is written, then every object restarts before the backup is.
    const faulty = faultyBucket({
      failOn: () => false,
      beforePut: async (call) => {
        if (call === 2) await restartObjects(stream);
      },
    });
    const first = await runQueue([message], { env: withBindings({ RIVULET_DELIVERIES: faulty.bucket }) });
    // Both objects were written, but the buffer that was to hear of it is gone: the message is retried.
    expect(faulty.written).toHaveLength(2);
    expect(first.retryMessages).toHaveLength(1);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: put.length });
    const second = await runQueue([message], { attempts: 2 });
    expect(second.retryMessages).toEqual([]);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });

    const all = await objects(prefix);
    expect(all).toHaveLength(2);
    expectEachOnce(recordsIn(all.filter((object) => object.key.startsWith(`${prefix}data/`))).map((record) => record.i), put.length);
    expectEachOnce(recordsIn(all.filter((object) => object.key.startsWith(`${prefix}backup/`))).map((record) => record.i), put.length);
  });
});

describe("the buffer object restarts", () => {
  it("after records were acknowledged and before the flush, then between the flush and the delivery: all delivered once", async () => {
    const prefix = `${uniqueName("restart-buffer")}/`;
    const stream = await createDeliveryStream({ Prefix: prefix, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 } });
    const before = numbered("restart-buffer", 0, 1000);
    const ids = await putAll(stream, before);
    expect(stream.outbox).toEqual([]);
    expect(await heldRecords(stream)).toEqual({ open: 1000, batched: 0 });

    // Acknowledged, not flushed: the records and the interval's alarm outlive the restart.
    await restartObjects(stream);
    expect(await heldRecords(stream)).toEqual({ open: 1000, batched: 0 });
    clock.advance(900_000);
    expect(await runBufferAlarm(stream)).toBe(true);
    const message = takeMessage(stream);

    // Flushed, not delivered: the restarted buffer still hands the batch over.
    await restartObjects(stream);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 1000 });
    const result = await runQueue([message]);
    expect(result.retryMessages).toEqual([]);

    // Records put after a restart get RecordIds of their own, and are delivered too.
    await restartObjects(stream);
    const after = numbered("restart-buffer", 1000, 200);
    ids.push(...(await putAll(stream, after)));
    expect(new Set(ids).size).toBe(1200);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);

    expectEachOnce(recordsIn(await objects(prefix)).map((record) => record.i), 1200);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });
  });

  it("a batch whose message was lost with the restart is announced again, and delivered once", async () => {
    const prefix = `${uniqueName("lost-message")}/`;
    const stream = await createDeliveryStream({ Prefix: prefix, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    const put = numbered("lost-message", 0, 400);
    await putAll(stream, put);
    const message = takeMessage(stream);
    // The message is lost (nobody delivers it), and the buffer restarts: a deployed queue keeps its
    // messages, so only the redelivery period brings the batch back.
    await restartObjects(stream);
    clock.advance(FIREHOSE.redeliverAfterMs - 1000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([]);
    clock.advance(1000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([message]);
    await deliverAll(stream);
    expectEachOnce(recordsIn(await objects(prefix)).map((record) => record.i), put.length);
  });

  it("a Kinesis stream source: records read before and after restarts are delivered once each", async () => {
    const source = await createActiveStream(2);
    const prefix = `${uniqueName("restart-source")}/`;
    const stream = await createDeliveryStream(
      { Prefix: prefix, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 } },
      { extra: { DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: source.arn, RoleARN: ROLE_ARN } } },
    );
    const putToKinesis = async (from: number, count: number) =>
      kinesisOk("PutRecords", {
        StreamName: source.name,
        Records: numbered("restart-source", from, count).map((data, k) => ({ PartitionKey: `key-${from + k}`, Data: encode(data).toBase64() })),
      });
    const pollUntil = async (expected: number) => {
      for (let round = 0; round < 20; round++) {
        unwrap(await stream.buffer.pollSource());
        const held = await heldRecords(stream);
        if (held.open + held.batched >= expected) return held.open + held.batched;
      }
      throw new Error(`the buffer never held ${expected} records`);
    };

    await putToKinesis(0, 150);
    expect(await pollUntil(150)).toBe(150);
    await restartObjects(stream);
    await putToKinesis(150, 250);
    expect(await pollUntil(400)).toBe(400);
    await restartObjects(stream);
    // Nothing is read twice after the restarts: the checkpoints were stored with the records.
    expect(unwrap(await stream.buffer.pollSource())).toBe(0);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    expectEachOnce(recordsIn(await objects(prefix)).map((record) => record.i), 400);
  });
});

describe("processing and loading fail", () => {
  it("a transformation function that times out, then answers within NumberOfRetries: every record delivered", async () => {
    const { prefix, stream } = await flakyTransformStream("flaky-fn", 3);
    const put = numbered("flaky-fn", 0, 250);
    await putAll(stream, put);
    const fn = flakyFunction(2);
    const result = await runQueue(stream.outbox.splice(0), { env: withBindings({ FLAKY_TRANSFORM: fn.binding }) });
    expect(result.retryMessages).toEqual([]);
    expect(fn.invocations()).toBe(3);
    expectEachOnce(recordsIn(await objects(`${prefix}data/`)).map((record) => record.i), put.length);
    expect(await objects(`${prefix}errors/`)).toEqual([]);
  });

  it("a function that times out past NumberOfRetries: that batch goes to the error output, the next is delivered", async () => {
    const { prefix, stream } = await flakyTransformStream("timeout-fn", 1);
    const fn = flakyFunction(2);
    const bindings = withBindings({ FLAKY_TRANSFORM: fn.binding });
    const first = numbered("timeout-fn", 0, 100);
    await putAll(stream, first);
    expect((await runQueue(stream.outbox.splice(0), { env: bindings })).retryMessages).toEqual([]);
    const second = numbered("timeout-fn", 100, 150);
    await putAll(stream, second);
    expect((await runQueue(stream.outbox.splice(0), { env: bindings })).retryMessages).toEqual([]);
    expect(fn.invocations()).toBe(3);

    const delivered = recordsIn(await objects(`${prefix}data/`));
    const errors = errorsIn(await objects(`${prefix}errors/`));
    expect(new Set(errors.lines.map((line) => `${line.errorCode} ${line.attemptsMade}`))).toEqual(new Set(["Lambda.FunctionTimedOut 2"]));
    expect(errors.raw.sort()).toEqual([...first].sort());
    expect(delivered.map((record) => record.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, k) => 100 + k));
    expect(delivered.length + errors.lines.length).toBe(first.length + second.length);
  });

  it("the function times out and R2 fails in the same delivery; the retry gets answers: each record in one place only", async () => {
    const { prefix, stream } = await flakyTransformStream("timeout-then-r2", 0, (prefix) => ({
      S3BackupMode: "Enabled",
      S3BackupConfiguration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: `${prefix}backup/` },
    }));
    const put = numbered("timeout-then-r2", 0, 300);
    await putAll(stream, put);
    const message = takeMessage(stream);
    const fn = flakyFunction(1);

    // First attempt: the function times out, so every record is headed for the error output; that
    // object is written, then R2 fails on the backup.
    const faulty = faultyBucket({ failOn: (call) => call === 2 });
    await expect(deliverBatch(withBindings({ FLAKY_TRANSFORM: fn.binding, RIVULET_DELIVERIES: faulty.bucket }), message, clock)).rejects.toThrow(/R2 put 2 failed/);
    expect(faulty.written.map((key) => key.startsWith(`${prefix}errors/`))).toEqual([true]);
    expect(errorsIn(await objects(`${prefix}errors/`)).lines).toHaveLength(put.length);

    // The retry: the function answers, so the records are delivered, and only delivered.
    clock.advance(5000);
    const report = await deliverBatch(withBindings({ FLAKY_TRANSFORM: fn.binding }), message, clock);
    expect(report).toMatchObject({ delivered: 300, failed: 0 });
    const delivered = recordsIn(await objects(`${prefix}data/`));
    const errors = errorsIn(await objects(`${prefix}errors/`));
    expectEachOnce(delivered.map((record) => record.i), put.length);
    // The first attempt's error object was removed: its records are delivered now.
    expect(errors.lines).toEqual([]);
    expect(delivered.length + errors.lines.length).toBe(put.length);
    expectEachOnce(recordsIn(await objects(`${prefix}backup/`)).map((record) => record.i), put.length);
  });

  describe("a Redshift destination whose D1 database is unreachable", () => {
    const COLUMNS = "user_id,event,occurred_at,page,duration_ms";
    const activity = (user: string, i: number) =>
      `${JSON.stringify({ user_id: `${user}-${String(i).padStart(4, "0")}`, event: "page_view", occurred_at: `2026-11-27T10:00:00Z`, page: `/p/${i}`, duration_ms: i })}`;

    async function redshiftStream(retrySeconds: number): Promise<{ stream: TestDeliveryStream; prefix: string }> {
      const prefix = `${uniqueName("d1-faults")}/`;
      const stream = await createDeliveryStream(
        {
          RoleARN: ROLE_ARN,
          ClusterJDBCURL: "jdbc:redshift://rivulet-analytics.redshift.local:5439/dev",
          CopyCommand: { DataTableName: "user_activity", DataTableColumns: COLUMNS, CopyOptions: "json 'auto'" },
          Username: "firehose",
          Password: "not-used-by-d1",
          RetryOptions: { DurationInSeconds: retrySeconds },
          S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 } },
        },
        { destinationKey: "RedshiftDestinationConfiguration" },
      );
      return { stream, prefix };
    }

    async function rowsOf(user: string): Promise<string[]> {
      const result = await env.RIVULET_ANALYTICS.prepare("SELECT user_id FROM user_activity WHERE user_id LIKE ? ORDER BY user_id").bind(`${user}-%`).all<{ user_id: string }>();
      return result.results.map((row) => row.user_id);
    }

    it("is retried until D1 answers again, then loads every row once", async () => {
      const { stream, prefix } = await redshiftStream(3600);
      const user = uniqueName("d1-down");
      const put = [...Array.from({ length: 120 }, (_, i) => activity(user, i)), "not a row"];
      await putAll(stream, put);
      unwrap(await stream.buffer.flushNow());
      const message = takeMessage(stream);

      const down = withBindings({ RIVULET_ANALYTICS: unreliableDatabase(() => true) });
      await expect(deliverBatch(down, message, clock)).rejects.toThrow(/Network connection lost/);
      clock.advance(600_000);
      await expect(deliverBatch(down, message, clock)).rejects.toThrow(/Network connection lost/);
      expect(await rowsOf(user)).toEqual([]);
      expect(await heldRecords(stream)).toEqual({ open: 0, batched: put.length });

      clock.advance(600_000);
      expect(await deliverBatch(env, message, clock)).toMatchObject({ delivered: 120, failed: 1 });
      const rows = await rowsOf(user);
      expect(rows).toEqual(Array.from({ length: 120 }, (_, i) => `${user}-${String(i).padStart(4, "0")}`));
      const errors = errorsIn(await objects(`${prefix}errors/`));
      expect(errors.lines.map((line) => line.errorCode)).toEqual(["Redshift.InvalidRecord"]);
      expect(rows.length + errors.lines.length).toBe(put.length);
      // The message again: nothing is loaded twice.
      expect(await deliverBatch(env, message, clock)).toBeUndefined();
      expect(await rowsOf(user)).toHaveLength(120);
    });

    it("past RetryOptions, every record of the batch goes to errors/ and no row is loaded", async () => {
      const { stream, prefix } = await redshiftStream(600);
      const user = uniqueName("d1-gone");
      const put = Array.from({ length: 80 }, (_, i) => activity(user, i));
      await putAll(stream, put);
      unwrap(await stream.buffer.flushNow());
      const message = takeMessage(stream);

      const down = withBindings({ RIVULET_ANALYTICS: unreliableDatabase(() => true) });
      await expect(deliverBatch(down, message, clock)).rejects.toThrow(/Network connection lost/);
      clock.advance(600_000);
      expect(await deliverBatch(down, message, clock)).toMatchObject({ delivered: 0, failed: 80 });
      expect(await rowsOf(user)).toEqual([]);
      const errors = errorsIn(await objects(`${prefix}errors/`));
      expect(new Set(errors.lines.map((line) => line.errorCode))).toEqual(new Set(["Redshift.LoadFailed"]));
      expect(errors.raw.sort()).toEqual([...put].sort());
      expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });
    });
  });
});

describe("the dead-letter queue", () => {
  it("a batch that ran out of queue retries is handed back to its buffer, announced again, and delivered once", async () => {
    const prefix = `${uniqueName("dead-letter")}/`;
    const stream = await createDeliveryStream({ Prefix: prefix, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    const put = numbered("dead-letter", 0, 300);
    await putAll(stream, put);
    const message = takeMessage(stream);

    // R2 is down for every attempt the queue makes (max_retries = 10 in wrangler.toml: 11 attempts).
    const down = faultyBucket({ failOn: () => true });
    for (let attempt = 1; attempt <= 11; attempt++) {
      const result = await runQueue([message], { attempts: attempt, env: withBindings({ RIVULET_DELIVERIES: down.bucket }) });
      expect(result.retryMessages).toHaveLength(1);
    }
    // The queue moves it to the dead-letter queue, whose consumer hands it back.
    const dead = await runQueue([message], { queue: DEAD_LETTER_QUEUE });
    expect(dead.explicitAcks).toHaveLength(1);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: put.length });

    clock.advance(FIREHOSE.deadLetterRequeueMs);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([message]);
    await deliverAll(stream);
    expectEachOnce(recordsIn(await objects(prefix)).map((record) => record.i), put.length);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });

    // A dead letter for a batch already delivered changes nothing.
    expect((await runQueue([message], { queue: DEAD_LETTER_QUEUE })).explicitAcks).toHaveLength(1);
    clock.advance(FIREHOSE.deadLetterRequeueMs);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([]);
  });
});

describe("OpenSearch and Splunk destinations", () => {
  async function searchStream(overrides: Record<string, unknown> = {}) {
    const cluster = newCluster();
    const prefix = `${uniqueName("search-faults")}/`;
    const stream = await createDeliveryStream(
      {
        RoleARN: ROLE_ARN,
        ClusterEndpoint: cluster.url,
        IndexName: "faults",
        IndexRotationPeriod: "NoRotation",
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
        ...overrides,
      },
      { destinationKey: "AmazonopensearchserviceDestinationConfiguration" },
    );
    return { stream, cluster, prefix };
  }

  async function splunkStream(overrides: Record<string, unknown> = {}) {
    const collector = newCollector();
    const prefix = `${uniqueName("splunk-faults")}/`;
    const stream = await createDeliveryStream(
      {
        HECEndpoint: collector.url,
        HECEndpointType: "Raw",
        HECToken: HEC_TOKEN,
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
        ...overrides,
      },
      { destinationKey: "SplunkDestinationConfiguration" },
    );
    return { stream, collector, prefix };
  }

  const indices = (documents: readonly { source: Record<string, unknown> }[]) => documents.map((doc) => Number(doc.source.i));

  it("OpenSearch: R2 fails while backing up the failed documents; the retry indexes nothing again and backs each up once", async () => {
    const { stream, cluster, prefix } = await searchStream({ RetryOptions: { DurationInSeconds: 0 }, S3BackupMode: "AllDocuments" });
    const put = numbered("search-r2", 0, 300, (i) => (i % 50 === 7 ? { poison: true } : {}));
    await putAll(stream, put);
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);

    // Two objects: the failed documents, then the copy of every record (AllDocuments); the second put fails.
    const faulty = faultyBucket({ failOn: (call) => call === 2 });
    await expect(deliverBatch(withBindings({ RIVULET_DELIVERIES: faulty.bucket }), message, clock)).rejects.toThrow(/R2 put 2 failed/);
    expect((await clusterState(cluster.name)).documents).toHaveLength(294);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: put.length });

    expect(await deliverBatch(env, message, clock)).toMatchObject({ delivered: 294, failed: 6 });
    const state = await clusterState(cluster.name);
    expect(state.requests.map((request) => request.items)).toEqual([300]);
    const failed = await errorRecords(`${prefix}AmazonOpenSearchService-failed/`);
    expect(failed).toHaveLength(6);
    expectEachOnce([...indices(state.documents), ...failed.map((record) => (JSON.parse(record.raw) as Numbered).i)], put.length);
    const backup = (await objects(prefix)).filter((object) => !object.key.startsWith(`${prefix}AmazonOpenSearchService-failed/`));
    expectEachOnce(recordsIn(backup).map((record) => record.i), put.length);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });
  });

  it("OpenSearch: the buffer object restarts between attempts; only the rejected documents are sent again (no duplicates without ids)", async () => {
    const { stream, cluster } = await searchStream({ DocumentIdOptions: { DefaultDocumentIdFormat: "NO_DOCUMENT_ID" } });
    const put = numbered("search-restart", 0, 400);
    await putAll(stream, put);
    await scriptCluster(cluster.name, { rejectItems: 50 });
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);
    expect((await runQueue([message])).retryMessages).toHaveLength(1);
    await restartObjects(stream);
    expect((await runQueue([message], { attempts: 2 })).retryMessages).toEqual([]);
    const state = await clusterState(cluster.name);
    expect(state.requests.map((request) => request.items)).toEqual([400, 50]);
    expectEachOnce(indices(state.documents), put.length);
  });

  it("OpenSearch: the cluster is down for every queue attempt; the dead-letter queue hands the batch back and it is indexed once", async () => {
    const { stream, cluster } = await searchStream({ RetryOptions: { DurationInSeconds: 7200 } });
    const put = numbered("search-dlq", 0, 120);
    await putAll(stream, put);
    await scriptCluster(cluster.name, { answers: Array.from({ length: 11 }, () => ({ status: 503 })) });
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);
    for (let attempt = 1; attempt <= 11; attempt++) expect((await runQueue([message], { attempts: attempt })).retryMessages).toHaveLength(1);
    expect((await runQueue([message], { queue: DEAD_LETTER_QUEUE })).explicitAcks).toHaveLength(1);
    clock.advance(FIREHOSE.deadLetterRequeueMs);
    await runBufferAlarm(stream);
    expect(stream.outbox).toEqual([message]);
    await deliverAll(stream);
    expectEachOnce(indices((await clusterState(cluster.name)).documents), put.length);
    expect(await heldRecords(stream)).toEqual({ open: 0, batched: 0 });
  });

  it("Splunk: the buffer object restarts while an acknowledgement is awaited; the next attempt polls it instead of sending again", async () => {
    const { stream, collector, prefix } = await splunkStream();
    // Acknowledged on the 8th poll: after the first attempt's polls, during the second's.
    await scriptCollector(collector.name, { ackOnPoll: 8 });
    const put = numbered("splunk-restart", 0, 200);
    await putAll(stream, put);
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);
    expect((await runQueue([message])).retryMessages).toHaveLength(1);
    await restartObjects(stream);
    expect((await runQueue([message], { attempts: 2 })).retryMessages).toEqual([]);
    const state = await collectorState(collector.name);
    expect(state.requests).toHaveLength(1);
    expectEachOnce(state.indexed.map((line) => (JSON.parse(String(line)) as Numbered).i), put.length);
    expect(await objects(prefix)).toEqual([]);
  });

  it("Splunk: R2 fails while backing up the failed events; the retry sends nothing again and backs each up once", async () => {
    const { stream, collector, prefix } = await splunkStream({ RetryOptions: { DurationInSeconds: 0 }, HECToken: "revoked" });
    const put = numbered("splunk-r2", 0, 150);
    await putAll(stream, put);
    unwrap(await stream.buffer.flushNow());
    const message = takeMessage(stream);
    const faulty = faultyBucket({ failOn: (call) => call === 1 });
    await expect(deliverBatch(withBindings({ RIVULET_DELIVERIES: faulty.bucket }), message, clock)).rejects.toThrow(/R2 put 1 failed/);
    expect(await deliverBatch(env, message, clock)).toMatchObject({ delivered: 0, failed: 150 });
    expect((await collectorState(collector.name)).requests).toHaveLength(1);
    const failed = await errorRecords(`${prefix}splunk-failed/`);
    expect(new Set(failed.map((record) => record.errorCode))).toEqual(new Set(["Splunk.InvalidToken"]));
    expectEachOnce(failed.map((record) => (JSON.parse(record.raw) as Numbered).i), put.length);
  });
});
