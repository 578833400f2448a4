/**
 * Firehose's limits, each with where it comes from. "Ours" marks a number AWS does not publish or
 * one we chose because a Worker cannot do what AWS does (say why there).
 */
export const FIREHOSE = {
  /** A record's data: at most 1,000 KiB before base64 (the model's Data max, 1024000). */
  maxRecordBytes: 1_024_000,
  /** PutRecordBatch: 500 records (the model) and 4 MiB for the whole request (API reference of PutRecordBatch). */
  maxBatchRecords: 500,
  maxBatchBytes: 4 * 1024 * 1024,
  /** BufferingHints defaults (CreateDeliveryStream: "up to 5 MB or for 5 minutes"). */
  defaultSizeInMBs: 5,
  defaultIntervalInSeconds: 300,
  /** Tags per delivery stream (TagDeliveryStream: "up to 50 tags"). */
  maxTags: 50,
  /** ListDeliveryStreams answers 10 names unless Limit says otherwise (API reference). */
  defaultListLimit: 10,
  /** ListTagsForDeliveryStream: Limit is 1..50 (model); without it, every tag (at most 50). */
  defaultTagListLimit: 50,
  /** Delivery streams per account and region (CreateDeliveryStream: "up to 5,000 Firehose streams per Amazon Web Services Region"). */
  maxStreamsPerRegion: 5000,
  /** An evaluated Prefix or ErrorOutputPrefix is at most 512 characters (s3-prefixes.html). */
  maxEvaluatedPrefixLength: 512,
  /** `!{firehose:random-string}` is 11 characters (s3-prefixes.html). */
  randomStringLength: 11,
  /** Ours: how long a new stream stays CREATING, a deleted one DELETING, and encryption ENABLING/DISABLING (AWS takes seconds to minutes). */
  createMs: 500,
  deleteMs: 500,
  encryptionTransitionMs: 500,
  /**
   * Ours: the largest batch one flush hands to delivery. The consumer holds a batch in memory
   * (128 MB per isolate) and reads it over Durable Object RPC (32 MiB per call), so SizeInMBs above
   * this yields several objects per flush instead of one.
   */
  maxFlushBytes: 16 * 1024 * 1024,
  /**
   * Ours: a batch whose delivery has not finished this long after it was queued is queued again
   * (a message lost or dead-lettered without the buffer hearing of it). Delivery is idempotent.
   */
  redeliverAfterMs: 10 * 60 * 1000,
  /**
   * Ours: under `npm start` the delivery queue lives in the process's memory (Miniflare's), so a
   * buffer with a batch on it looks this often whether a restart of the process lost its message.
   */
  localQueueCheckMs: 5000,
  /** Ours: retries of a failed delivery wait 5 s, doubling up to 5 minutes (AWS retries S3 every 5 s). */
  retryBaseSeconds: 5,
  retryMaxSeconds: 300,
  /** Ours: a batch the dead-letter queue hands back is queued again after this long. */
  deadLetterRequeueMs: 5 * 60 * 1000,
  /**
   * DirectPut ingestion per delivery stream, PutRecord and PutRecordBatch together
   * (https://docs.aws.amazon.com/firehose/latest/dev/limits.html): 500,000 records/s, 2,000
   * requests/s and 5 MiB/s in US East (N. Virginia), US West (Oregon) and Europe (Ireland);
   * 100,000 records/s, 1,000 requests/s and 1 MiB/s in the other Regions. AWS raises them on
   * request; here they are the defaults. Enforced only with throughput limits on (RIVULET_THROUGHPUT_LIMITS).
   */
  directPutLargeRegions: ["us-east-1", "us-west-2", "eu-west-1"] as readonly string[],
  directPutLarge: { recordsPerSecond: 500_000, requestsPerSecond: 2_000, bytesPerSecond: 5 * 1024 * 1024 },
  directPutOther: { recordsPerSecond: 100_000, requestsPerSecond: 1_000, bytesPerSecond: 1024 * 1024 },
  /**
   * Active partitions per delivery stream with dynamic partitioning: 500 (buffering.html, "Once the
   * number of active partitions reaches a limit of 500 per Firehose stream, the rest of the records
   * ... are delivered to the specified S3 error bucket prefix (activePartitionExceeded)"). AWS raises
   * it on request up to 5,000; here it is the default.
   */
  maxActivePartitions: 500,
  /**
   * HTTP endpoint destinations (httpdeliveryrequestresponse.html): a request body holds at most
   * 10,000 records and 64 MiB before compression; the endpoint has 3 minutes to answer, in at most
   * 1 MiB. The API reference documents no default retry duration; 300 seconds is the console's.
   */
  httpEndpointMaxRecordsPerRequest: 10_000,
  httpEndpointMaxBodyBytes: 64 * 1024 * 1024,
  httpEndpointTimeoutMs: 3 * 60 * 1000,
  httpEndpointMaxResponseBytes: 1024 * 1024,
  httpEndpointDefaultRetrySeconds: 300,
  /**
   * OpenSearch destinations (the three API shapes): RetryOptions.DurationInSeconds defaults to 300
   * (AmazonopensearchserviceRetryOptions). Ours (AWS publishes neither): a bulk request gets 3 minutes
   * to answer, in at most 1 MiB and 4 KiB per document.
   */
  openSearchDefaultRetrySeconds: 300,
  openSearchTimeoutMs: 3 * 60 * 1000,
  openSearchResponseBaseBytes: 1024 * 1024,
  openSearchResponseBytesPerDocument: 4096,
  /**
   * Splunk (SplunkDestinationConfiguration): BufferingHints default to 5 MB and 60 seconds
   * (SplunkBufferingHints); the API reference documents no default for the acknowledgement timeout
   * (180 to 600 s) or the retry duration: ours are 180 and 3600 (the defaults of Terraform's AWS
   * provider). A HEC request gets 3 minutes to answer, in at most 1 MiB (ours).
   */
  splunkDefaultIntervalInSeconds: 60,
  splunkDefaultAckTimeoutSeconds: 180,
  splunkDefaultRetrySeconds: 3600,
  splunkTimeoutMs: 3 * 60 * 1000,
  splunkMaxResponseBytes: 1024 * 1024,
  /**
   * Ours: within one delivery attempt, acknowledgements are polled after these waits (real time);
   * one still missing then is polled again by the next attempt (the queue's backoff), until
   * HECAcknowledgmentTimeoutInSeconds has passed since the request.
   */
  splunkAckPollWaitsMs: [0, 100, 200, 400, 800] as readonly number[],
  /**
   * Ours: the tap keeps records for Analytics applications that read the delivery stream for a day at
   * most (Firehose keeps undeliverable data for 24 hours), and forgets a subscriber silent that long.
   */
  tapRetentionMs: 24 * 60 * 60 * 1000,
} as const;

export const MIB = 1024 * 1024;

/** The delay before a failed delivery is tried again: 5 s, doubling per attempt, at most 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(FIREHOSE.retryBaseSeconds * 2 ** Math.max(0, attempts - 1), FIREHOSE.retryMaxSeconds);
}
