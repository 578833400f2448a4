/**
 * Writing records: each goes to the open shard whose hash key range holds its key, and each shard
 * takes its group in one transaction. When a reshard closed a shard after this isolate looked the
 * stream up, that shard refuses and its group is routed again with a fresh view of the stream.
 */
import { AwsError } from "../aws/errors";
import type { RequestContext } from "../aws/protocol";
import { shardIdOf } from "./ids";
import { forgetStream, fromShard, writableStream } from "./locate";
import { hashKeyOf, shardFor, soleOpenShard, type RecordInput } from "./routing";
import { SHARD_CLOSED, type WriteCall } from "./shard";
import { shardStub } from "../objects";

export type WriteResult = { SequenceNumber: string; ShardId: string } | { ErrorCode: string; ErrorMessage: string };

const INTERNAL_FAILURE = { ErrorCode: "InternalFailure", ErrorMessage: "Internal service failure." } as const;

export const THROTTLED = "ProvisionedThroughputExceededException";

function throttled(context: RequestContext, streamName: string, shardIndex: number): WriteResult {
  return {
    ErrorCode: THROTTLED,
    ErrorMessage: `Rate exceeded for shard ${shardIdOf(shardIndex)} in stream ${streamName} under account ${context.scope.account}.`,
  };
}

/** Each record's result, and whether the records were stored encrypted (answered as EncryptionType KMS). */
export interface WriteOutcome {
  results: WriteResult[];
  encrypted: boolean;
}

/**
 * The records at `positions` as the shard takes them. Their data are views into a few buffers shared
 * by the request's records (aws/validate.ts), so that the RPC copies a few buffers rather than one
 * per record; a shard given only some of the records gets its own data packed into one buffer, not
 * every buffer the request's records share.
 */
function shardBatch(records: readonly RecordInput[], positions: readonly number[]): { partitionKey: string; data: Uint8Array }[] {
  const chosen = positions.map((position) => records[position] as RecordInput);
  if (positions.length === records.length) return chosen.map((record) => ({ partitionKey: record.PartitionKey, data: record.Data }));
  let total = 0;
  for (const record of chosen) total += record.Data.byteLength;
  const packed = new Uint8Array(total);
  let offset = 0;
  return chosen.map((record) => {
    const data = packed.subarray(offset, offset + record.Data.byteLength);
    data.set(record.Data);
    offset += record.Data.byteLength;
    return { partitionKey: record.PartitionKey, data };
  });
}

/** Routing attempts before a record counts as failed; each retry follows one more reshard. */
const ATTEMPTS = 3;

/**
 * `call` names the operation and when its handler started: the shards count it in their metrics.
 * `authorizeAndCheck` runs once the stream is known and before any record is written: it refuses
 * the caller (its resource policy) or the records (their sizes against the stream's limit) by throwing.
 */
export async function writeRecords(
  context: RequestContext,
  streamName: string,
  records: readonly RecordInput[],
  call: WriteCall,
  authorizeAndCheck: (stream: Awaited<ReturnType<typeof writableStream>>) => void,
): Promise<WriteOutcome> {
  let stream = await writableStream(context, streamName);
  authorizeAndCheck(stream);
  // Explicit hash keys are checked (and refused) before anything is written; partition keys are
  // hashed only when a record has to be routed among several shards.
  const hashKeys = records.map((record) => (record.ExplicitHashKey === undefined ? undefined : hashKeyOf(record)));
  const hashKey = (position: number): bigint => (hashKeys[position] ??= hashKeyOf(records[position] as RecordInput));
  const results: WriteResult[] = new Array<WriteResult>(records.length).fill(INTERNAL_FAILURE);
  let pending = records.map((_, position) => position);
  let encrypted = false;

  for (let attempt = 0; attempt < ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 0) {
      forgetStream(context, streamName);
      stream = await writableStream(context, streamName);
    }
    const groups = new Map<number, number[]>();
    const sole = soleOpenShard(stream);
    for (const position of pending) {
      const index = (sole ?? shardFor(stream, hashKey(position))).index;
      const group = groups.get(index);
      if (group) group.push(position);
      else groups.set(index, [position]);
    }
    const rerouted: number[] = [];
    const current = stream;
    await Promise.all(
      [...groups].map(async ([shardIndex, positions]) => {
        const batch = shardBatch(records, positions);
        try {
          const outcome = await shardStub(context.env, current.id, shardIndex).append(batch, call);
          if (!outcome.ok && outcome.error.type === SHARD_CLOSED) {
            rerouted.push(...positions);
            return;
          }
          const { sequenceNumbers, encrypted: sealed } = fromShard(context, current, shardIndex, outcome);
          if (sealed) encrypted = true;
          const shardId = shardIdOf(shardIndex);
          positions.forEach((position, i) => {
            const sequenceNumber = sequenceNumbers[i];
            // The shard took a prefix of its group; the rest went over its write limit.
            results[position] =
              sequenceNumber === undefined ? throttled(context, streamName, shardIndex) : { SequenceNumber: sequenceNumber, ShardId: shardId };
          });
        } catch (error) {
          if (error instanceof AwsError) throw error;
          // The shard could not take them: those records failed; the rest of the request stands.
          console.error(`shard ${shardIndex} of ${streamName} failed to append`, error);
        }
      }),
    );
    pending = rerouted;
  }
  return { results, encrypted };
}
