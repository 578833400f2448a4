/**
 * The numbers of Firehose's processing chain, each with where it comes from. (They live beside the
 * chain rather than in src/limits.ts only because this module was built apart; they can move there.)
 */
export const PROCESSING = {
  /**
   * The Lambda buffering hint: 1 MB by default, from 0.2 to 3 MB (the model's ProcessorParameter
   * documentation and https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html).
   * "MB" read as MiB, as Firehose's buffering hints are.
   */
  defaultBufferSizeMiB: 1,
  minBufferSizeMiB: 0.2,
  maxBufferSizeMiB: 3,
  /** The Lambda buffering interval hint: 60 s by default, 0 to 900 s (same pages). */
  defaultBufferIntervalSeconds: 60,
  minBufferIntervalSeconds: 0,
  maxBufferIntervalSeconds: 900,
  /** NumberOfRetries defaults to 3 (the model's ProcessorParameter documentation). */
  defaultNumberOfRetries: 3,
  /**
   * AWS does not range-check NumberOfRetries; a huge value is clamped here so that one failing
   * function cannot hold a delivery for ever (our policy).
   */
  maxNumberOfRetries: 300,
  /**
   * Lambda's synchronous invocation payload limit, for the request and the response alike
   * (data-transformation.html: "6 MB").
   */
  maxInvocationPayloadBytes: 6 * 1024 * 1024,
  /** Firehose waits at most 5 minutes for a transformation function (data-transformation.html). */
  invocationTimeoutMs: 5 * 60 * 1000,
  /**
   * Record deaggregation (JSON or DELIMITED) "is capped at 500 per record"
   * (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-multirecord-deaggergation.html);
   * a record holding more is passed on whole, as users have observed.
   */
  maxSubRecords: 500,
  /** How many compiled JSONata expressions are kept (our policy: a stream has one or two). */
  jsonataCacheSize: 256,
} as const;
