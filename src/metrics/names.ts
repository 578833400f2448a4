/**
 * The metrics the service keeps about itself, with CloudWatch's names and units, and the statistic
 * the console shows for each: Sum for counts and sizes, Average for latencies and success ratios
 * (a Success sample is 1 or 0, so its average is the share that succeeded), Maximum for ages.
 * Names, units and meanings follow "Monitor the Amazon Kinesis Data Streams service with Amazon
 * CloudWatch" (AWS/Kinesis) and "Monitoring Amazon Data Firehose with CloudWatch metrics"
 * (AWS/Firehose).
 *
 * Every object keeps its own rows (src/metrics/store.ts), so no metric carries a dimension: a shard's
 * rows are its shard-level metrics, the sum over a stream's shards its stream-level ones, and a
 * delivery stream's buffer holds the delivery stream's.
 *
 * Differences from AWS: WriteProvisionedThroughputExceeded and ReadProvisionedThroughputExceeded are
 * shown as Sum (records, or GetRecords calls, refused in the period), where AWS suggests Average;
 * PutRecords.Success, GetRecords.IteratorAge (deprecated) and the SubscribeToShard.* call metrics are
 * not kept.
 */
import type { SHARD_LEVEL_METRICS } from "../streams/monitoring";

export type Statistic = "Sum" | "Average" | "Maximum";
export type Unit = "Count" | "Bytes" | "Milliseconds" | "Seconds";

export interface MetricDefinition<Name extends string = string> {
  name: Name;
  unit: Unit;
  statistic: Statistic;
}

/** A shard-level metric: the shard's own rows of the stream-level metrics it is made of. */
export interface ShardMetricDefinition extends MetricDefinition<(typeof SHARD_LEVEL_METRICS)[number]> {
  from: readonly StreamMetricName[];
}

const metric = <Name extends string>(name: Name, unit: Unit, statistic: Statistic): MetricDefinition<Name> => ({ name, unit, statistic });

/** Kinesis Data Streams, stream level: kept by every shard, always; a stream's are the sum over its shards. */
export const STREAM_METRICS = [
  metric("IncomingRecords", "Count", "Sum"),
  metric("IncomingBytes", "Bytes", "Sum"),
  metric("PutRecord.Bytes", "Bytes", "Sum"),
  metric("PutRecord.Latency", "Milliseconds", "Average"),
  metric("PutRecord.Success", "Count", "Average"),
  metric("PutRecords.Bytes", "Bytes", "Sum"),
  metric("PutRecords.Latency", "Milliseconds", "Average"),
  metric("PutRecords.TotalRecords", "Count", "Sum"),
  metric("PutRecords.SuccessfulRecords", "Count", "Sum"),
  metric("PutRecords.ThrottledRecords", "Count", "Sum"),
  metric("GetRecords.Records", "Count", "Sum"),
  metric("GetRecords.Bytes", "Bytes", "Sum"),
  metric("GetRecords.IteratorAgeMilliseconds", "Milliseconds", "Maximum"),
  metric("GetRecords.Latency", "Milliseconds", "Average"),
  metric("GetRecords.Success", "Count", "Average"),
  metric("SubscribeToShardEvent.Records", "Count", "Sum"),
  metric("SubscribeToShardEvent.Bytes", "Bytes", "Sum"),
  metric("SubscribeToShardEvent.MillisBehindLatest", "Milliseconds", "Maximum"),
  metric("WriteProvisionedThroughputExceeded", "Count", "Sum"),
  metric("ReadProvisionedThroughputExceeded", "Count", "Sum"),
] as const;

export type StreamMetricName = (typeof STREAM_METRICS)[number]["name"];

/**
 * Kinesis Data Streams, shard level (enhanced monitoring), in the model's order. AWS counts records
 * read by GetRecords and those pushed by SubscribeToShard alike in OutgoingRecords and OutgoingBytes.
 */
export const SHARD_METRICS: readonly ShardMetricDefinition[] = [
  { ...metric("IncomingBytes", "Bytes", "Sum"), from: ["IncomingBytes"] },
  { ...metric("IncomingRecords", "Count", "Sum"), from: ["IncomingRecords"] },
  { ...metric("OutgoingBytes", "Bytes", "Sum"), from: ["GetRecords.Bytes", "SubscribeToShardEvent.Bytes"] },
  { ...metric("OutgoingRecords", "Count", "Sum"), from: ["GetRecords.Records", "SubscribeToShardEvent.Records"] },
  { ...metric("WriteProvisionedThroughputExceeded", "Count", "Sum"), from: ["WriteProvisionedThroughputExceeded"] },
  { ...metric("ReadProvisionedThroughputExceeded", "Count", "Sum"), from: ["ReadProvisionedThroughputExceeded"] },
  {
    ...metric("IteratorAgeMilliseconds", "Milliseconds", "Maximum"),
    from: ["GetRecords.IteratorAgeMilliseconds", "SubscribeToShardEvent.MillisBehindLatest"],
  },
];

/** Firehose, per delivery stream: kept by its buffer object. */
export const FIREHOSE_METRICS = [
  metric("IncomingRecords", "Count", "Sum"),
  metric("IncomingBytes", "Bytes", "Sum"),
  metric("IncomingPutRequests", "Count", "Sum"),
  metric("DataReadFromKinesisStream.Records", "Count", "Sum"),
  metric("DataReadFromKinesisStream.Bytes", "Bytes", "Sum"),
  metric("DeliveryToS3.Records", "Count", "Sum"),
  metric("DeliveryToS3.Bytes", "Bytes", "Sum"),
  metric("DeliveryToS3.ObjectCount", "Count", "Sum"),
  metric("DeliveryToS3.Success", "Count", "Average"),
  metric("DeliveryToS3.DataFreshness", "Seconds", "Maximum"),
  metric("BackupToS3.Records", "Count", "Sum"),
  metric("BackupToS3.Bytes", "Bytes", "Sum"),
  metric("DeliveryToRedshift.Records", "Count", "Sum"),
  metric("DeliveryToAmazonOpenSearchService.Records", "Count", "Sum"),
  metric("DeliveryToAmazonOpenSearchService.Bytes", "Bytes", "Sum"),
  metric("DeliveryToAmazonOpenSearchService.Success", "Count", "Average"),
  metric("DeliveryToAmazonOpenSearchServerless.Records", "Count", "Sum"),
  metric("DeliveryToAmazonOpenSearchServerless.Bytes", "Bytes", "Sum"),
  metric("DeliveryToAmazonOpenSearchServerless.Success", "Count", "Average"),
  metric("DeliveryToSplunk.Records", "Count", "Sum"),
  metric("DeliveryToSplunk.Bytes", "Bytes", "Sum"),
  metric("DeliveryToSplunk.Success", "Count", "Average"),
  metric("DeliveryToSplunk.DataAckLatency", "Seconds", "Average"),
  metric("ExecuteProcessing.Success", "Count", "Average"),
  metric("ExecuteProcessing.Duration", "Milliseconds", "Average"),
  metric("SucceedProcessing.Records", "Count", "Sum"),
  metric("SucceedProcessing.Bytes", "Bytes", "Sum"),
] as const;

export type FirehoseMetricName = (typeof FIREHOSE_METRICS)[number]["name"];
