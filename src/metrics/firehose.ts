/**
 * Firehose's metrics, as the buffer object counts them: what comes in (PutRecord(Batch), or read
 * from a Kinesis stream) in the transaction that stores it, and what a delivery did in the
 * transaction that marks its batch delivered (delivery.ts reports it with complete()).
 *
 * Differences from AWS: DeliveryToS3.* count every object written to R2 (data, error output,
 * backup) as an S3 put, and DeliveryToS3.Records and .Bytes the data objects only (Bytes as stored,
 * after compression). DeliveryToS3.DataFreshness is sampled when a batch is delivered: the age of
 * its oldest record then. ExecuteProcessing.* are per delivered batch, not per Lambda invocation
 * (a batch may take several): Duration is the whole processing chain's, and Success is 0 when any
 * record of the batch failed because a transformation invocation did (Lambda.* errors other than a
 * record the function itself marked ProcessingFailed). DeliveryToAmazonOpenSearchService.* count the
 * Elasticsearch API's destinations too (AWS: DeliveryToElasticsearch.*); a delivery's .Success is one
 * sample of the records it delivered over those it attempted, counted when its batch completes.
 */
import { lambdaBufferingHints } from "../firehose/transform";
import { processingPartitioning, type Destination } from "../firehose/config";
import type { ProcessedRecord } from "../firehose/records";
import type { DeliveredObject } from "./delivery-log";
import type { FirehoseMetricName } from "./names";
import { sample, type Sample } from "./store";

const observe: (name: FirehoseMetricName, value: number) => Sample = sample;

/** What one delivery of a batch did. */
export interface DeliveryOutcome {
  /** Every object written (data, error output, backup), by bucket name. */
  objects: DeliveredObject[];
  /** When the batch's oldest record arrived; null for a batch without records. */
  oldestArrivalMs: number | null;
  /** Rows a Redshift destination loaded into its D1 table. */
  redshiftRecords?: number;
  /** The transformation, when the destination has one. */
  processing?: ProcessingOutcome;
  /** What an OpenSearch or Splunk destination took, over every attempt of the batch. */
  destination?: DestinationOutcome;
}

/** Records an OpenSearch cluster indexed, or Splunk acknowledged (DeliveryTo<metric>.*). */
export interface DestinationOutcome {
  metric: "AmazonOpenSearchService" | "AmazonOpenSearchServerless" | "Splunk";
  delivered: number;
  /** Records that went to the S3 backup instead. */
  failed: number;
  bytes: number;
  /** Per index (OpenSearch) or HEC endpoint (Splunk): the console's recent deliveries. */
  entries: { target: string; name: string; records: number; bytes: number }[];
  /** Splunk: from each request to its acknowledgement. */
  ackLatenciesMs?: number[];
}

export interface ProcessingOutcome {
  durationMs: number;
  succeeded: boolean;
  /** Records the chain left Ok, and their bytes. */
  records: number;
  bytes: number;
}

function sumOf<T>(items: readonly T[], value: (item: T) => number): number {
  let sum = 0;
  for (const item of items) sum += value(item);
  return sum;
}

/** PutRecord and PutRecordBatch: one request of these records. */
export function incomingSamples(records: readonly { data: Uint8Array }[]): Sample[] {
  return [
    observe("IncomingRecords", records.length),
    observe("IncomingBytes", sumOf(records, (record) => record.data.byteLength)),
    observe("IncomingPutRequests", 1),
  ];
}

/** KinesisStreamAsSource: records taken from one read of a shard. */
export function sourceSamples(records: readonly { data: Uint8Array }[]): Sample[] {
  return [
    observe("DataReadFromKinesisStream.Records", records.length),
    observe("DataReadFromKinesisStream.Bytes", sumOf(records, (record) => record.data.byteLength)),
  ];
}

/** `arn:aws:s3:::name` → `name`. */
export function bucketName(bucketArn: string): string {
  return bucketArn.startsWith("arn:") ? bucketArn.slice(bucketArn.lastIndexOf(":") + 1) : bucketArn;
}

/** Whether the destination transforms records with a Lambda processor (or its JSONata stand-in). */
export function transforms(destination: Destination): boolean {
  return (
    lambdaBufferingHints({ processing: destination.ProcessingConfiguration, dynamicPartitioning: processingPartitioning(destination) }) !==
    undefined
  );
}

