// Firehose delivery to S3 (R2 behind Rivulet's read-only S3 API), Rivulet only: the other servers do not
// serve Firehose (moto's Firehose is not measured), so their cells read "n/a".
//
// (a) Latency: a delivery stream flushing at once (IntervalInSeconds 0) gets a PutRecordBatch of 10
//     records; the figure is the time from its answer until ListObjectsV2 (S3 API, path style, on the
//     same endpoint) lists the delivered object. Repeated, p50 and p99.
// (b) Throughput: a delivery stream with a JSONata transform (adds "seen": true), dynamic partitioning by
//     a jq MetadataExtraction of "kind" (4 kinds) and a partitioned prefix gets PutRecordBatch calls of 500
//     JSON records from 4 concurrent producers for a fixed time; then the delivered objects are read until
//     they hold every record. The figure is records over the time from the first put to the moment every
//     record was seen delivered (an upper bound on delivery time: the objects are polled).

import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  FirehoseClient,
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  PutRecordBatchCommand,
} from "@aws-sdk/client-firehose";
import { S3Client, ListObjectsV2Command, GetObjectCommand } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Unsupported } from "../client.mjs";
import { percentiles, nowMs } from "../stats.mjs";

const BUCKET = "rivulet-deliveries";
const ROLE_ARN = "arn:aws:iam::000000000000:role/bench";
const LATENCY_BATCH = 10;
const THROUGHPUT_BATCH = 500;
const PRODUCERS = 4;
const KINDS = ["alpha", "beta", "gamma", "delta"];
/** An object not listed by then is lost, which is an error, not a slow sample. */
const DELIVERY_TIMEOUT_MS = 20_000;

/** @param {boolean} quick */
const settings = (quick) =>
  quick
    ? { repetitions: 3, putForMs: 3_000, drainLimitMs: 30_000 }
    : { repetitions: 30, putForMs: 20_000, drainLimitMs: 180_000 };

function handler() {
  return new NodeHttpHandler({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    connectionTimeout: 5_000,
    requestTimeout: 60_000,
    throwOnRequestTimeout: true,
  });
}

/** @param {string} endpoint */
function clients(endpoint) {
  const common = {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
  };
  return {
    firehose: new FirehoseClient({ ...common, requestHandler: handler() }),
    s3: new S3Client({ ...common, forcePathStyle: true, requestHandler: handler() }),
  };
}

let counter = 0;

/**
 * @param {FirehoseClient} firehose
 * @param {string} purpose
 * @param {Record<string, unknown>} extra added to ExtendedS3DestinationConfiguration
 * @param {AbortSignal} signal
 */
async function createActiveDeliveryStream(firehose, purpose, extra, signal) {
  const name = `bench-${purpose}-${Date.now().toString(36)}-${++counter}`;
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      DeliveryStreamType: "DirectPut",
      ExtendedS3DestinationConfiguration: /** @type {any} */ ({
        BucketARN: `arn:aws:s3:::${BUCKET}`,
        RoleARN: ROLE_ARN,
        BufferingHints: { IntervalInSeconds: 0, SizeInMBs: 1 },
        ...extra,
      }),
    }),
    { abortSignal: signal },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { DeliveryStreamDescription: d } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }),
      { abortSignal: signal },
    );
    if (d?.DeliveryStreamStatus === "ACTIVE") return name;
    if (Date.now() > deadline) throw new Error(`delivery stream ${name} not ACTIVE after 60 s (${d?.DeliveryStreamStatus})`);
    await sleep(50, undefined, { signal });
  }
}

/**
 * Every key under a prefix.
 * @param {S3Client} s3
 * @param {string} prefix
 * @param {AbortSignal} signal
 */
async function listKeys(s3, prefix, signal) {
  /** @type {string[]} */
  const keys = [];
  let token;
  do {
    const res = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }),
      { abortSignal: signal },
    );
    for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/**
 * @param {FirehoseClient} firehose
 * @param {string} name
 * @param {{Data: Uint8Array}[]} records
 * @param {AbortSignal} signal
 */
