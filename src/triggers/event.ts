/**
 * What consumers receive, in the shapes AWS Lambda uses, so handlers written for Lambda read them
 * unchanged:
 * - the Kinesis event, `{"Records": [...]}`, one entry per record
 *   (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, "Example event");
 * - the invocation record sent to an OnFailure destination when a batch is given up on
 *   (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html, the SQS/SNS form,
 *   which names the records by sequence number instead of carrying them).
 */
import { shardIdOf } from "../streams/ids";

/** One record as the mapping reads it from its shard. */
export interface ShardRecord {
  counter: number;
  sequenceNumber: string;
  arrivalMs: number;
  partitionKey: string;
  data: Uint8Array;
}

/** Where the records of a batch come from. */
export interface RecordSource {
  account: string;
  region: string;
  streamArn: string;
  shardIndex: number;
}

export interface KinesisEventRecord {
  kinesis: {
    kinesisSchemaVersion: "1.0";
    partitionKey: string;
    sequenceNumber: string;
    /** The record's bytes, base64. */
    data: string;
    /** Epoch seconds, with milliseconds as the fraction. */
    approximateArrivalTimestamp: number;
  };
  eventSource: "aws:kinesis";
  eventVersion: "1.0";
  /** `<shardId>:<sequenceNumber>` */
  eventID: string;
  eventName: "aws:kinesis:record";
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

export interface KinesisEvent {
  Records: KinesisEventRecord[];
}

/**
 * AWS puts the function's execution role here. Rivulet has no IAM roles; this names one so that
 * handlers that read the field find an ARN of the right form.
 */
export function invokeIdentityArn(account: string): string {
  return `arn:aws:iam::${account}:role/rivulet-event-source-mapping`;
}

export function eventRecord(record: ShardRecord, source: RecordSource): KinesisEventRecord {
  const shardId = shardIdOf(source.shardIndex);
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: record.partitionKey,
      sequenceNumber: record.sequenceNumber,
      data: record.data.toBase64(),
      approximateArrivalTimestamp: record.arrivalMs / 1000,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${shardId}:${record.sequenceNumber}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: invokeIdentityArn(source.account),
    awsRegion: source.region,
    eventSourceARN: source.streamArn,
  };
}

/** Why a batch went to the OnFailure destination (AWS's `requestContext.condition`). */
export type FailureCondition = "RetryAttemptsExhausted" | "RecordAgeExceeded" | "MaximumPayloadSizeExceeded";

export interface FailedInvocation {
  requestId: string;
  functionArn: string;
  condition: FailureCondition;
  /** How many times the batch was handed to the function. */
  invokeCount: number;
  /** The HTTP status of the last attempt; 0 when none came back (unreachable, timed out, a queue refused). */
  statusCode: number;
  /** Why the last attempt failed, in words. */
  functionError: string;
  nowMs: number;
}

export interface InvocationRecord {
  requestContext: { requestId: string; functionArn: string; condition: FailureCondition; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: "$LATEST"; functionError: string };
  version: "1.0";
  timestamp: string;
  KinesisBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** The invocation record for a batch given up on: `records` must not be empty. */
export function invocationRecord(records: readonly ShardRecord[], source: RecordSource, failure: FailedInvocation): InvocationRecord {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) throw new Error("an invocation record needs at least one record");
  return {
    requestContext: {
      requestId: failure.requestId,
      functionArn: failure.functionArn,
      condition: failure.condition,
      approximateInvokeCount: failure.invokeCount,
    },
    responseContext: { statusCode: failure.statusCode, executedVersion: "$LATEST", functionError: failure.functionError },
    version: "1.0",
    timestamp: new Date(failure.nowMs).toISOString(),
    KinesisBatchInfo: {
      shardId: shardIdOf(source.shardIndex),
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.arrivalMs).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.arrivalMs).toISOString(),
      batchSize: records.length,
      streamArn: source.streamArn,
    },
  };
}
