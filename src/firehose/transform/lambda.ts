/**
 * The Lambda processor: the records go to the transformation function in batches, with AWS's
 * contract (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html):
 *
 *   request  {invocationId, deliveryStreamArn, region, [sourceKinesisStreamArn,]
 *             records: [{recordId, approximateArrivalTimestamp (ms), data (base64),
 *                        [kinesisRecordMetadata: {shardId, partitionKey, approximateArrivalTimestamp,
 *                                                 sequenceNumber, subsequenceNumber}]}]}
 *   response {records: [{recordId, result: Ok | Dropped | ProcessingFailed, data (base64),
 *                        [metadata: {partitionKeys: {...}}]}]}
 *
 * Batches hold at most BufferSizeInMBs of record data and a request of at most 6 MB (Lambda's
 * synchronous payload limit); a record larger than that goes alone.
 *
 * Failures, as AWS reports them (codes and messages in failures.ts):
 * - The invocation fails (the function answers non-2xx or with X-Amz-Function-Error, answers more
 *   than 6 MB, cannot be reached, or takes more than 5 minutes): the whole invocation is retried
 *   NumberOfRetries times (3 by default), each time with a new invocationId, and if it never
 *   succeeds every record of the batch fails with the last error and attemptsMade NumberOfRetries+1
 *   (Lambda.FunctionError, Lambda.FunctionTimedOut; for 401/403, 404 and 429 answers
 *   Lambda.InvokeAccessDenied, Lambda.ResourceNotFound and Lambda.InvokeLimitExceeded).
 * - The function answers: the answer is final, however malformed (users probing AWS saw a single
 *   attempt). Not JSON: every record fails with Lambda.JsonProcessingException. Then per record:
 *   not returned (including when `records` is missing) Lambda.MissingRecordId; returned twice
 *   Lambda.DuplicatedRecordId; result ProcessingFailed Lambda.ProcessingFailedStatus; a result
 *   other than the three, or Ok without base64 data, Lambda.FunctionError (AWS's "Check your
 *   function and make sure the output is in required format" message). Entries naming a record
 *   that was not sent are ignored, as AWS ignores them.
 * Retries follow one another at once: Firehose documents their number, not their pacing.
 */
import { callWithin } from "../../functions/call";
import { LAMBDA_FAILURES, type Failure } from "./failures";
import type { LambdaPlan } from "./config";
import type { LambdaTarget } from "./lambda-target";
import { PROCESSING } from "./limits";
import type { WorkingRecord } from "./working-record";

/** How the transformation is invoked; the delivery side supplies it. */
export interface ProcessingEnv {
  /**
   * POSTs `body` (the JSON request) to the target and answers its response: a service binding at
   * the binding named `target.binding` (answer 404 when this Worker has no such binding), or the
   * URL. Throwing means the function could not be reached; an error named "TimeoutError" means it
   * timed out.
   */
  fetch(target: LambdaTarget, body: string): Promise<Response>;
  now(): number;
  /** How long one invocation may take; 5 minutes, Firehose's limit, when not given (tests shorten it). */
  invocationTimeoutMs?: number;
}

export interface InvocationContext {
  deliveryStreamArn: string;
  region: string;
  sourceKinesisStreamArn?: string;
}

export type LambdaOutcome =
  | { result: "Ok"; data: Uint8Array; partitionKeys: Record<string, string> }
  | { result: "Dropped" }
  | { result: "ProcessingFailed"; failure: Failure; attempts: number };

const encoder = new TextEncoder();

interface EventRecord {
  recordId: string;
  approximateArrivalTimestamp: number;
  data: string;
  kinesisRecordMetadata?: {
    shardId: string;
    partitionKey: string;
    approximateArrivalTimestamp: number;
    sequenceNumber: string;
    subsequenceNumber: number;
  };
}

function eventRecord(record: WorkingRecord): EventRecord {
  const entry: EventRecord = { recordId: record.recordId, approximateArrivalTimestamp: record.arrivalMs, data: record.data.toBase64() };
  if (record.kinesis) {
    entry.kinesisRecordMetadata = {
      shardId: record.kinesis.shardId,
      partitionKey: record.kinesis.partitionKey,
      approximateArrivalTimestamp: record.kinesis.approximateArrivalMs,
      sequenceNumber: record.kinesis.sequenceNumber,
      subsequenceNumber: record.kinesis.subsequenceNumber,
    };
  }
  return entry;
}

function requestBody(context: InvocationContext, records: EventRecord[]): string {
  const event: Record<string, unknown> = {
    invocationId: crypto.randomUUID(),
    deliveryStreamArn: context.deliveryStreamArn,
    region: context.region,
  };
  if (context.sourceKinesisStreamArn !== undefined) event.sourceKinesisStreamArn = context.sourceKinesisStreamArn;
  event.records = records;
  return JSON.stringify(event);
}

