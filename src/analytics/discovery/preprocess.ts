/**
 * Discovery through an input processing Lambda: the sampled records go to the function with the
 * preprocessing contract of the SQL guide (lambda-preprocessing.md):
 *
 *   request  {invocationId, streamArn, records: [{recordId, data (base64),
 *             [kinesisStreamRecordMetadata: {shardId, partitionKey, sequenceNumber, approximateArrivalTimestamp}]}]}
 *   response {records: [{recordId, result: Ok | Dropped | ProcessingFailed, data (base64)}]}
 *
 * and the records it answers Ok are what the schema is discovered from (ProcessedInputRecords).
 * There is no application yet, so the event has no applicationArn. A function ARN names the service
 * binding of this Worker called like the function (functions/targets.ts), as everywhere in Rivulet.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { callFunction } from "../../functions/invoke";
import { functionNameOfArn, serviceTarget } from "../../functions/targets";
import type { Sample } from "./sample";

/** Why the function's answer cannot be used. */
export class PreprocessingFailed extends Error {}

function base64Text(value: unknown): Uint8Array | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return Uint8Array.fromBase64(value);
  } catch {
    return undefined;
  }
}

/** The data of the records the function answers Ok, in the order sent. */
export async function preprocess(env: Env, functionArn: string, sample: Sample): Promise<Uint8Array[]> {
  const name = functionNameOfArn(functionArn);
  const target = name === undefined ? undefined : serviceTarget(name, env);
  if (!target) throw new InvalidArgumentException(`Lambda function ${functionArn} not found: this deployment has no service binding ${name ?? functionArn}.`);
  const ids = sample.records.map((record, i) => record.kinesis?.sequenceNumber ?? String(i + 1));
  const event = {
    invocationId: crypto.randomUUID(),
    ...(sample.streamArn !== undefined && { streamArn: sample.streamArn }),
    records: sample.records.map((record, i) => ({
      recordId: ids[i],
      data: record.data.toBase64(),
      ...(record.kinesis && {
        kinesisStreamRecordMetadata: {
          shardId: record.kinesis.shardId,
          partitionKey: record.kinesis.partitionKey,
          sequenceNumber: record.kinesis.sequenceNumber,
          approximateArrivalTimestamp: record.kinesis.arrivalMs,
        },
      }),
    })),
  };
  let response: Response;
  try {
    response = await callFunction(target, JSON.stringify(event));
  } catch {
    throw new PreprocessingFailed(`Lambda function ${functionArn} could not be invoked.`);
  }
  const text = await response.text();
  if (!response.ok) throw new PreprocessingFailed(`Lambda function ${functionArn} failed with status ${response.status}.`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new PreprocessingFailed(`Lambda function ${functionArn} answered something other than JSON.`);
  }
  const entries = typeof answer === "object" && answer !== null && Array.isArray((answer as { records?: unknown }).records) ? (answer as { records: unknown[] }).records : [];
  const byId = new Map<string, Record<string, unknown>>();
  for (const entry of entries) {
    if (typeof entry === "object" && entry !== null && typeof (entry as { recordId?: unknown }).recordId === "string") {
      byId.set((entry as { recordId: string }).recordId, entry as Record<string, unknown>);
    }
  }
  const processed: Uint8Array[] = [];
  for (const id of ids) {
    const entry = id === undefined ? undefined : byId.get(id);
    if (!entry) throw new PreprocessingFailed(`Lambda function ${functionArn} did not return record ${id}.`);
    if (entry.result === "Dropped" || entry.result === "ProcessingFailed") continue;
    const data = entry.result === "Ok" ? base64Text(entry.data) : undefined;
    if (!data) throw new PreprocessingFailed(`Lambda function ${functionArn} returned record ${id} in an unexpected format.`);
    processed.push(data);
  }
  return processed;
}
