/**
 * Delivery: the consumer of the delivery queue. For each flushed batch (a reference; the records
 * are in the stream's buffer object) it runs the processing chain, then writes to R2:
 *
 * - one object per partition (the prefix evaluated for the records' partition keys; without dynamic
 *   partitioning, one object) of the Ok records, concatenated as Firehose does (no delimiters),
 *   compressed per CompressionFormat;
 * - the records that failed, as JSON lines under the error prefix, one object per error output type
 *   (with those of partitions past the limit of active partitions, see below);
 * - with S3BackupMode Enabled, the source records as they arrived, under the backup's prefix.
 *
 * An HTTP endpoint destination gets its Ok records POSTed instead of written as data objects; its
 * S3 configuration takes the error output and, with S3BackupMode AllData, the source records.
 *
 * Every key is derived from the batch id (object-names.ts), so a batch delivered twice (a retry, a
 * message sent again) overwrites the same objects; the buffer remembers which objects each attempt
 * planned, and an object a retry no longer writes (processing decided otherwise) is deleted. Only
 * when every object is written does the buffer forget the batch; any failure throws, and the queue
 * retries the message. So every accepted record ends up delivered, or in the error output, or
 * (Dropped by the processing chain) neither.
 */
import { concatBytes } from "../bytes";
import { unwrap } from "../aws/errors";
import type { Clock } from "../clock";
import { resolveBucket } from "./buckets";
import type { BatchContents, BatchMessage, ObjectRef } from "./buffer";
import { compress, CONTENT_TYPES, EXTENSIONS } from "./compression";
import { backupTarget, dynamicPartitioningEnabled, type Destination, type S3Description } from "./config";
import { errorLine, errorOutputType } from "./error-output";
import { FIREHOSE } from "./limits";
import { derivedString, derivedUuid, objectKey } from "./object-names";
import type { CompressionFormat } from "./s3-configuration";
import { ACTIVE_PARTITIONS_EXCEEDED, dataPrefix, errorPrefixFor, MissingPartitionKeyError, type PrefixValues } from "./prefix";
import { processRecords } from "./processing";
import { copyIntoD1 } from "./d1-load";
import { sendToHttpEndpoint } from "./destinations/http-endpoint";
import { mergeRedshift } from "./redshift";
import type { ProcessedRecord } from "./records";
import { bucketName, processingOutcome, transforms, type DeliveryOutcome } from "../metrics/firehose";
import { bufferFor } from "../objects";

export interface DeliveryReport {
  /** Records written to data objects, to the error output, and dropped by processing. */
  delivered: number;
  failed: number;
  dropped: number;
  /** Every key written, with its bucket. */
  objects: { bucket: string; key: string }[];
  /** What the buffer counts in its metrics and recent deliveries (src/metrics/firehose.ts). */
  outcome: DeliveryOutcome;
}

interface PlannedObject {
  bucketArn: string;
  key: string;
  body: Uint8Array;
  format: CompressionFormat;
  kind: "data" | "error" | "backup";
  /** How many records it holds (for the recent deliveries). */
  records: number;
}

/** Puts to R2 of one delivery attempt, for DeliveryToS3.Success when the attempt fails. */
interface PutProgress {
  attempted: number;
  succeeded: number;
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
  // Processing may decide otherwise on a retry (a function that timed out answers now): objects an
  // earlier attempt wrote and this one does not are deleted, so that each record ends in one place.
  let stale: ObjectRef[] = [];
  const progress: PutProgress = { attempted: 0, succeeded: 0 };
  let report: DeliveryReport;
  try {
    report = await writeBatch(
      env,
      contents,
      clock,
      async (objects) => {
        stale = unwrap(await buffer.plan(message.batchId, objects));
      },
      progress,
    );
  } catch (error) {
    // Only a failure among the puts costs a call to the buffer; the success path reports with complete().
    if (progress.attempted > 0) await buffer.deliveryFailed(progress.attempted, progress.succeeded).catch(() => undefined);
    throw error;
  }
  for (const object of stale) await resolveBucket(env, object.bucket)?.delete(object.key);
  unwrap(await buffer.complete(message.batchId, report.outcome));
  return report;
}

