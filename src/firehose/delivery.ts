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
 * With DataFormatConversionConfiguration, each data object is its records converted to one Parquet or
 * ORC file (columnar/); records that do not convert go to the error output (format-conversion-failed).
 *
 * An HTTP endpoint destination gets its Ok records POSTed instead of written as data objects, an
 * OpenSearch destination indexed, a Splunk destination sent to its collector, an Iceberg destination
 * appended to its tables; their S3 configuration takes the error output and, with S3BackupMode
 * AllData (AllDocuments, AllEvents), the source records.
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
import { sendToDestination } from "./destinations/dispatch";
import type { StateStore } from "./destinations/state";
import { mergeRedshift } from "./redshift";
import type { ProcessedRecord } from "./records";
import type { DataFormatConversion } from "./s3-configuration";
import { conversionEnabled } from "./columnar/conversion-config";
import { converterFor, convertRecords, EXTENSIONS as CONVERTED_EXTENSIONS } from "./columnar/convert";
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
  // What an OpenSearch or Splunk destination remembers between attempts, kept next to the batch.
  const state: StateStore = {
    load: async () => unwrap(await buffer.destinationState(message.batchId)),
    save: async (value) => unwrap(await buffer.saveDestinationState(message.batchId, value)),
  };
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
      state,
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

/** The records of one data object: those whose prefix evaluates alike. */
interface Partition {
  /** The prefix evaluated with everything but the time and the random string fixed. */
  name: string;
  records: ProcessedRecord[];
  /** With record format conversion: the records as one file, and its extension. */
  file?: { body: Uint8Array; extension: string };
}

/** Converts each partition's records (columnar/convert.ts); a partition none of whose records convert writes no object. */
async function convertPartitions(
  env: Env,
  batch: BatchContents,
  conversion: DataFormatConversion,
  partitions: readonly Partition[],
): Promise<{ partitions: Partition[]; failed: ProcessedRecord[] }> {
  const converter = await converterFor(env, batch.config, conversion);
  const result: Partition[] = [];
  const failed: ProcessedRecord[] = [];
  for (const partition of partitions) {
    const { body, converted, failed: rejected } = await convertRecords(converter, partition.records);
    failed.push(...rejected);
    if (body) result.push({ name: partition.name, records: converted, file: { body, extension: CONVERTED_EXTENSIONS[converter.format] } });
  }
  return { partitions: result, failed };
}

/**
 * One delivery attempt: process the records, hand them to an HTTP endpoint or a Redshift table
 * where the destination says so, plan every object (data, error output, backup), tell the buffer
 * which objects the attempt writes (`beforeWrite`), then write them.
 */
