/**
 * Delivery: the consumer of the delivery queue. For each flushed batch (a reference; the records
 * are in the stream's buffer object) it runs the processing chain, then writes to R2:
 *
 * - one object per partition (the prefix evaluated for the records' partition keys; without dynamic
 *   partitioning, one object) of the Ok records, concatenated as Firehose does (no delimiters),
 *   compressed per CompressionFormat;
 * - the records that failed, as JSON lines under the error prefix, one object per error output type;
 * - with S3BackupMode Enabled, the source records as they arrived, under the backup's prefix.
 *
 * Every key is derived from the batch id (object-names.ts), so a batch delivered twice (a retry, a
 * message sent again) overwrites the same objects. Only when every object is written does the
 * buffer forget the batch; any failure throws, and the queue retries the message. So every accepted
 * record ends up delivered, or in the error output, or (Dropped by the processing chain) neither.
 */
import { concatBytes } from "../bytes";
import { unwrap } from "../aws/errors";
import type { Clock } from "../clock";
import type { Env } from "../env";
import { resolveBucket } from "./buckets";
import type { BatchContents, BatchMessage } from "./buffer";
import { compress, CONTENT_TYPES, EXTENSIONS } from "./compression";
import type { CompressionFormat, Destination, S3Description } from "./config";
import { errorLine, errorOutputType } from "./error-output";
import { FIREHOSE } from "./limits";
import { derivedString, derivedUuid, objectKey } from "./object-names";
import { dataPrefix, errorPrefixFor, MissingPartitionKeyError, type PrefixValues } from "./prefix";
import { processRecords } from "./processing";
import { copyIntoD1 } from "./d1-load";
import { mergeRedshift } from "./redshift";
import type { ProcessedRecord } from "./records";
import { bufferFor } from "./registry";

export interface DeliveryReport {
  /** Records written to data objects, to the error output, and dropped by processing. */
  delivered: number;
  failed: number;
  dropped: number;
  /** Every key written, with its bucket. */
  objects: { bucket: string; key: string }[];
}

interface PlannedObject {
  bucketArn: string;
  key: string;
  body: Uint8Array;
  format: CompressionFormat;
}

export function isBatchMessage(body: unknown): body is BatchMessage {
  if (typeof body !== "object" || body === null) return false;
  const message = body as Record<string, unknown>;
  return message.kind === "firehose-batch" && typeof message.streamId === "string" && typeof message.batchId === "string";
}

/** Delivers one batch; undefined when it is gone (already delivered, or its stream deleted). Throws to be retried. */
export async function deliverBatch(env: Env, message: BatchMessage, clock: Clock): Promise<DeliveryReport | undefined> {
  const buffer = bufferFor(env, message.streamId);
  const contents = unwrap(await buffer.batch(message.batchId));
  if (!contents) return undefined;
  const report = await writeBatch(env, contents, clock);
  unwrap(await buffer.complete(message.batchId));
  return report;
}

