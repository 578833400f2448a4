/** How streams and shards are shown on the wire (DescribeStream, ListShards, ListStreams). */
import { shardIdOf } from "./ids";
import type { ShardRow } from "./registry-store";
import type { StreamView } from "./registry";
import { formatSequenceNumber } from "./sequence";
import type { Shard, StreamDescriptionSummary, StreamSummary } from "./shapes.generated";

function sequenceNumberOf(shard: ShardRow, counter: number, arrivalMs: number): string {
  const createdSeconds = Math.floor(shard.sequenceCreatedMs / 1000);
  return formatSequenceNumber({ createdSeconds, shardIndex: shard.index, counter, arrivalSeconds: Math.floor(arrivalMs / 1000) });
}

/**
 * A closed shard's EndingSequenceNumber is its last record's number (its shard object told the
 * registry when that record arrived; shards closed before it did so carry their closing time). A
 * shard closed empty ends where it starts.
 */
function endingArrivalMs(shard: ShardRow): number {
  if (shard.endingCounter === 0) return shard.sequenceCreatedMs;
  return shard.endingArrivalMs ?? shard.closedMs ?? shard.sequenceCreatedMs;
}

export function shardDescription(_stream: StreamView, shard: ShardRow): Shard {
  return {
    ShardId: shardIdOf(shard.index),
    ...(shard.parentIndex !== null && { ParentShardId: shardIdOf(shard.parentIndex) }),
    ...(shard.adjacentParentIndex !== null && { AdjacentParentShardId: shardIdOf(shard.adjacentParentIndex) }),
    HashKeyRange: { StartingHashKey: shard.startHash, EndingHashKey: shard.endHash },
    SequenceNumberRange: {
      // A shard's range starts at position 0, "arriving" when the shard was created.
      StartingSequenceNumber: sequenceNumberOf(shard, 0, shard.sequenceCreatedMs),
      ...(shard.endingCounter !== null && {
        EndingSequenceNumber: sequenceNumberOf(shard, shard.endingCounter, endingArrivalMs(shard)),
      }),
    },
  };
}

export function streamSummary(stream: StreamView): Required<StreamSummary> {
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    StreamStatus: stream.status,
    StreamModeDetails: { StreamMode: stream.mode },
    StreamCreationTimestamp: new Date(stream.createdMs),
  };
}

/** EnhancedMonitoring and encryption, as DescribeStream and DescribeStreamSummary show them. */
export function streamProtection(stream: StreamView): Pick<StreamDescriptionSummary, "EnhancedMonitoring" | "EncryptionType" | "KeyId"> {
  return {
    EnhancedMonitoring: [{ ShardLevelMetrics: stream.shardLevelMetrics ?? [] }],
    EncryptionType: stream.encryptionKeyId ? "KMS" : "NONE",
    ...(stream.encryptionKeyId && { KeyId: stream.encryptionKeyId }),
  };
}

/** Shards whose records are still within retention, the ones AWS lists. */
export function retainedShards(stream: StreamView, now: number): ShardRow[] {
  const horizon = now - stream.retentionHours * 3_600_000;
  return stream.shards.filter((shard) => shard.closedMs === null || shard.closedMs > horizon);
}