async function writeBatch(
  env: Env,
  batch: BatchContents,
  clock: Clock,
  beforeWrite: (objects: ObjectRef[]) => Promise<void>,
  progress: PutProgress,
  state: StateStore,
): Promise<DeliveryReport> {
  const destination = batch.config.destination;
  const processingStarted = clock.now();
  const processed = await processRecords(batch.config, batch.records, env, clock);
  const processing = transforms(destination) ? processingOutcome(processed, clock.now() - processingStarted) : undefined;
  const ok = processed.filter((record) => record.result === "Ok");
  const failed = processed.filter((record) => record.result === "ProcessingFailed");

  // An HTTP endpoint destination: the Ok records are POSTed (destinations/http-endpoint.ts, which
  // throws to have the batch retried) instead of written as data objects; those it gives up on join
  // the error output.
  const http = destination.HttpEndpoint;
  const posted = http ? await sendToHttpEndpoint({ batch, settings: http, records: ok, clock }) : undefined;
  if (posted) failed.push(...posted.failed);
  // OpenSearch, Splunk and Iceberg destinations likewise (destinations/dispatch.ts), OpenSearch and
  // Splunk remembering between attempts what they delivered.
  const sent = posted ? undefined : await sendToDestination({ env, batch, destination, records: ok, clock, state });
  if (sent) failed.push(...sent.failed);

  const { partitions: grouped, refused } = partitionRecords(batch, posted || sent ? [] : ok);
  failed.push(...refused);
  // Record format conversion: each partition's records become one Parquet or ORC file; those that do not convert join the error output.
  const conversion = destination.DataFormatConversionConfiguration;
  const toObjects = !posted && !sent && !destination.Redshift;
  const converted = conversionEnabled(conversion) && toObjects ? await convertPartitions(env, batch, conversion, grouped) : undefined;
  if (converted) failed.push(...converted.failed);
  const partitions = converted?.partitions ?? grouped;
  const planned = await planDataObjects(batch, partitions);
  const staged = partitions.flatMap((partition) => partition.records);

  // A Redshift destination: the staged records are "copied" into its D1 table; those that fail join the error output.
  const redshift = destination.Redshift;
  let loadFailed = 0;
  if (redshift) {
    const rejected = await copyIntoD1(env, batch, mergeRedshift(redshift), staged, clock.now());
    loadFailed = rejected.length;
    failed.push(...rejected);
  }

  planned.push(...(await planErrorObjects(batch, failed, clock.now())), ...(await planBackupObject(batch)));
  await beforeWrite(planned.map((object) => ({ bucket: object.bucketArn, key: object.key })));
  await writeObjects(env, batch.config.streamName, planned, progress);
  return {
    delivered: staged.length - loadFailed + (posted?.delivered ?? 0) + (sent?.delivered ?? 0),
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
      ...(redshift && { redshiftRecords: staged.length - loadFailed }),
      ...(processing && { processing }),
      ...(sent?.outcome && { destination: sent.outcome }),
    },
  };
}

/**
 * Groups the Ok records by the prefix they evaluate to (for their partition keys), in the order
 * their first records came; `refused` are the records that cannot go to any partition, as the error
 * output takes them.
 *
 * With dynamic partitioning, a batch opens at most FIREHOSE.maxActivePartitions partitions. AWS
 * counts a partition as active while its records wait in the delivery buffer; here a flushed batch
 * is what waited in the buffer together, so its partitions are the ones active at once (partitions
 * of other batches still in delivery are not counted). The records of partitions past the limit go
 * to the error output (activePartitionExceeded).
 */
function partitionRecords(batch: BatchContents, records: readonly ProcessedRecord[]): { partitions: Partition[]; refused: ProcessedRecord[] } {
  const destination = batch.config.destination;
  const partitionLimit = dynamicPartitioningEnabled(destination) ? FIREHOSE.maxActivePartitions : Number.POSITIVE_INFINITY;
  const sourceData = new Map(batch.records.map((source) => [source.recordId, source.data]));
  // The error output keeps what came in, not what processing made of it.
  const refuse = (record: ProcessedRecord, code: string, message: string): ProcessedRecord => ({
    ...record,
    data: sourceData.get(record.recordId) ?? record.data,
    result: "ProcessingFailed",
    error: { code, message, attempts: 1 },
  });
  const partitions = new Map<string, Partition>();
  const refused: ProcessedRecord[] = [];
  for (const record of records) {
    const values = prefixValues(destination, record.arrivalMs, "", record);
    try {
      const name = dataPrefix(destination.Prefix, { ...values, timestampMs: 0 });
      let entry = partitions.get(name);
      if (!entry) {
        if (partitions.size >= partitionLimit) {
          refused.push(refuse(record, ACTIVE_PARTITIONS_EXCEEDED.code, ACTIVE_PARTITIONS_EXCEEDED.message));
          continue;
        }
        entry = { name, records: [] };
        partitions.set(name, entry);
      }
      entry.records.push(record);
    } catch (error) {
      if (!(error instanceof MissingPartitionKeyError)) throw error;
      refused.push(refuse(record, "DynamicPartitioning.MissingPartitionKey", `The record has no value for ${error.key} (${error.namespace}).`));
    }
  }
  return { partitions: [...partitions.values()], refused };
}

