/**
 * The metrics a delivery stream keeps about itself (src/metrics/), as the web console reads them:
 * records put through the real operations and delivered through the real queue handler, counted
 * back; the recent deliveries; the buffer's state.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { METRICS } from "../../../src/limits";
import { bufferState, readDeliveryStreamMetrics, readStreamMetrics, recentDeliveries, type MetricsAnswer, type MetricSeries } from "../../../src/metrics/query";
import { unwrap } from "../../../src/aws/errors";
import { deliverBatch } from "../../../src/firehose/delivery";
import { faultyBucket, withBindings } from "./fault-injection";
import { createActiveStream, ok as kinesisOk } from "../client";
import {
  ACCOUNT,
  BUCKET,
  clock,
  createDeliveryStream,
  deliverAll,
  encode,
  env,
  functionArn,
  jqPartitioning,
  lambdaProcessing,
  objectNamePattern,
  objects,
  ok,
  putBatch,
  REGION,
  ROLE_ARN,
  type TestDeliveryStream,
} from "./helpers";

const scope = { account: ACCOUNT, region: REGION };
const LAMBDA_ARN = functionArn("CSV_TO_JSON");

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

function series(answer: MetricsAnswer, name: string): MetricSeries {
  const found = answer.series.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no series ${name}`);
  return found;
}

const values = (answer: MetricsAnswer, name: string) => series(answer, name).points.map(([, value]) => value);
const total = (answer: MetricsAnswer, name: string) => values(answer, name).reduce((sum, value) => sum + value, 0);

async function metrics(stream: TestDeliveryStream): Promise<MetricsAnswer> {
  return readDeliveryStreamMetrics(env, scope, { deliveryStreamName: stream.name, range: "1h", now: clock.now() });
}

async function streamObjects(stream: TestDeliveryStream, prefix: string) {
  return (await objects(prefix)).filter((object) => object.key.includes(`${stream.name}-`));
}

const lines = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${JSON.stringify({ tag, i })}\n`);
const sizeOf = (data: readonly string[]) => data.reduce((sum, item) => sum + encode(item).byteLength, 0);

describe("incoming records, the buffer and delivery", () => {
  it("count what came in, show it buffered until delivered, then count what was delivered and list the object", async () => {
    const stream = await createDeliveryStream({ Prefix: "metrics-basic/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 } });
    const first = lines(10, "a");
    const second = lines(25, "b");
    await putBatch(stream, first);
    const arrival = clock.now();
    clock.advance(30_000);
    await putBatch(stream, second);
    await ok("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: encode("single\n").toBase64() } });
    const put = 10 + 25 + 1;
    const putBytes = sizeOf(first) + sizeOf(second) + sizeOf(["single\n"]);

    const incoming = await metrics(stream);
    expect(total(incoming, "IncomingRecords")).toBe(put);
    expect(total(incoming, "IncomingBytes")).toBe(putBytes);
    expect(total(incoming, "IncomingPutRequests")).toBe(3);
    expect(total(incoming, "DeliveryToS3.Records")).toBe(0);
    expect(await bufferState(env, scope, stream.name, clock.now())).toEqual({
      records: put,
      bytes: putBytes,
      batchesAwaitingDelivery: 0,
      oldestRecordAgeMs: 30_000,
    });

    // Flushed but not delivered: still held, now as one batch.
    clock.advance(12_000);
    unwrap(await stream.buffer.flushNow());
    expect(await bufferState(env, scope, stream.name, clock.now())).toEqual({
      records: put,
      bytes: putBytes,
      batchesAwaitingDelivery: 1,
      oldestRecordAgeMs: 42_000,
    });
    expect(await recentDeliveries(env, scope, stream.name)).toEqual([]);

    await deliverAll(stream);
    expect(await bufferState(env, scope, stream.name, clock.now())).toEqual({ records: 0, bytes: 0, batchesAwaitingDelivery: 0, oldestRecordAgeMs: null });
    const delivered = await streamObjects(stream, "metrics-basic/");
    expect(delivered).toHaveLength(1);
    const object = delivered[0];

    const answer = await metrics(stream);
    expect(total(answer, "DeliveryToS3.Records")).toBe(put);
    expect(total(answer, "DeliveryToS3.Bytes")).toBe(object?.body.byteLength);
    expect(total(answer, "DeliveryToS3.ObjectCount")).toBe(1);
    expect(values(answer, "DeliveryToS3.Success")).toEqual([1]);
    expect(series(answer, "DeliveryToS3.DataFreshness")).toMatchObject({ unit: "Seconds", statistic: "Maximum" });
    expect(values(answer, "DeliveryToS3.DataFreshness")).toEqual([(clock.now() - arrival) / 1000]);
    // No transformation configured: nothing to show for it.
    expect(values(answer, "ExecuteProcessing.Success")).toEqual([]);

    const log = await recentDeliveries(env, scope, stream.name);
    expect(log).toEqual([{ bucket: BUCKET, key: object?.key, bytes: object?.body.byteLength, records: put, kind: "data", deliveredAt: clock.now() }]);
    expect(log[0]?.key.slice("metrics-basic/".length)).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\d{2}\//);
    expect(log[0]?.key.split("/").at(-1)).toMatch(objectNamePattern(stream.name));
  });

  it("answer ResourceNotFoundException, as Firehose words it, for a delivery stream that does not exist", async () => {
    const name = "no-such-hose-for-metrics";
    const expected = { type: "ResourceNotFoundException", message: `Firehose ${name} under account ${ACCOUNT} not found.` };
    await expect(readDeliveryStreamMetrics(env, scope, { deliveryStreamName: name, range: "24h", now: clock.now() })).rejects.toMatchObject(expected);
    await expect(recentDeliveries(env, scope, name)).rejects.toMatchObject(expected);
    await expect(bufferState(env, scope, name, clock.now())).rejects.toMatchObject(expected);
  });
});

describe("processing, error output and backup", () => {
  it("count the transformation's batches and what it left Ok, and list data, error and backup objects with their records", async () => {
    const stream = await createDeliveryStream({
      Prefix: "metrics-csv/",
      ErrorOutputPrefix: "metrics-csv-errors/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
      S3BackupMode: "Enabled",
      S3BackupConfiguration: { RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`, BucketARN: `arn:aws:s3:::${BUCKET}`, Prefix: "metrics-csv-backup/" },
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [{ Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: LAMBDA_ARN }] }],
      },
    });
    const input = ["1,apple,0.5", "2,pear,0.75", "not csv", "   ", "3,plum,1"];
    await putBatch(stream, input);
    await deliverAll(stream);

    const answer = await metrics(stream);
    expect(values(answer, "ExecuteProcessing.Success")).toEqual([1]);
    expect(values(answer, "ExecuteProcessing.Duration")).toHaveLength(1);
    expect(total(answer, "SucceedProcessing.Records")).toBe(3);
    expect(total(answer, "DeliveryToS3.Records")).toBe(3);
    expect(total(answer, "BackupToS3.Records")).toBe(input.length);
    expect(total(answer, "BackupToS3.Bytes")).toBe(sizeOf(input));
    expect(total(answer, "DeliveryToS3.ObjectCount")).toBe(3);

    const log = await recentDeliveries(env, scope, stream.name);
    expect(log.map((entry) => [entry.kind, entry.records]).sort()).toEqual([
      ["backup", 5],
      ["data", 3],
      ["error", 1],
    ]);
    for (const entry of log) {
      const [stored] = await streamObjects(stream, entry.key);
      expect(stored?.body.byteLength, entry.key).toBe(entry.bytes);
    }
  });

  it("count a transformation that could not be invoked as a failed execution", async () => {
    const stream = await createDeliveryStream({
      Prefix: "metrics-nofn/",
      ErrorOutputPrefix: "metrics-nofn-errors/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
      ProcessingConfiguration: lambdaProcessing(functionArn("NO_SUCH_FUNCTION"), 0),
    });
    await putBatch(stream, ["a", "b", "c"]);
    await deliverAll(stream);
    const answer = await metrics(stream);
    expect(values(answer, "ExecuteProcessing.Success")).toEqual([0]);
    expect(total(answer, "SucceedProcessing.Records")).toBe(0);
    expect(total(answer, "DeliveryToS3.Records")).toBe(0);
    expect((await recentDeliveries(env, scope, stream.name)).map((entry) => [entry.kind, entry.records])).toEqual([["error", 3]]);
  });
});

describe("failed deliveries", () => {
  it("lower DeliveryToS3.Success by the puts that failed, and count the records once when the retry delivers them", async () => {
    const stream = await createDeliveryStream({
      Prefix: "metrics-faulty/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
      S3BackupMode: "Enabled",
      S3BackupConfiguration: { RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`, BucketARN: `arn:aws:s3:::${BUCKET}`, Prefix: "metrics-faulty-backup/" },
    });
    await putBatch(stream, lines(8, "f"));
    const [message] = stream.outbox.splice(0);
    if (!message) throw new Error("the put should have flushed a batch");
    // The data object is written, the backup's put fails: one of two puts succeeded.
    const faulty = faultyBucket({ failOn: (call) => call === 2 });
    await expect(deliverBatch(withBindings({ RIVULET_DELIVERIES: faulty.bucket }), message, clock)).rejects.toThrow(/R2 put 2 failed/);
    expect(await recentDeliveries(env, scope, stream.name)).toEqual([]);
    expect((await bufferState(env, scope, stream.name, clock.now())).records).toBe(8);

    await deliverBatch(env, message, clock);
    const answer = await metrics(stream);
    // Puts: 1 of 2, then 2 of 2.
    expect(values(answer, "DeliveryToS3.Success")).toEqual([3 / 4]);
    expect(total(answer, "DeliveryToS3.Records")).toBe(8);
    expect(total(answer, "BackupToS3.Records")).toBe(8);
    expect(await recentDeliveries(env, scope, stream.name)).toHaveLength(2);
    // Delivered again (a message sent twice): the batch is gone, nothing is counted twice.
    expect(await deliverBatch(env, message, clock)).toBeUndefined();
    expect(total(await metrics(stream), "DeliveryToS3.Records")).toBe(8);
  });
});

describe("recent deliveries", () => {
  it(`keep the last ${METRICS.recentDeliveries} objects, newest first`, async () => {
    const stream = await createDeliveryStream({
      Prefix: "metrics-many/k=!{partitionKeyFromQuery:k}/",
      ErrorOutputPrefix: "metrics-many-errors/",
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
      ...jqPartitioning("{k: .k}"),
    });
    // 150 partitions, then 100 more: 250 objects, of which the log keeps the newest 200.
    await putBatch(stream, Array.from({ length: 150 }, (_, k) => JSON.stringify({ k: `first-${k}` })));
    await deliverAll(stream);
    clock.advance(1000);
    await putBatch(stream, Array.from({ length: 100 }, (_, k) => JSON.stringify({ k: `second-${k}` })));
    await deliverAll(stream);

    const log = await recentDeliveries(env, scope, stream.name);
    expect(log).toHaveLength(METRICS.recentDeliveries);
    expect(log.slice(0, 100).every((entry) => entry.key.includes("/k=second-"))).toBe(true);
    expect(log.slice(100).every((entry) => entry.key.includes("/k=first-"))).toBe(true);
    expect(log[0]?.deliveredAt).toBeGreaterThan(log[199]?.deliveredAt ?? Infinity);
    expect(total(await metrics(stream), "DeliveryToS3.ObjectCount")).toBe(250);
    expect(total(await metrics(stream), "DeliveryToS3.Records")).toBe(250);
  });
});

describe("a Kinesis stream as source", () => {
  it("counts the records read from the stream as DataReadFromKinesisStream, not as IncomingRecords", async () => {
    const source = await createActiveStream(1);
    const stream = await createDeliveryStream(
      { Prefix: "metrics-source/" },
      { extra: { DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: source.arn, RoleARN: ROLE_ARN } } },
    );
    const data = lines(12, "k");
    await kinesisOk("PutRecords", { StreamName: source.name, Records: data.map((line, i) => ({ PartitionKey: `p${i}`, Data: encode(line).toBase64() })) });
    let held = 0;
    for (let round = 0; round < 20 && held < data.length; round++) {
      unwrap(await stream.buffer.pollSource());
      held = (await bufferState(env, scope, stream.name, clock.now())).records;
    }
    expect(held).toBe(data.length);
    const answer = await metrics(stream);
    expect(total(answer, "DataReadFromKinesisStream.Records")).toBe(data.length);
    expect(total(answer, "DataReadFromKinesisStream.Bytes")).toBe(sizeOf(data));
    expect(total(answer, "IncomingRecords")).toBe(0);
    // Firehose reads the stream as AWS's does, with GetRecords: the stream counts them as read.
    const read = await readStreamMetrics(env, scope, { streamName: source.name, range: "1h", now: Date.now() });
    expect(total(read, "GetRecords.Records")).toBe(data.length);
  });
});
