/**
 * The running side of Analytics: AWS's limits where it has them, and ours, each with why.
 */
export const RUNNER = {
  /**
   * Ours: while an application has work (records came, outputs wait) its object steps this often;
   * idle, once a second. AWS reads each source about once a second and invokes a Lambda output
   * "about once per second" for continuous queries (how-it-works-output-lambda.md).
   */
  busyStepMs: 200,
  idleStepMs: 1000,
  /** Ours: a Firehose input reads this many records (and about these bytes) per read of its tap, up to `readsPerStep` reads. */
  tapReadRecords: 5000,
  tapReadBytes: 8 * 1024 * 1024,
  readsPerStep: 4,
  /**
   * Ours: back pressure. Once this many rows wait for one output, the application stops reading
   * its inputs until they are written (AWS: a destination that cannot be written "creates back
   * pressure, causing your application to fall behind").
   */
  maxPendingOutputRows: 100_000,
  /** Rows one write takes: PutRecords and PutRecordBatch take 500 records, 5 MiB and 4 MiB. */
  outputBatchRecords: 500,
  outputBatchBytes: 4 * 1024 * 1024,
  /** Lambda's synchronous invocation payload, request and answer (Lambda quotas: 6 MB). */
  lambdaPayloadBytes: 6 * 1024 * 1024,
  /** Ours: how long one call of a preprocessing or output function may take (Lambda's own maximum is 15 minutes). */
  lambdaTimeoutMs: 5 * 60 * 1000,
  /** Ours: a failed write or preprocessing call is tried again after 1 s, doubling up to a minute (AWS retries "until successful"). */
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  /** Ours: snapshot text per SQLite row (a value holds at most 2 MB; three UTF-8 bytes per character at worst). */
  snapshotChunkChars: 512 * 1024,
  /** Ours: the live view keeps the latest rows of a stream it was asked for, and stops watching a stream not asked for this long. */
  tailRows: 500,
  tailWatchMs: 60_000,
  /** Ours: a reference data object is read whole into the object's memory (AWS allows 1 GB). */
  maxReferenceBytes: 32 * 1024 * 1024,
} as const;

/** The delay before try number `attempts` + 1 of something that failed `attempts` times. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RUNNER.retryBaseMs * 2 ** Math.max(0, attempts - 1), RUNNER.retryMaxMs);
}
