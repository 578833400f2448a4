/**
 * AWS's limits, named, each with where it comes from. Anything numeric that a user could notice lives here.
 */
import { isLocal } from "./local";

/** Largest request body we read (AWS answers 413 above its own cap; PutRecords of 5 MiB base64-encoded fits). */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** Kinesis quotas: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html */
export const KINESIS = {
  /** A record's data blob plus its partition key, before base64 (default MaxRecordSizeInKiB 1024). */
  maxRecordBytes: 1024 * 1024,
  /** PutRecords: records per request (also in the model as PutRecordsRequestEntryList max). */
  maxPutRecordsCount: 500,
  /** PutRecords: the whole request, data blobs plus partition keys. */
  maxPutRecordsBytes: 5 * 1024 * 1024,
  /** GetRecords: records and bytes one call can return. */
  maxGetRecordsCount: 10_000,
  maxGetRecordsBytes: 10 * 1024 * 1024,
  /** Shard iterators expire five minutes after they are handed out. */
  iteratorLifetimeMs: 5 * 60 * 1000,
  /** Retention: 24 hours by default, up to 365 days. */
  defaultRetentionHours: 24,
  minRetentionHours: 24,
  maxRetentionHours: 8760,
  /** Default shard quota per account and region (DescribeLimits ShardLimit) in the larger regions. */
  shardLimit: 500,
  onDemandStreamCountLimit: 50,
  /** Tags per stream. */
  maxTagsPerStream: 50,
  /** How long a new stream stays CREATING and a deleted one DELETING (AWS takes seconds; we keep it short). */
  createStreamMs: 500,
  deleteStreamMs: 500,
  /** Enhanced fan-out: consumers per stream, and how long registering and deregistering take. */
  maxConsumersPerStream: 20,
  createConsumerMs: 500,
  deleteConsumerMs: 500,
  /** A SubscribeToShard subscription lasts five minutes; a new one for the same consumer and shard
   * within five seconds of the last is refused. */
  subscriptionLifetimeMs: 5 * 60 * 1000,
  resubscribeAfterMs: 5000,
  /** How often an idle subscription still gets an (empty) event. */
  subscriptionHeartbeatMs: 5000,
  /** How long a resharded stream stays UPDATING. */
  updateStreamMs: 500,
  /** Per-shard throughput: 1 MiB/s or 1,000 records/s in; 2 MiB/s and 5 GetRecords calls/s out. */
  shardWriteBytesPerSecond: 1024 * 1024,
  shardWriteRecordsPerSecond: 1000,
  shardReadBytesPerSecond: 2 * 1024 * 1024,
  shardGetRecordsPerSecond: 5,
  /**
   * On-demand streams (our policy; AWS documents only the outcome, capacity that follows traffic):
   * a shard whose writes averaged over the last seconds pass this share of its capacity is split,
   * at most once per cooldown per stream.
   */
  onDemandWindowSeconds: 6,
  onDemandScaleLoad: 0.8,
  onDemandCooldownMs: 10_000,
  /**
   * On-demand warm throughput (UpdateStreamWarmThroughput): at most 10 GiB/s per stream by default, and
   * only with a MinimumThroughputBillingCommitment, which lasts at least 24 hours once enabled
   * (the API reference of UpdateStreamWarmThroughput and of MinimumThroughputBillingCommitmentInput).
   */
  maxWarmThroughputMiBps: 10 * 1024,
  minimumCommitmentMs: 24 * 3_600_000,
  /** Resource policies: the largest document we keep (AWS's resource policy limit, as for S3 and others: 20 KiB). */
  maxResourcePolicyBytes: 20 * 1024,
  /** Hash key space: keys are 128-bit MD5 values. */
  maxHashKey: (1n << 128n) - 1n,
} as const;

/**
 * Stream-triggered consumers (Lambda event source mappings for Kinesis):
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export const LAMBDA = {
  /** BatchSize: 100 by default for Kinesis, at most 10,000 (also the model's BatchSize bounds). */
  defaultBatchSize: 100,
  maxBatchSize: 10_000,
  /** Lambda polls each shard once per second when it has caught up. */
  pollIntervalMs: 1000,
  /**
   * A synchronous invocation's payload is at most 6 MB; base64 makes data a third larger, so a
   * batch reads at most this many bytes of data and partition keys.
   */
  maxBatchDataBytes: 4 * 1024 * 1024,
  /** How long a mapping stays Creating, Updating, Enabling or Disabling, and Deleting (AWS takes seconds). */
  transitionMs: 500,
  /**
   * Our policy (AWS documents exponential backoff, not its numbers): a failed batch is retried
   * after 1 s, doubling per attempt up to a minute.
   */
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  /** Our policy: how long an HTTP or service-binding target may take to answer one batch. */
  invokeTimeoutMs: 60_000,
  /** Our policy: how many batches one alarm delivers from a shard before yielding to the next alarm. */
  batchesPerShardPerAlarm: 50,
  /** ListEventSourceMappings: MaxItems is 1..10,000 (model); AWS answers 100 by default. */
  defaultMaxItems: 100,
} as const;