async function writeBatch(env: Env, batch: BatchContents, clock: Clock): Promise<DeliveryReport> {
  const { config } = batch;
  const destination = config.destination;
  const processed = await processRecords(config, batch.records, env, clock);
  const planned: PlannedObject[] = [];
  const ok = processed.filter((record) => record.result === "Ok");
  const failed = processed.filter((record) => record.result === "ProcessingFailed");

  // Partition the Ok records by the prefix they evaluate to (for their partition keys).
  const partitions = new Map<string, { prefixFor: (values: PrefixValues) => string; records: ProcessedRecord[] }>();
  for (const record of ok) {
    const values = prefixValues(destination, record.arrivalMs, "", record);
    try {
      // The partition is the prefix evaluated with everything but the time and the random string fixed.
      const partition = dataPrefix(destination.Prefix, { ...values, timestampMs: 0 });
      const entry = partitions.get(partition) ?? { prefixFor: (v: PrefixValues) => dataPrefix(destination.Prefix, v), records: [] };
      entry.records.push(record);
      partitions.set(partition, entry);
    } catch (error) {
      if (!(error instanceof MissingPartitionKeyError)) throw error;
      failed.push({
        ...record,
        data: batch.records.find((source) => source.recordId === record.recordId)?.data ?? record.data,
        result: "ProcessingFailed",
        error: { code: "DynamicPartitioning.MissingPartitionKey", message: `The record has no value for ${error.key} (${error.namespace}).`, attempts: 1 },
      });
    }
  }
  for (const [partition, { prefixFor, records }] of [...partitions].sort(([a], [b]) => a.localeCompare(b))) {
    const seed = [batch.batchId, "data", partition];
    const oldest = Math.min(...records.map((record) => record.arrivalMs));
    const prefix = prefixFor(prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength), records[0]));
    planned.push(await plan("data", destination, destination, prefix, seed, batch, concatBytes(records.map((record) => record.data))));
  }

  // A Redshift destination: the staged records are "copied" into its D1 table; those that fail join the error output.
  const redshift = destination.Redshift;
  let loadFailed = 0;
  if (redshift) {
    const staged = [...partitions.values()].flatMap((partition) => partition.records);
    const rejected = await copyIntoD1(env, batch, mergeRedshift(redshift), staged, clock.now());
    loadFailed = rejected.length;
    failed.push(...rejected);
  }

  // The error output: one object per error output type.
  const attemptEnding = clock.now();
  const byType = new Map<string, ProcessedRecord[]>();
  for (const record of failed) byType.set(errorOutputType(record), [...(byType.get(errorOutputType(record)) ?? []), record]);
  for (const [type, records] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const seed = [batch.batchId, "error", type];
    const oldest = Math.min(...records.map((record) => record.arrivalMs));
    const values = { ...prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength)), errorOutputType: type };
    const prefix = errorPrefixFor(destination.Prefix, destination.ErrorOutputPrefix, values);
    const lines = records.map((record) => `${errorLine(record, attemptEnding)}\n`).join("");
    planned.push(await plan("error", destination, destination, prefix, seed, batch, new TextEncoder().encode(lines)));
  }

  // The source records, untransformed, when backup is on.
  const backup = destination.S3BackupDescription;
  if (destination.S3BackupMode === "Enabled" && backup && batch.records.length > 0) {
    const seed = [batch.batchId, "backup"];
    const oldest = Math.min(...batch.records.map((record) => record.arrivalMs));
    const prefix = dataPrefix(backup.Prefix, prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength)));
    planned.push(await plan("backup", destination, backup, prefix, seed, batch, concatBytes(batch.records.map((record) => record.data))));
  }

  for (const object of planned) {
    const bucket = resolveBucket(env, object.bucketArn);
    if (!bucket) throw new Error(`delivery stream ${config.streamName}: no R2 binding for ${object.bucketArn}`);
    await bucket.put(object.key, object.body, { httpMetadata: { contentType: CONTENT_TYPES[object.format] } });
  }
  return {
    delivered: [...partitions.values()].reduce((sum, partition) => sum + partition.records.length, 0) - loadFailed,
    failed: failed.length,
    dropped: processed.filter((record) => record.result === "Dropped").length,
    objects: planned.map((object) => ({ bucket: object.bucketArn, key: object.key })),
  };
}

function prefixValues(destination: Destination, timestampMs: number, randomString: string, record?: ProcessedRecord): PrefixValues {
  return {
    timestampMs,
    timeZone: destination.CustomTimeZone || undefined,
    randomString,
    partitionKeys: record?.partitionKeys ?? { query: {}, lambda: {} },
  };
}

async function plan(
  kind: "data" | "error" | "backup",
  destination: Destination,
  target: S3Description,
  prefix: string,
  seed: string[],
  batch: BatchContents,
  data: Uint8Array,
): Promise<PlannedObject> {
  const format = target.CompressionFormat;
  // FileExtension replaces the compression's extension (ExtendedS3DestinationConfiguration), for data objects only.
  const extension = kind === "data" && destination.FileExtension ? destination.FileExtension : EXTENSIONS[format];
  const key = objectKey({
    prefix,
    streamName: batch.config.streamName,
    version: batch.config.version,
    timeMs: batch.flushedMs,
    timeZone: destination.CustomTimeZone || undefined,
    uuid: await derivedUuid(seed),
    extension,
  });
  const entryName = key.slice(key.lastIndexOf("/") + 1).replace(/\.zip$/, "");
  return { bucketArn: target.BucketARN, key, body: await compress(format, data, entryName), format };
}

/** The delay before a failed delivery is tried again: 5 s, doubling per attempt, at most 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(FIREHOSE.retryBaseSeconds * 2 ** Math.max(0, attempts - 1), FIREHOSE.retryMaxSeconds);
}
