/**
 * The processing chain, in the order Firehose applies its processors whatever their order in the
 * configuration ("deaggregation → data transformation via Lambda → partitioning keys",
 * dynamic-partitioning-multirecord-deaggergation.html; decompression comes first since the
 * processors after it read what it opens, decomp-faq.html):
 *
 *   KPL de-aggregation (every record read from a Kinesis stream, processing or not: Firehose
 *     de-aggregates KPL records "before it delivers them to the destination" and before Lambda,
 *     basic-deliver.html; also any record with RecordDeAggregation SubRecordType KPL)
 *   → Decompression → CloudWatchLogProcessing → RecordDeAggregation (JSON, DELIMITED)
 *   → Lambda (a function, or JSONata) → MetadataExtraction (with dynamic partitioning)
 *   → AppendDelimiterToRecord.
 *
 * Every source record leaves as at least one processed record: itself (Ok, Dropped or
 * ProcessingFailed), or the sub-records de-aggregation cut it into (ids `<parent id>.<n>`, see
 * working-record.ts). A record failing in one step leaves the chain there, with the data it
 * entered the chain with. Without processing (no ProcessingConfiguration, or Enabled not true)
 * records pass as they are, Ok, with no partition keys.
 */
import { concatBytes } from "../../bytes";
import type { ProcessedRecord, SourceRecord } from "../records";
import { CloudWatchLogsError, extractMessages } from "./cloudwatch-logs";
import { type ProcessingPlan, type ProcessingSettings, planProcessing } from "./config";
import { DeaggregationError, splitDelimited, splitJson } from "./deaggregate";
import { gunzip } from "./decompress";
import { PREPROCESSING_FAILURES } from "./failures";
import { applyJsonata } from "./jsonata-processor";
import { KplError, deaggregateKpl, isKplAggregated } from "./kpl";
import { type InvocationContext, type LambdaOutcome, type ProcessingEnv, invokeLambda } from "./lambda";
import { extractKeys } from "./partition-keys";
import { type Item, type WorkingRecord, child, dropped, failed } from "./working-record";

export interface ProcessingInput extends ProcessingSettings, InvocationContext {}

function working(source: SourceRecord): WorkingRecord {
  const record: WorkingRecord = { recordId: source.recordId, arrivalMs: source.arrivalMs, data: source.data, original: source.data, lambdaKeys: {} };
  if (source.kinesis) record.kinesis = { ...source.kinesis, subsequenceNumber: 0 };
  return record;
}

/** Applies `step` to each record still in the chain; a step answers the items that replace it. */
async function each(items: Item[], step: (record: WorkingRecord) => Promise<Item[]> | Item[]): Promise<Item[]> {
  const out: Item[] = [];
  for (const item of items) {
    if ("done" in item) out.push(item);
    else out.push(...(await step(item.record)));
  }
  return out;
}

async function kpl(record: WorkingRecord): Promise<Item[]> {
  if (!isKplAggregated(record.data)) return [{ record }];
  try {
    const users = await deaggregateKpl(record.data);
    return users.map((user, n) => ({
      record: child(record, n, user.data, record.kinesis && { ...record.kinesis, partitionKey: user.partitionKey, subsequenceNumber: n }),
    }));
  } catch (error) {
    if (error instanceof KplError) return [{ done: failed(record, PREPROCESSING_FAILURES.kpl(error.message)) }];
    throw error;
  }
}

async function decompress(record: WorkingRecord): Promise<Item[]> {
  try {
    return [{ record: { ...record, data: await gunzip(record.data) } }];
  } catch (error) {
    return [{ done: failed(record, PREPROCESSING_FAILURES.decompression(error instanceof Error ? error.message : String(error))) }];
  }
}

function cloudWatchLogs(record: WorkingRecord): Item[] {
  try {
    const messages = extractMessages(record.data);
    return messages === undefined ? [{ done: dropped(record) }] : [{ record: { ...record, data: messages } }];
  } catch (error) {
    if (error instanceof CloudWatchLogsError) return [{ done: failed(record, PREPROCESSING_FAILURES.cloudWatchLogs(error.message)) }];
    throw error;
  }
}