/** Splits the records into invocations by BufferSizeInMBs and the 6 MB request limit. */
function batches(records: WorkingRecord[], entries: EventRecord[], context: InvocationContext, bufferBytes: number): number[][] {
  // The envelope's size with a 36-character invocationId and no records.
  const envelope = encoder.encode(requestBody(context, [])).length;
  const out: number[][] = [];
  let current: number[] = [];
  let dataBytes = 0;
  let requestBytes = envelope;
  records.forEach((record, i) => {
    const entryBytes = encoder.encode(JSON.stringify(entries[i])).length + 1;
    const fits = dataBytes + record.data.length <= bufferBytes && requestBytes + entryBytes <= PROCESSING.maxInvocationPayloadBytes;
    if (current.length > 0 && !fits) {
      out.push(current);
      current = [];
      dataBytes = 0;
      requestBytes = envelope;
    }
    current.push(i);
    dataBytes += record.data.length;
    requestBytes += entryBytes;
  });
  if (current.length > 0) out.push(current);
  return out;
}

type Attempt = { ok: true; text: string } | { ok: false; failure: Failure };

async function attempt(target: LambdaTarget, body: string, env: ProcessingEnv): Promise<Attempt> {
  const result = await callWithin(
    () => env.fetch(target, body),
    env.invocationTimeoutMs ?? PROCESSING.invocationTimeoutMs,
    PROCESSING.maxInvocationPayloadBytes,
  );
  return result.ok ? result : { ok: false, failure: LAMBDA_FAILURES[result.failure] };
}

function lambdaKeys(metadata: unknown): Record<string, string> {
  const keys: Record<string, string> = {};
  if (typeof metadata !== "object" || metadata === null) return keys;
  const partitionKeys = (metadata as { partitionKeys?: unknown }).partitionKeys;
  if (typeof partitionKeys !== "object" || partitionKeys === null || Array.isArray(partitionKeys)) return keys;
  for (const [key, value] of Object.entries(partitionKeys)) {
    if (typeof value === "string") keys[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") keys[key] = String(value);
  }
  return keys;
}

function decodeBase64(data: unknown): Uint8Array | undefined {
  if (typeof data !== "string") return undefined;
  try {
    return Uint8Array.fromBase64(data);
  } catch {
    return undefined;
  }
}

/** The outcome of each record from the function's answer. */
function readAnswer(text: string, sent: WorkingRecord[], attempts: number): LambdaOutcome[] {
  const failAll = (failure: Failure) => sent.map((): LambdaOutcome => ({ result: "ProcessingFailed", failure, attempts }));
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return failAll(LAMBDA_FAILURES.jsonProcessing);
  }
  const entries = typeof answer === "object" && answer !== null && Array.isArray((answer as { records?: unknown }).records)
    ? ((answer as { records: unknown[] }).records)
    : [];
  const ids = new Set(sent.map((record) => record.recordId));
  const returned = new Map<string, Record<string, unknown>>();
  const duplicated = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
    const fields = entry as Record<string, unknown>;
    const id = fields.recordId;
    if (typeof id !== "string" || !ids.has(id)) continue;
    if (returned.has(id)) duplicated.add(id);
    else returned.set(id, fields);
  }
  return sent.map((record): LambdaOutcome => {
    const fail = (failure: Failure): LambdaOutcome => ({ result: "ProcessingFailed", failure, attempts });
    if (duplicated.has(record.recordId)) return fail(LAMBDA_FAILURES.duplicatedRecordId);
    const fields = returned.get(record.recordId);
    if (!fields) return fail(LAMBDA_FAILURES.missingRecordId);
    switch (fields.result) {
      case "Ok": {
        const data = decodeBase64(fields.data);
        return data ? { result: "Ok", data, partitionKeys: lambdaKeys(fields.metadata) } : fail(LAMBDA_FAILURES.invalidOutput);
      }
      case "Dropped":
        return { result: "Dropped" };
      case "ProcessingFailed":
        return fail(LAMBDA_FAILURES.processingFailedStatus);
      default:
        return fail(LAMBDA_FAILURES.invalidOutput);
    }
  });
}

/** Runs `records` through the function `plan` names; the outcomes come in the records' order. */
export async function invokeLambda(
  plan: LambdaPlan & { target: LambdaTarget },
  records: WorkingRecord[],
  context: InvocationContext,
  env: ProcessingEnv,
): Promise<LambdaOutcome[]> {
  const entries = records.map(eventRecord);
  const outcomes: LambdaOutcome[] = new Array<LambdaOutcome>(records.length);
  for (const batch of batches(records, entries, context, plan.bufferBytes)) {
    const sent = batch.map((i) => records[i] as WorkingRecord);
    const sentEntries = batch.map((i) => entries[i] as EventRecord);
    const attempts = plan.retries + 1;
    let results: LambdaOutcome[] | undefined;
    let lastFailure: Failure = LAMBDA_FAILURES.functionError;
    for (let n = 1; n <= attempts && !results; n++) {
      const answer = await attempt(plan.target, requestBody(context, sentEntries), env);
      if (answer.ok) results = readAnswer(answer.text, sent, n);
      else lastFailure = answer.failure;
    }
    const final = results ?? sent.map((): LambdaOutcome => ({ result: "ProcessingFailed", failure: lastFailure, attempts }));
    batch.forEach((i, j) => {
      outcomes[i] = final[j] as LambdaOutcome;
    });
  }
  return outcomes;
}