/** A failure of the invocation itself, not a record the function answered ProcessingFailed. */
function invocationFailed(record: ProcessedRecord): boolean {
  const code = record.error?.code;
  return code !== undefined && code.startsWith("Lambda.") && code !== "Lambda.ProcessingFailedStatus";
}

export function processingOutcome(processed: readonly ProcessedRecord[], durationMs: number): ProcessingOutcome {
  const ok = processed.filter((record) => record.result === "Ok");
  return {
    durationMs: Math.max(0, durationMs),
    succeeded: !processed.some(invocationFailed),
    records: ok.length,
    bytes: sumOf(ok, (record) => record.data.byteLength),
  };
}

/** A delivery that completed at `now`: every object it wrote was a successful put. */
export function deliverySamples(outcome: DeliveryOutcome, now: number): Sample[] {
  const data = outcome.objects.filter((object) => object.kind === "data");
  const backup = outcome.objects.filter((object) => object.kind === "backup");
  const samples = [
    observe("DeliveryToS3.Records", sumOf(data, (object) => object.records)),
    observe("DeliveryToS3.Bytes", sumOf(data, (object) => object.bytes)),
    observe("DeliveryToS3.ObjectCount", outcome.objects.length),
  ];
  if (outcome.objects.length > 0) samples.push(putSuccess(outcome.objects.length, outcome.objects.length));
  if (outcome.oldestArrivalMs !== null) samples.push(observe("DeliveryToS3.DataFreshness", Math.max(0, now - outcome.oldestArrivalMs) / 1000));
  if (backup.length > 0) {
    samples.push(observe("BackupToS3.Records", sumOf(backup, (object) => object.records)), observe("BackupToS3.Bytes", sumOf(backup, (object) => object.bytes)));
  }
  if (outcome.redshiftRecords !== undefined) samples.push(observe("DeliveryToRedshift.Records", outcome.redshiftRecords));
  if (outcome.destination) samples.push(...destinationSamples(outcome.destination));
  const processing = outcome.processing;
  if (processing) {
    samples.push(
      observe("ExecuteProcessing.Duration", processing.durationMs),
      observe("ExecuteProcessing.Success", processing.succeeded ? 1 : 0),
      observe("SucceedProcessing.Records", processing.records),
      observe("SucceedProcessing.Bytes", processing.bytes),
    );
  }
  return samples;
}

/** DeliveryTo<destination>.* of what an OpenSearch cluster or Splunk took. */
function destinationSamples(destination: DestinationOutcome): Sample[] {
  const family = `DeliveryTo${destination.metric}` as const;
  const attempted = destination.delivered + destination.failed;
  const success: Sample = {
    name: `${family}.Success` satisfies FirehoseMetricName,
    sum: destination.delivered,
    count: attempted,
    min: destination.failed > 0 ? 0 : 1,
    max: destination.delivered > 0 ? 1 : 0,
  };
  const samples = [observe(`${family}.Records`, destination.delivered), observe(`${family}.Bytes`, destination.bytes)];
  if (attempted > 0) samples.push(success);
  for (const latency of destination.ackLatenciesMs ?? []) samples.push(observe("DeliveryToSplunk.DataAckLatency", latency / 1000));
  return samples;
}

/** The console's log of a delivery, in the order it happened: what the destination took (per index or collector), then the objects written. */
export function loggedDeliveries(outcome: DeliveryOutcome): DeliveredObject[] {
  const taken = (outcome.destination?.entries ?? []).map(
    (entry): DeliveredObject => ({ bucket: entry.target, key: entry.name, bytes: entry.bytes, records: entry.records, kind: "destination" }),
  );
  return [...taken, ...outcome.objects];
}

/** S3 puts of one delivery attempt, as one combined sample of 1 (succeeded) and 0 (failed) values. */
function putSuccess(attempted: number, succeeded: number): Sample {
  const name: FirehoseMetricName = "DeliveryToS3.Success";
  return { name, sum: succeeded, count: attempted, min: succeeded < attempted ? 0 : 1, max: succeeded > 0 ? 1 : 0 };
}

/** A delivery attempt that failed after `attempted` puts, of which `succeeded` went through. */
export function failedDeliverySamples(attempted: number, succeeded: number): Sample[] {
  return attempted > 0 ? [putSuccess(attempted, succeeded)] : [];
}