async function putBatch(firehose, name, records, signal) {
  let pending = records;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 20) throw new Error(`PutRecordBatch still failing records after ${attempt} attempts`);
    const res = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: pending }), {
      abortSignal: signal,
    });
    if (!res.FailedPutCount) return;
    const answers = res.RequestResponses ?? [];
    pending = pending.filter((_, i) => answers[i]?.ErrorCode);
    await sleep(50, undefined, { signal });
  }
}

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "firehose",
  title: "Firehose to S3",
  describe: (quick) => {
    const s = settings(quick);
    return (
      `Firehose DirectPut to an S3 destination (Rivulet's R2, read back through its S3 API). Latency: ` +
      `${s.repetitions} PutRecordBatch calls of ${LATENCY_BATCH} records into a stream flushing at once, time ` +
      `from the answer until ListObjectsV2 lists the object. Throughput: ${PRODUCERS} producers put ` +
      `PutRecordBatch calls of ${THROUGHPUT_BATCH} JSON records (${KINDS.length} kinds) for ${s.putForMs / 1000} s ` +
      `through a JSONata transform and jq dynamic partitioning (prefix per kind); records over the time from ` +
      `the first put until the objects read back hold every record`
    );
  },
  figures: [
    { key: "deliveryP50", label: "Firehose PutRecordBatch to object listed p50", unit: "ms", better: "lower" },
    { key: "deliveryP99", label: "Firehose PutRecordBatch to object listed p99", unit: "ms", better: "lower" },
    {
      key: "partitionedRecordsPerSecond",
      label: "Firehose with JSONata and dynamic partitioning, put to delivered",
      unit: "records/s",
      better: "higher",
    },
  ],
  timeLimitMs: (quick) => {
    const s = settings(quick);
    return s.repetitions * DELIVERY_TIMEOUT_MS + s.putForMs + s.drainLimitMs + 30_000;
  },
  async run({ server, endpoint, quick, signal, progress }) {
    if (server !== "rivulet") {
      throw new Unsupported(`${server} does not serve Firehose with S3 delivery (not measured)`);
    }
    const s = settings(quick);
    const { firehose, s3 } = clients(endpoint);
    /** @type {string[]} */
    const created = [];
    try {
      // (a) Latency from PutRecordBatch's answer to the object being listed.
      const prefixA = `bench-latency/${Date.now().toString(36)}-${++counter}/`;
      const streamA = await createActiveDeliveryStream(firehose, "fh-latency", { Prefix: prefixA }, signal);
      created.push(streamA);
      const barA = progress("firehose delivery latency", s.repetitions);
      /** @type {number[]} */
      const delays = [];
      let polls = 0;
      let seen = 0;
      for (let r = 0; r < s.repetitions; r++) {
        const records = Array.from({ length: LATENCY_BATCH }, (_, i) => ({
          Data: Buffer.from(`${JSON.stringify({ r, i })}\n`),
        }));
        await putBatch(firehose, streamA, records, signal);
        const answeredAt = nowMs();
        const deadline = answeredAt + DELIVERY_TIMEOUT_MS;
        for (;;) {
          polls++;
          const keys = await listKeys(s3, prefixA, signal);
          if (keys.length > seen) {
            delays.push(nowMs() - answeredAt);
            seen = keys.length;
            break;
          }
          if (nowMs() > deadline) {
            throw new Error(`batch ${r} was not delivered within ${DELIVERY_TIMEOUT_MS / 1000} s`);
          }
          await sleep(10, undefined, { signal });
        }
        barA.set(r + 1);
      }

      // (b) Throughput through a JSONata transform and dynamic partitioning.
      const streamB = await createActiveDeliveryStream(
        firehose,
        "fh-partitioned",
        {
          BufferingHints: { IntervalInSeconds: 1, SizeInMBs: 1 },
          Prefix: "bench/kind=!{partitionKeyFromQuery:kind}/",
          ErrorOutputPrefix: "bench-errors/",
          DynamicPartitioningConfiguration: { Enabled: true },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              {
                Type: "Lambda",
                Parameters: [{ ParameterName: "LambdaArn", ParameterValue: 'jsonata:$merge([$, {"seen": true}])' }],
              },
              {
                Type: "MetadataExtraction",
                Parameters: [
                  { ParameterName: "MetadataExtractionQuery", ParameterValue: "{kind: .kind}" },
                  { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" },
                ],
              },
            ],
          },
        },
        signal,
      );
      created.push(streamB);
      const barB = progress("firehose partitioned puts", s.putForMs);
      let next = 0;
      const firstPutAt = nowMs();
      const putUntil = Date.now() + s.putForMs;
      const pad = "x".repeat(60);
      const producers = Array.from({ length: PRODUCERS }, async () => {
        while (Date.now() < putUntil) {
          const records = Array.from({ length: THROUGHPUT_BATCH }, () => {
            const i = next++;
            return { Data: Buffer.from(JSON.stringify({ i, kind: KINDS[i % KINDS.length], pad })) };
          });
          await putBatch(firehose, streamB, records, signal);
          barB.set(Math.min(s.putForMs, s.putForMs - (putUntil - Date.now())));
        }
      });
      await Promise.all(producers);
      const putEndedAt = nowMs();
      const total = next;

      // Read every delivered object of this stream (names carry the stream's name) until all are there.
      const barC = progress("firehose partitioned delivery", total);
      /** @type {Set<number>} */
      const delivered = new Set();
      /** @type {Set<string>} */
      const read = new Set();
      const kindsSeen = new Set();
      let seenTrue = 0;
      let mismatched = 0;
      let deliveredAt = NaN;
      const drainUntil = nowMs() + s.drainLimitMs;
      while (delivered.size < total) {
        const keys = (await listKeys(s3, "bench/", signal)).filter((k) => k.includes(`/${streamB}-`) && !read.has(k));
        for (const key of keys) {
          const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }), { abortSignal: signal });
          const text = await /** @type {any} */ (res.Body).transformToString();
          read.add(key);
          const keyKind = /kind=([^/]*)\//.exec(key)?.[1];
          for (const m of text.matchAll(/\{"i":(\d+),"kind":"(\w+)"[^}]*\}/g)) {
            delivered.add(Number(m[1]));
            kindsSeen.add(m[2]);
            if (m[2] !== keyKind) mismatched++;
            if (m[0].includes('"seen":true')) seenTrue++;
          }
        }
        barC.set(delivered.size);
        if (delivered.size >= total) {
          deliveredAt = nowMs();
          break;
        }
        if (nowMs() > drainUntil) {
          const errors = (await listKeys(s3, "bench-errors/", signal)).filter((k) => k.includes(streamB)).length;
          throw new Error(
            `only ${delivered.size} of ${total} records delivered ${s.drainLimitMs / 1000} s after the last put` +
              (errors ? ` (${errors} error objects under bench-errors/)` : ""),
          );
        }
        await sleep(200, undefined, { signal });
      }
      /** @type {string[]} */
      const notes = [];
      if (seenTrue < total) notes.push(`only ${seenTrue} of ${total} delivered records carried the transform's "seen": true`);
      if (mismatched > 0) notes.push(`${mismatched} records were delivered under another kind's prefix`);
      return {
        figures: {
          ...Object.fromEntries(Object.entries(percentiles(delays, [50, 99])).map(([k, v]) => [`delivery${k.toUpperCase()}`, v])),
          partitionedRecordsPerSecond: total / ((deliveredAt - firstPutAt) / 1000),
        },
        notes,
        details: {
          latencyRepetitions: delays.length,
          latencyBatchRecords: LATENCY_BATCH,
          listPolls: polls,
          partitionedRecords: total,
          putSeconds: (putEndedAt - firstPutAt) / 1000,
          putRecordsPerSecond: total / ((putEndedAt - firstPutAt) / 1000),
          deliveredSecondsAfterLastPut: (deliveredAt - putEndedAt) / 1000,
          objectsRead: read.size,
          kinds: [...kindsSeen].sort(),
          seenTrue,
        },
      };
    } finally {
      for (const name of created) {
        await firehose
          .send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }), { abortSignal: AbortSignal.timeout(10_000) })
          .catch(() => {});
      }
      firehose.destroy();
      s3.destroy();
    }
  },
};

// Shared with firehose-columnar.mjs.
export { clients, createActiveDeliveryStream, listKeys, putBatch, BUCKET };
