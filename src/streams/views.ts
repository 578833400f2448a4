/** How streams and shards are shown on the wire (DescribeStream, ListShards, ListStreams). */
import { shardIdOf } from "./ids";
import type { ShardRow } from "./registry-store";
import type { StreamView } from "./registry";
import { formatSequenceNumber } from "./sequence";
import type { Shard, StreamDescriptionSummary, StreamSummary } from "./shapes.generated";

function sequenceNumberOf(stream: Pick<StreamView, "createdMs">, shardIndex: number, counter: number): string {
  return formatSequenceNumber({ streamCreatedSeconds: Math.floor(stream.createdMs / 1000), shardIndex, counter });
}

export function shardDescription(stream: StreamView, shard: ShardRow): Shard {
  return {
    ShardId: shardIdOf(shard.index),
    ...(shard.parentIndex !== null && { ParentShardId: shardIdOf(shard.parentIndex) }),
    ...(shard.adjacentParentIndex !== null && { AdjacentParentShardId: shardIdOf(shard.adjacentParentIndex) }),
    HashKeyRange: { StartingHashKey: shard.startHash, EndingHashKey: shard.endHash },
    SequenceNumberRange: {
      StartingSequenceNumber: sequenceNumberOf(stream, shard.index, 0),
      ...(shard.endingCounter !== null && { EndingSequenceNumber: sequenceNumberOf(stream, shard.index, shard.endingCounter) }),
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
