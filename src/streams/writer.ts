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
import { SHARD_CLOSED, type RecordBatch, type WriteCall } from "./shard";
import { formatSequenceNumbers } from "./sequence";
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

/** The records at `positions` as the shard takes them (see RecordBatch): keys in one string, data in one buffer. */
function shardBatch(records: readonly RecordInput[], positions: readonly number[]): RecordBatch {
  const keys = new Array<string>(positions.length);
  const keyEnds = new Uint32Array(positions.length);
  const dataEnds = new Uint32Array(positions.length);
  let keyLength = 0;
  let dataLength = 0;
  positions.forEach((position, i) => {
    const record = records[position] as RecordInput;
    keys[i] = record.PartitionKey;
    keyLength += record.PartitionKey.length;
    dataLength += record.Data.byteLength;
    keyEnds[i] = keyLength;
    dataEnds[i] = dataLength;
  });
  const data = new Uint8Array(dataLength);
  let offset = 0;
  for (const position of positions) {
    const bytes = (records[position] as RecordInput).Data;
    data.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return { keys: keys.join(""), keyEnds, data, dataEnds };
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
          const appended = fromShard(context, current, shardIndex, outcome);
          if (appended.encrypted) encrypted = true;
          const sequenceNumbers = formatSequenceNumbers(
            { createdSeconds: appended.createdSeconds, shardIndex: appended.shardIndex, arrivalSeconds: Math.floor(appended.arrivalMs / 1000) },
            appended.first,
            appended.taken,
          );
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