/** One data object per partition: its records concatenated as Firehose does (no delimiters), compressed per CompressionFormat. */
async function planDataObjects(batch: BatchContents, partitions: readonly Partition[]): Promise<PlannedObject[]> {
  const destination = batch.config.destination;
  const planned: PlannedObject[] = [];
  for (const { name, records, file } of [...partitions].sort((a, b) => a.name.localeCompare(b.name))) {
    const seed = [batch.batchId, "data", name];
    const oldest = Math.min(...records.map((record) => record.arrivalMs));
    const prefix = dataPrefix(destination.Prefix, prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength), records[0]));
    const body = file?.body ?? concatBytes(records.map((record) => record.data));
    const object = await plan("data", destination, destination, prefix, seed, batch, body, file?.extension);
    planned.push({ ...object, records: records.length });
  }
  return planned;
}

/** The error output: one object per error output type, the records as JSON lines. */
async function planErrorObjects(batch: BatchContents, failed: readonly ProcessedRecord[], attemptEndingMs: number): Promise<PlannedObject[]> {
  const destination = batch.config.destination;
  const byType = new Map<string, ProcessedRecord[]>();
  for (const record of failed) byType.set(errorOutputType(record), [...(byType.get(errorOutputType(record)) ?? []), record]);
  const planned: PlannedObject[] = [];
  for (const [type, records] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const seed = [batch.batchId, "error", type];
    const oldest = Math.min(...records.map((record) => record.arrivalMs));
    const values = { ...prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength)), errorOutputType: type };
    const prefix = errorPrefixFor(destination.Prefix, destination.ErrorOutputPrefix, values);
    const sources = new Map(batch.records.map((source) => [source.recordId, source]));
    const lines = records.map((record) => `${errorLine(record, attemptEndingMs, sources.get(record.recordId))}\n`).join("");
    const object = await plan("error", destination, destination, prefix, seed, batch, new TextEncoder().encode(lines));
    planned.push({ ...object, records: records.length });
  }
  return planned;
}

/** The source records, untransformed, when backup is on: none or one object. */
async function planBackupObject(batch: BatchContents): Promise<PlannedObject[]> {
  const destination = batch.config.destination;
  const backup = backupTarget(destination);
  if (!backup || batch.records.length === 0) return [];
  const seed = [batch.batchId, "backup"];
  const oldest = Math.min(...batch.records.map((record) => record.arrivalMs));
  const prefix = dataPrefix(backup.Prefix, prefixValues(destination, oldest, await derivedString(seed, FIREHOSE.randomStringLength)));
  const object = await plan("backup", destination, backup, prefix, seed, batch, concatBytes(batch.records.map((record) => record.data)));
  return [{ ...object, records: batch.records.length }];
}

/** Puts the planned objects in order, counting into `progress` for DeliveryToS3.Success if one fails. */
async function writeObjects(env: Env, streamName: string, planned: readonly PlannedObject[], progress: PutProgress): Promise<void> {
  for (const object of planned) {
    progress.attempted += 1;
    const bucket = resolveBucket(env, object.bucketArn);
    if (!bucket) throw new Error(`delivery stream ${streamName}: no R2 binding for ${object.bucketArn}`);
    await bucket.put(object.key, object.body, { httpMetadata: { contentType: CONTENT_TYPES[object.format] } });
    progress.succeeded += 1;
  }
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
  /** A converted file's (`.parquet`, `.orc`), in place of the compression's. */
  fileExtension?: string,
): Promise<Omit<PlannedObject, "records">> {
  const format = target.CompressionFormat;
  // FileExtension replaces the compression's extension (ExtendedS3DestinationConfiguration), for data objects only.
  const extension = kind === "data" && destination.FileExtension ? destination.FileExtension : (fileExtension ?? EXTENSIONS[format]);
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