function deaggregate(record: WorkingRecord, delimiter: Uint8Array | undefined): Item[] {
  let pieces: Uint8Array[] | undefined;
  try {
    pieces = delimiter ? splitDelimited(record.data, delimiter) : splitJson(record.data);
  } catch (error) {
    if (error instanceof DeaggregationError) return [{ done: failed(record, PREPROCESSING_FAILURES.json(error.message)) }];
    throw error;
  }
  if (pieces === undefined) return [{ record }]; // more than 500: passed whole
  if (pieces.length === 0) return [{ done: dropped(record) }]; // nothing but delimiters
  return pieces.map((data, n) => ({ record: child(record, n, data) }));
}

async function transform(items: Item[], plan: ProcessingPlan, input: ProcessingInput, env: ProcessingEnv): Promise<Item[]> {
  const lambda = plan.lambda;
  if (!lambda) return items;
  const records = items.flatMap((item) => ("record" in item ? [item.record] : []));
  const target = lambda.target;
  const outcomes: LambdaOutcome[] =
    target.kind === "jsonata"
      ? await applyJsonata(target.expression, records, () => env.now())
      : await invokeLambda({ ...lambda, target }, records, input, env);
  const byId = new Map(records.map((record, i) => [record.recordId, outcomes[i]]));
  return items.map((item): Item => {
    if ("done" in item) return item;
    const outcome = byId.get(item.record.recordId);
    if (!outcome || outcome.result === "Dropped") return { done: dropped(item.record) };
    if (outcome.result === "ProcessingFailed") return { done: failed(item.record, outcome.failure, outcome.attempts, lambda.arn) };
    return { record: { ...item.record, data: outcome.data, lambdaKeys: outcome.partitionKeys } };
  });
}

async function finish(record: WorkingRecord, plan: ProcessingPlan, env: ProcessingEnv): Promise<ProcessedRecord> {
  let query: Record<string, string> = {};
  if (plan.extraction && plan.dynamicPartitioning) {
    const extracted = await extractKeys(plan.extraction, record.data, () => env.now());
    if ("failure" in extracted) return failed(record, extracted.failure);
    query = extracted.keys;
  }
  const data = plan.appendDelimiter ? concatBytes([record.data, plan.appendDelimiter.delimiter]) : record.data;
  return {
    recordId: record.recordId,
    arrivalMs: record.arrivalMs,
    result: "Ok",
    data,
    partitionKeys: { query, lambda: plan.dynamicPartitioning ? record.lambdaKeys : {} },
  };
}

function passThrough(record: WorkingRecord): ProcessedRecord {
  return { recordId: record.recordId, arrivalMs: record.arrivalMs, result: "Ok", data: record.data, partitionKeys: { query: {}, lambda: {} } };
}

export async function processRecords(input: ProcessingInput, records: SourceRecord[], env: ProcessingEnv): Promise<ProcessedRecord[]> {
  const plan = planProcessing(input);
  let items: Item[] = records.map((source) => ({ record: working(source) }));
  items = await each(items, (record) => (record.kinesis || plan?.deaggregation?.kind === "KPL" ? kpl(record) : [{ record }]));
  if (!plan) return items.map((item) => ("done" in item ? item.done : passThrough(item.record)));

  if (plan.decompression) items = await each(items, decompress);
  if (plan.cloudWatchLogs?.extractMessages) items = await each(items, cloudWatchLogs);
  const deaggregation = plan.deaggregation;
  if (deaggregation && deaggregation.kind !== "KPL") {
    items = await each(items, (record) => deaggregate(record, deaggregation.kind === "DELIMITED" ? deaggregation.delimiter : undefined));
  }
  items = await transform(items, plan, input, env);
  const out: ProcessedRecord[] = [];
  for (const item of items) out.push("done" in item ? item.done : await finish(item.record, plan, env));
  return out;
}
