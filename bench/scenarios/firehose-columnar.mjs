// Firehose record format conversion next to plain delivery, Rivulet only (the other servers do not serve
// Firehose). The same workload twice: producers put PutRecordBatch calls of JSON records for a fixed time
// into a delivery stream flushing every second, (a) delivered as they are, (b) converted to Parquet
// (OpenX JSON SerDe, ParquetSerDe with SNAPPY, the schema from a Glue-style schema file stored through
// the S3 API). Then the delivered objects are read until they hold every record: lines for (a), the
// Parquet footers' row counts for (b). The figure is records over the time from the first put to the
// moment every record was seen delivered (an upper bound: the objects are polled).

import { setTimeout as sleep } from "node:timers/promises";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { DeleteDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { parquetMetadata } from "hyparquet";
import { Unsupported } from "../client.mjs";
import { nowMs } from "../stats.mjs";
import { BUCKET, clients, createActiveDeliveryStream, listKeys, putBatch } from "./firehose.mjs";

const BATCH = 500;
const PRODUCERS = 4;
const ROLE_ARN = "arn:aws:iam::000000000000:role/bench";
const COLUMNS = [
  ["i", "bigint"],
  ["user_id", "string"],
  ["amount", "double"],
  ["premium", "boolean"],
  ["occurred_at", "timestamp"],
  ["page", "string"],
];

/** @param {boolean} quick */
const settings = (quick) => (quick ? { putForMs: 3_000, drainLimitMs: 60_000 } : { putForMs: 15_000, drainLimitMs: 180_000 });

/** @param {number} i */
function record(i) {
  return JSON.stringify({
    i,
    user_id: `user-${i % 997}`,
    amount: (i % 10_000) / 100,
    premium: i % 3 === 0,
    occurred_at: `2026-12-05T10:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`,
    page: `/products/${i % 50}`,
  });
}

/**
 * Puts for `putForMs` from PRODUCERS producers, then reads objects under `prefix` until `count(body)`
 * adds up to every record put.
 * @param {{firehose: any, s3: any}} c
 * @param {string} stream
 * @param {string} prefix
 * @param {(body: Uint8Array, key: string) => number} count records in one object
 * @param {{putForMs: number, drainLimitMs: number}} s
 * @param {AbortSignal} signal
 * @param {(what: string, total: number) => import("../progress.mjs").Progress} progress
 * @param {string} label
 */
async function measure(c, stream, prefix, count, s, signal, progress, label) {
  const bar = progress(`${label} puts`, s.putForMs);
  let next = 0;
  const firstPutAt = nowMs();
  const putUntil = Date.now() + s.putForMs;
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (Date.now() < putUntil) {
        const records = Array.from({ length: BATCH }, () => ({ Data: Buffer.from(record(next++)) }));
        await putBatch(c.firehose, stream, records, signal);
        bar.set(Math.min(s.putForMs, s.putForMs - (putUntil - Date.now())));
      }
    }),
  );
  const putEndedAt = nowMs();
  const total = next;
  const drain = progress(`${label} delivery`, total);
  /** @type {Set<string>} */
  const read = new Set();
  let delivered = 0;
  let bytes = 0;
  const drainUntil = nowMs() + s.drainLimitMs;
  for (;;) {
    const keys = (await listKeys(c.s3, prefix, signal)).filter((k) => !read.has(k) && !k.includes("/errors/"));
    for (const key of keys) {
      const res = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }), { abortSignal: signal });
      const body = await res.Body.transformToByteArray();
      read.add(key);
      bytes += body.length;
      delivered += count(body, key);
    }
    drain.set(delivered);
    if (delivered >= total) break;
    if (nowMs() > drainUntil) throw new Error(`${label}: only ${delivered} of ${total} records delivered ${s.drainLimitMs / 1000} s after the last put`);
    await sleep(200, undefined, { signal });
  }
  const deliveredAt = nowMs();
  return {
    recordsPerSecond: total / ((deliveredAt - firstPutAt) / 1000),
    details: { records: total, objects: read.size, deliveredBytes: bytes, putSeconds: (putEndedAt - firstPutAt) / 1000, deliveredSecondsAfterLastPut: (deliveredAt - putEndedAt) / 1000 },
  };
}

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "firehose-columnar",
  title: "Firehose to Parquet",
  describe: (quick) => {
    const s = settings(quick);
    return (
      `Firehose DirectPut, ${PRODUCERS} producers putting PutRecordBatch calls of ${BATCH} JSON records for ${s.putForMs / 1000} s ` +
      `into a stream flushing every second: delivered as they are, then converted to Parquet (OpenX JSON SerDe, SNAPPY, ` +
      `${COLUMNS.length} columns from a schema file); records over the time from the first put until the objects read back hold every record`
    );
  },
  figures: [
    { key: "plainRecordsPerSecond", label: "Firehose to S3 as records, put to delivered", unit: "records/s", better: "higher" },
    { key: "parquetRecordsPerSecond", label: "Firehose to S3 as Parquet, put to delivered", unit: "records/s", better: "higher" },
  ],
  timeLimitMs: (quick) => {
    const s = settings(quick);
    return 2 * (s.putForMs + s.drainLimitMs) + 60_000;
  },
  async run({ server, endpoint, quick, signal, progress }) {
    if (server !== "rivulet") throw new Unsupported(`${server} does not serve Firehose (not measured)`);
    const s = settings(quick);
    const c = clients(endpoint);
    /** @type {string[]} */
    const created = [];
    const run = Date.now().toString(36);
    try {
      const plainPrefix = `bench-columnar/${run}/plain/`;
      const plain = await createActiveDeliveryStream(
        c.firehose,
        "fh-plain",
        { Prefix: plainPrefix, ErrorOutputPrefix: `${plainPrefix}errors/`, BufferingHints: { IntervalInSeconds: 1, SizeInMBs: 64 } },
        signal,
      );
      created.push(plain);
      const a = await measure(c, plain, plainPrefix, (body) => new TextDecoder().decode(body).split("}{").length, s, signal, progress, "plain");

      const table = `bench_${run}`;
      const schema = { Table: { Name: table, StorageDescriptor: { Columns: COLUMNS.map(([Name, Type]) => ({ Name, Type })) } } };
      await c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `bench-schemas/${table}.json`, Body: JSON.stringify(schema) }), { abortSignal: signal });
      const parquetPrefix = `bench-columnar/${run}/parquet/`;
      const parquet = await createActiveDeliveryStream(
        c.firehose,
        "fh-parquet",
        {
          Prefix: parquetPrefix,
          ErrorOutputPrefix: `${parquetPrefix}errors/`,
          BufferingHints: { IntervalInSeconds: 1, SizeInMBs: 64 },
          DataFormatConversionConfiguration: {
            SchemaConfiguration: { RoleARN: ROLE_ARN, DatabaseName: `s3://${BUCKET}/bench-schemas`, TableName: table },
            InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
            OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: "SNAPPY" } } },
          },
        },
        signal,
      );
      created.push(parquet);
      const b = await measure(
        c,
        parquet,
        parquetPrefix,
        (body) => Number(parquetMetadata(body.slice().buffer).num_rows),
        s,
        signal,
        progress,
        "parquet",
      );
      const notes = [];
      if (b.details.deliveredBytes > 0) notes.push(`Parquet objects are ${(a.details.deliveredBytes / b.details.deliveredBytes).toFixed(1)}x smaller than the JSON they hold`);
      return {
        figures: { plainRecordsPerSecond: a.recordsPerSecond, parquetRecordsPerSecond: b.recordsPerSecond },
        notes,
        details: { plain: a.details, parquet: b.details, producers: PRODUCERS, batch: BATCH },
      };
    } finally {
      for (const name of created) {
        await c.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }), { abortSignal: AbortSignal.timeout(10_000) }).catch(() => {});
      }
      c.firehose.destroy();
      c.s3.destroy();
    }
  },
};
