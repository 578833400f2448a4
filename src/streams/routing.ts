/** Which shard a record goes to, and the checks on records that AWS makes before storing any. */
import { InvalidArgumentException } from "../aws/errors";
import { KINESIS } from "../limits";
import { partitionKeyHash } from "./hashing";
import { recordSize } from "./record-size";
import type { ShardRow } from "./registry-store";
import type { StreamView } from "./registry";

export interface RecordInput {
  Data: Uint8Array;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

/** The record's size (record-size.ts), once it is known to be within the stream's limit. */
export function checkRecordSize(stream: StreamView, record: RecordInput): number {
  const size = recordSize(record.PartitionKey, record.Data);
  if (size > stream.maxRecordSizeKiB * 1024) {
    throw new InvalidArgumentException(`Record size exceeds ${stream.maxRecordSizeKiB / 1024} MB limit`);
  }
  return size;
}

export function hashKeyOf(record: RecordInput): bigint {
  if (record.ExplicitHashKey === undefined) return partitionKeyHash(record.PartitionKey);
  const key = BigInt(record.ExplicitHashKey);
  if (key > KINESIS.maxHashKey) {
    throw new InvalidArgumentException(
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${record.ExplicitHashKey}`,
    );
  }
  return key;
}

/** A stream's open shards with their ranges as numbers, parsed once per view of the stream. */
const openRanges = new WeakMap<StreamView, { shard: ShardRow; start: bigint; end: bigint }[]>();

/**
 * The open shard whose hash key range holds `hashKey`; the open shards always cover the whole space.
 * The ranges are parsed once per view (views are cached, see locate.ts), not once per record.
 */
export function shardFor(stream: StreamView, hashKey: bigint): ShardRow {
  const range = rangesOf(stream).find((candidate) => candidate.start <= hashKey && hashKey <= candidate.end);
  if (!range) throw new Error(`no open shard of ${stream.name} holds hash key ${hashKey}`);
  return range.shard;
}

/**
 * The stream's one open shard, when it has only one: it holds every hash key, so its records need
 * no hashing to be routed (MD5 of every partition key was a tenth of a PutRecords' CPU).
 */
export function soleOpenShard(stream: StreamView): ShardRow | undefined {
  const ranges = rangesOf(stream);
  return ranges.length === 1 ? ranges[0]?.shard : undefined;
}

function rangesOf(stream: StreamView): { shard: ShardRow; start: bigint; end: bigint }[] {
  let ranges = openRanges.get(stream);
  if (!ranges) {
    ranges = stream.shards
      .filter((candidate) => candidate.closedMs === null)
      .map((shard) => ({ shard, start: BigInt(shard.startHash), end: BigInt(shard.endHash) }));
    openRanges.set(stream, ranges);
  }
  return ranges;
}
