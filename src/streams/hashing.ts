/**
 * The 128-bit hash key space: partition keys map to it by MD5, shards own contiguous ranges of it.
 */
import { KINESIS } from "../limits";
import { md5 } from "./md5";

export interface HashRange {
  start: bigint;
  end: bigint;
}

const encoder = new TextEncoder();

/** The hash key of a partition key: its MD5 digest read as an unsigned big-endian integer. */
export function partitionKeyHash(partitionKey: string): bigint {
  const digest = md5(encoder.encode(partitionKey));
  const view = new DataView(digest.buffer);
  return (view.getBigUint64(0) << 64n) | view.getBigUint64(8);
}

/** Splits the key space evenly into `count` ranges, as AWS does for a new stream (the last absorbs the rest). */
export function evenHashRanges(count: number): HashRange[] {
  const size = (KINESIS.maxHashKey + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => ({
    start: size * BigInt(i),
    end: i === count - 1 ? KINESIS.maxHashKey : size * BigInt(i + 1) - 1n,
  }));
}
