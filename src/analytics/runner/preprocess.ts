/**
 * Input preprocessing (InputLambdaProcessor), with KDA's record contract (lambda-preprocessing.md):
 *
 *   request  {invocationId, applicationArn, streamArn, records: [{recordId, data (base64),
 *             kinesisStreamRecordMetadata: {shardId, partitionKey, sequenceNumber, approximateArrivalTimestamp}
 *             | kinesisFirehoseRecordMetadata: {approximateArrivalTimestamp}}]}
 *   response {records: [{recordId, result: Ok | Dropped | ProcessingFailed, data (base64)}]}
 *
 * recordId is the Kinesis record's sequence number, or a random UUID for a delivery stream's record;
 * approximateArrivalTimestamp is in milliseconds. An Ok record's data may hold several JSON
 * documents or CSV rows. As AWS documents, a failed invocation, or an answer that leaves out a
 * record or its result (or an Ok record's data), is a preprocessing failure and the same records
 * are sent again until it succeeds: nothing is taken from the input meanwhile.
 *
 * Deliberate choice AWS leaves open: a record answered ProcessingFailed goes to error_stream
 * (ERROR_NAME Lambda_ProcessingFailed) with its original data.
 */
import { AnalyticsRunnerError } from "./errors";
import { answeredRecords, functionTarget, invocations, invoke } from "./functions";
import type { SourceRecord } from "./inputs";

export type Preprocessed = { readonly result: "Ok"; readonly data: Uint8Array } | { readonly result: "Dropped" } | { readonly result: "ProcessingFailed" };

export interface PreprocessContext {
  readonly applicationArn: string;
  readonly streamArn: string;
}

interface EventRecord {
  recordId: string;
  data: string;
  kinesisStreamRecordMetadata?: { shardId: string; partitionKey: string; sequenceNumber: string; approximateArrivalTimestamp: number };
  kinesisFirehoseRecordMetadata?: { approximateArrivalTimestamp: number };
}

function eventRecord(record: SourceRecord): EventRecord {
  const data = record.data.toBase64();
  const kinesis = record.kinesis;
  if (kinesis) {
    return { recordId: kinesis.sequenceNumber, data, kinesisStreamRecordMetadata: { ...kinesis, approximateArrivalTimestamp: record.arrivalMs } };
  }
  return { recordId: crypto.randomUUID(), data, kinesisFirehoseRecordMetadata: { approximateArrivalTimestamp: record.arrivalMs } };
}

const encoder = new TextEncoder();

/** Runs the records through the function; the outcomes come in the records' order. Throws AnalyticsRunnerError to retry them all. */
export async function preprocess(env: Env, functionArn: string, context: PreprocessContext, records: readonly SourceRecord[]): Promise<Preprocessed[]> {
  const target = functionTarget(env, functionArn);
  if (typeof target === "string") throw new AnalyticsRunnerError(`Preprocessing: ${target}`);
  const entries = records.map((record, index) => ({ index, entry: eventRecord(record) }));
  const envelope = encoder.encode(JSON.stringify({ invocationId: crypto.randomUUID(), applicationArn: context.applicationArn, streamArn: context.streamArn, records: [] })).length;
  const outcomes = new Array<Preprocessed>(records.length);
  for (const batch of invocations(entries, (item) => encoder.encode(JSON.stringify(item.entry)).length, envelope)) {
    const body = JSON.stringify({
      invocationId: crypto.randomUUID(),
      applicationArn: context.applicationArn,
      streamArn: context.streamArn,
      records: batch.map((item) => item.entry),
    });
    const answer = await invoke(target, body);
    if (!answer.ok) throw new AnalyticsRunnerError(`Preprocessing function ${functionArn} failed (${answer.failure})`);
    const returned = answeredRecords(answer.text);
    if (!returned) throw new AnalyticsRunnerError(`Preprocessing function ${functionArn} answered without a records list`);
    for (const { index, entry } of batch) outcomes[index] = outcomeOf(returned.get(entry.recordId), functionArn, entry.recordId);
  }
  return outcomes;
}

function outcomeOf(fields: Record<string, unknown> | undefined, functionArn: string, recordId: string): Preprocessed {
  if (!fields) throw new AnalyticsRunnerError(`Preprocessing function ${functionArn} did not return record ${recordId}`);
  switch (fields.result) {
    case "Ok": {
      if (typeof fields.data !== "string") throw new AnalyticsRunnerError(`Preprocessing function ${functionArn} returned record ${recordId} Ok without data`);
      try {
        return { result: "Ok", data: Uint8Array.fromBase64(fields.data) };
      } catch {
        throw new AnalyticsRunnerError(`Preprocessing function ${functionArn} returned record ${recordId} with data that is not base64`);
      }
    }
    case "Dropped":
      return { result: "Dropped" };
    case "ProcessingFailed":
      return { result: "ProcessingFailed" };
    default:
      throw new AnalyticsRunnerError(`Preprocessing function ${functionArn} returned record ${recordId} with result ${JSON.stringify(fields.result)}`);
  }
}
