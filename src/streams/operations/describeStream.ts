import type { RequestContext } from "../../aws/protocol";
import { shardIndexOf } from "../ids";
import { describeStream as lookUp, streamNameOf } from "../locate";
import type { DescribeStreamInput, DescribeStreamOutput } from "../shapes.generated";
import { retainedShards, shardDescription, streamProtection, streamSummary } from "../views";

/** AWS answers 100 shards per call by default, and never more, whatever the Limit (which may be up to 10000). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;

export async function describeStream(input: DescribeStreamInput, context: RequestContext): Promise<DescribeStreamOutput> {
  const stream = await lookUp(context, streamNameOf(input, context));
  // Any spelling of a shard id starts after that shard (see shardIndexOf); one that names no shard, at the start.
  const start = input.ExclusiveStartShardId === undefined ? -1 : (shardIndexOf(input.ExclusiveStartShardId) ?? -1);
  // AWS lists no shards while a stream is being created or deleted.
  const listed = stream.status === "CREATING" || stream.status === "DELETING" ? [] : retainedShards(stream, context.clock.now());
  const shards = listed.filter((shard) => shard.index > start);
  const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  return {
    StreamDescription: {
      ...streamSummary(stream),
      Shards: shards.slice(0, limit).map((shard) => shardDescription(stream, shard)),
      HasMoreShards: shards.length > limit,
      RetentionPeriodHours: stream.retentionHours,
      ...streamProtection(stream),
    },
  };
}
