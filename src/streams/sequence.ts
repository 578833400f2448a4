/**
 * Sequence numbers: decimal strings that grow strictly within a shard and compare numerically.
 *
 *   "49" + stream creation time (10 digits, seconds) + shard index (12 digits) + counter (24 digits)
 *
 * The counter is the record's position in its shard's log (1, 2, ...); counter 0 is the shard's
 * StartingSequenceNumber. Embedding the stream's creation time and the shard index lets a sequence
 * number be traced back to the shard it came from, as AWS's error messages require.
 */
const PREFIX = "49";
const TIME_DIGITS = 10;
const SHARD_DIGITS = 12;
const COUNTER_DIGITS = 24;
const LENGTH = PREFIX.length + TIME_DIGITS + SHARD_DIGITS + COUNTER_DIGITS;

export interface SequenceParts {
  streamCreatedSeconds: number;
  shardIndex: number;
  counter: number;
}

export function formatSequenceNumber(parts: SequenceParts): string {
  return (
    PREFIX +
    String(parts.streamCreatedSeconds).padStart(TIME_DIGITS, "0") +
    String(parts.shardIndex).padStart(SHARD_DIGITS, "0") +
    String(parts.counter).padStart(COUNTER_DIGITS, "0")
  );
}

/** The parts of one of our sequence numbers, or undefined when the string is not one. */
export function parseSequenceNumber(value: string): SequenceParts | undefined {
  if (value.length !== LENGTH || !value.startsWith(PREFIX) || !/^\d+$/.test(value)) return undefined;
  let at = PREFIX.length;
  const streamCreatedSeconds = Number(value.slice(at, (at += TIME_DIGITS)));
  const shardIndex = Number(value.slice(at, (at += SHARD_DIGITS)));
  const counter = Number(value.slice(at, (at += COUNTER_DIGITS)));
  if (!Number.isSafeInteger(counter)) return undefined;
  return { streamCreatedSeconds, shardIndex, counter };
}
