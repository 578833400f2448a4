/**
 * The 128-bit hash key space: partition keys map to it by MD5, shards own contiguous ranges of it.
 */
import { KINESIS } from "../limits";

export interface HashRange {
  start: bigint;
  end: bigint;
}

/** The hash key of a partition key: its MD5 digest read as an unsigned big-endian integer. */
export async function partitionKeyHash(partitionKey: string): Promise<bigint> {
  const digest = new Uint8Array(await crypto.subtle.digest("MD5", new TextEncoder().encode(partitionKey)));
  let value = 0n;
  for (const byte of digest) value = (value << 8n) | BigInt(byte);
  return value;
}

/** Splits the key space evenly into `count` ranges, as AWS does for a new stream (the last absorbs the rest). */
export function evenHashRanges(count: number): HashRange[] {
  const size = (KINESIS.maxHashKey + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => ({
    start: size * BigInt(i),
    end: i === count - 1 ? KINESIS.maxHashKey : size * BigInt(i + 1) - 1n,
  }));
}

export function inRange(range: HashRange, key: bigint): boolean {
  return key >= range.start && key <= range.end;
}