async function writeBatch(
  env: Env,
  batch: BatchContents,
  clock: Clock,
  beforeWrite: (objects: ObjectRef[]) => Promise<void>,
  progress: PutProgress,
): Promise<DeliveryReport> {
  const { config } = batch;
  const destination = config.destination;
  const processingStarted = clock.now();
  const processed = await processRecords(config, batch.records, env, clock);
  const processing = transforms(destination) ? processingOutcome(processed, clock.now() - processingStarted) : undefined;
  const planned: PlannedObject[] = [];
  const ok = processed.filter((record) => record.result === "Ok");
  const failed = processed.filter((record) => record.result === "ProcessingFailed");

  // An HTTP endpoint destination: the Ok records are POSTed (destinations/http-endpoint.ts, which
  // throws to have the batch retried) instead of written as data objects; those it gives up on join
  // the error output.
  const http = destination.HttpEndpoint;
  const posted = http ? await sendToHttpEndpoint({ batch, settings: http, records: ok, clock }) : undefined;
  if (posted) failed.push(...posted.failed);
  const toObjects = posted ? [] : ok;

  // Partition the Ok records by the prefix they evaluate to (for their partition keys).
  // With dynamic partitioning, a batch opens at most FIREHOSE.maxActivePartitions partitions, in the
  // order their first records came. AWS counts a partition as active while its records wait in the
  // delivery buffer; here a flushed batch is what waited in the buffer together, so its partitions
  // are the ones active at once (partitions of other batches still in delivery are not counted).
  // The records of partitions past the limit go to the error output (activePartitionExceeded).
  const partitionLimit = dynamicPartitioningEnabled(destination) ? FIREHOSE.maxActivePartitions : Number.POSITIVE_INFINITY;
  const sourceData = new Map(batch.records.map((source) => [source.recordId, source.data]));
  const partitions = new Map<string, { prefixFor: (values: PrefixValues) => string; records: ProcessedRecord[] }>();
  for (const record of toObjects) {
    const values = prefixValues(destination, record.arrivalMs, "", record);
    try {
      // The partition is the prefix evaluated with everything but the time and the random string fixed.
      const partition = dataPrefix(destination.Prefix, { ...values, timestampMs: 0 });
      let entry = partitions.get(partition);
      if (!entry) {
        if (partitions.size >= partitionLimit) {
          const { code, message } = ACTIVE_PARTITIONS_EXCEEDED;
          failed.push({ ...record, data: sourceData.get(record.recordId) ?? record.data, result: "ProcessingFailed", error: { code, message, attempts: 1 } });
          continue;
        }
        entry = { prefixFor: (v: PrefixValues) => dataPrefix(destination.Prefix, v), records: [] };
        partitions.set(partition, entry);
      }
      entry.records.push(record);
    } catch (error) {
      if (!(error instanceof MissingPartitionKeyError)) throw error;
      failed.push({
        ...record,
        data: sourceData.get(record.recordId) ?? record.data,
        result: "ProcessingFailed",
        error: { code: "DynamicPartitioning.MissingPartitionKey", message: `The record has no value for ${error.key} (${error.namespace}).`, attempts: 1 },
      });
    }
  }
  for (const [partition, { prefixFor, records }] of [...partitions].sort(([a], [b]) => a.localeCompare(b))) {
    const seed = [batch.batchId, "data", partition];
    const oldest = Math.min(...records.map((record) => record.arrivalMs));
    const prefix = prefixFor(prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength), records[0]));
    const object = await plan("data", destination, destination, prefix, seed, batch, concatBytes(records.map((record) => record.data)));
    planned.push({ ...object, records: records.length });
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
    const object = await plan("error", destination, destination, prefix, seed, batch, new TextEncoder().encode(lines));
    planned.push({ ...object, records: records.length });
  }

  // The source records, untransformed, when backup is on.
  const backup = backupTarget(destination);
  if (backup && batch.records.length > 0) {
    const seed = [batch.batchId, "backup"];
    const oldest = Math.min(...batch.records.map((record) => record.arrivalMs));
    const prefix = dataPrefix(backup.Prefix, prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength)));
    const object = await plan("backup", destination, backup, prefix, seed, batch, concatBytes(batch.records.map((record) => record.data)));
    planned.push({ ...object, records: batch.records.length });
  }

  await beforeWrite(planned.map((object) => ({ bucket: object.bucketArn, key: object.key })));
  for (const object of planned) {
    progress.attempted += 1;
    const bucket = resolveBucket(env, object.bucketArn);
    if (!bucket) throw new Error(`delivery stream ${config.streamName}: no R2 binding for ${object.bucketArn}`);
    await bucket.put(object.key, object.body, { httpMetadata: { contentType: CONTENT_TYPES[object.format] } });
    progress.succeeded += 1;
  }
  return {
    delivered: [...partitions.values()].reduce((sum, partition) => sum + partition.records.length, 0) - loadFailed + (posted?.delivered ?? 0),
    failed: failed.length,
    dropped: processed.filter((record) => record.result === "Dropped").length,
    objects: planned.map((object) => ({ bucket: object.bucketArn, key: object.key })),
    outcome: {
      objects: planned.map((object) => ({
        bucket: bucketName(object.bucketArn),
        key: object.key,
        bytes: object.body.byteLength,
        records: object.records,
        kind: object.kind,
      })),
      oldestArrivalMs: batch.records.reduce<number | null>((oldest, record) => (oldest === null ? record.arrivalMs : Math.min(oldest, record.arrivalMs)), null),
      ...(redshift && { redshiftRecords: [...partitions.values()].reduce((sum, partition) => sum + partition.records.length, 0) - loadFailed }),
      ...(processing && { processing }),
    },
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
): Promise<Omit<PlannedObject, "records">> {
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
  return { bucketArn: target.BucketARN, key, body: await compress(format, data, entryName), format, kind };
}