/** Cloudflare Queues: https://developers.cloudflare.com/queues/platform/limits/ */
export const QUEUES = {
  /** A message is at most 128 KB, of which about 100 bytes are the queue's own metadata. */
  maxMessageBytes: 128 * 1024 - 100,
  /** sendBatch: at most 100 messages and 256 KB in all. */
  maxBatchMessages: 100,
  maxBatchBytes: 256 * 1024,
} as const;

/**
 * The metrics the service keeps about itself (src/metrics/). Ours: AWS keeps Kinesis and Firehose
 * metrics in CloudWatch for two weeks ("Metrics are archived for two weeks"); we keep a week of
 * one-minute rows in each object's SQLite, which the console's longest range (7 days) needs.
 */
export const METRICS = {
  /** One row per metric per minute. */
  resolutionMs: 60_000,
  /** How often an object writes the samples it added up in memory (see src/metrics/store.ts). */
  writeEveryMs: 1000,
  retentionMs: 7 * 24 * 3_600_000,
  /** How often an object that records metrics deletes rows past retention (on its next write). */
  pruneEveryMs: 3_600_000,
  /** Firehose: the delivered objects each delivery stream lists (the console's recent deliveries). */
  recentDeliveries: 200,
} as const;

/**
 * Whether AWS's throughput limits apply (the shards' and Firehose's DirectPut quotas): always when
 * deployed; in local mode (`npm start`, `wrangler dev`: src/local.ts) only when RIVULET_THROUGHPUT_LIMITS is "on".
 */
export function limitsEnforced(env: Env): boolean {
  if (env.RIVULET_THROUGHPUT_LIMITS === "on") return true;
  if (env.RIVULET_THROUGHPUT_LIMITS === "off") return false;
  return !isLocal(env);
}

/**
 * S3's object and multipart limits (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html,
 * API reference of each operation), and R2's where they are lower
 * (https://developers.cloudflare.com/r2/platform/limits/).
 */
export const S3 = {
  /** S3 takes a single PUT of 5 GiB; R2 a single put of at most 5 GiB - 5 MiB (its MAX_VALUE_SIZE). */
  maxPutBytes: 5 * 1024 ** 3 - 5 * 1024 ** 2,
  /** Every part but the last is at least 5 MiB; none is over 5 GiB. Part numbers run 1..10,000. */
  minPartBytes: 5 * 1024 * 1024,
  maxPartBytes: 5 * 1024 ** 3,
  maxPartNumber: 10_000,
  /** Object keys: at most 1,024 bytes of UTF-8. */
  maxKeyBytes: 1024,
  /** User-defined metadata (x-amz-meta-*): at most 2 KB, names and values as UTF-8. */
  maxUserMetadataBytes: 2048,
  /** DeleteObjects: at most 1,000 keys. */
  maxDeleteKeys: 1000,
  /** ListParts and ListMultipartUploads answer at most 1,000 entries. */
  maxListEntries: 1000,
  /**
   * XML request bodies (DeleteObjects, CompleteMultipartUpload): ours. 1,000 keys of 1,024 bytes, or
   * 10,000 parts with their ETags and checksums, fit well inside it.
   */
  maxXmlBodyBytes: 4 * 1024 * 1024,
  /** One aws-chunked chunk-size line (hex size, `;chunk-signature=` and 64 hex digits): ours, generous. */
  maxChunkLineBytes: 4096,
  /** The trailing headers of an aws-chunked body: ours, generous. */
  maxTrailerBytes: 16 * 1024,
  /** R2 aborts a multipart upload left incomplete for seven days (its default lifecycle rule). */
  uploadLifetimeMs: 7 * 24 * 3_600_000,
} as const;

/**
 * Kinesis Video Streams' control plane: https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/limits.html
 * and the API reference (CreateStream, UpdateDataRetention, TagStream).
 */
export const VIDEO_CONTROL = {
  /** "10,000 streams per account [s] in all supported Regions" (CreateStream's account limit). */
  maxStreamsPerAccount: 10_000,
  /** UpdateDataRetention: "The minimum value for data retention is 0 and the maximum value is 87600 (ten years)." */
  maxRetentionHours: 87_600,
  /** "A Kinesis video stream can support up to 50 tags." (TagStream, TagsPerResourceExceededLimitException) */
  maxTagsPerStream: 50,
  /** ListStreams: "The default is 10,000." (MaxResults) */
  defaultListStreamsMaxResults: 10_000,
  /** How long a new stream stays CREATING and a deleted one DELETING (AWS takes seconds; we keep it short). */
  createStreamMs: 500,
  deleteStreamMs: 500,
  /** Our policy: how soon a stream object that could not be told of a change (retention, deletion) is told again. */
  retryMs: 5000,
} as const;
