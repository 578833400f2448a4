/** A record on its way through the chain, and how it leaves it. */
import type { ProcessedRecord } from "../records";
import type { Failure } from "./failures";

export interface WorkingRecord {
  recordId: string;
  arrivalMs: number;
  /** The data as the chain has made it so far. */
  data: Uint8Array;
  /**
   * What the error output keeps if the record fails: the data as it entered the chain (compressed,
   * for a record Decompression opened, as AWS delivers it), or a sub-record's own bytes.
   */
  original: Uint8Array;
  kinesis?: { partitionKey: string; sequenceNumber: string; shardId: string; approximateArrivalMs: number; subsequenceNumber: number };
  /** From the transformation function's metadata.partitionKeys. */
  lambdaKeys: Record<string, string>;
}

/** Either still in the chain, or finished (dropped or failed on the way). */
export type Item = { record: WorkingRecord } | { done: ProcessedRecord };

const NO_KEYS = () => ({ query: {}, lambda: {} });

export function failed(record: WorkingRecord, failure: Failure, attempts = 1, lambdaArn?: string): ProcessedRecord {
  return {
    recordId: record.recordId,
    arrivalMs: record.arrivalMs,
    result: "ProcessingFailed",
    data: record.original,
    partitionKeys: NO_KEYS(),
    error: lambdaArn === undefined ? { code: failure.code, message: failure.message, attempts } : { code: failure.code, message: failure.message, lambdaArn, attempts },
  };
}

export function dropped(record: WorkingRecord): ProcessedRecord {
  return { recordId: record.recordId, arrivalMs: record.arrivalMs, result: "Dropped", data: record.original, partitionKeys: NO_KEYS() };
}

/**
 * A sub-record cut out of `parent` (KPL, JSON or DELIMITED de-aggregation). Its id is the parent's
 * with `.<n>` appended, n counting from 0 in the order of the parent's data, so ids stay unique,
 * stable across retries of the same data, and show where the record came from (`id.2.0` is the
 * first JSON object of the third KPL user record of `id`).
 */
export function child(parent: WorkingRecord, n: number, data: Uint8Array, kinesis?: WorkingRecord["kinesis"]): WorkingRecord {
  const record: WorkingRecord = { recordId: `${parent.recordId}.${n}`, arrivalMs: parent.arrivalMs, data, original: data, lambdaKeys: {} };
  const source = kinesis ?? parent.kinesis;
  if (source) record.kinesis = source;
  return record;
}
