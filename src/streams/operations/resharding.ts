/**
 * SplitShard, MergeShards and UpdateShardCount: the registry plans and carries them out. Shards are
 * named to it in their canonical form, which its messages quote, as AWS's do.
 */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, shardIndexNamed, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import { shardIdOf, streamArn } from "../ids";
import type {
  MergeShardsInput,
  MergeShardsOutput,
  SplitShardInput,
  SplitShardOutput,
  UpdateShardCountInput,
  UpdateShardCountOutput,
} from "../shapes.generated";

export async function splitShard(input: SplitShardInput, context: RequestContext): Promise<SplitShardOutput> {
  const name = streamNameOf(input, context);
  const shardId = shardIdOf(shardIndexNamed(context, name, input.ShardToSplit));
  unwrap(await registryFor(context.env, context.scope).splitShard(context.scope, name, shardId, input.NewStartingHashKey));
  forgetStream(context, name);
}

export async function mergeShards(input: MergeShardsInput, context: RequestContext): Promise<MergeShardsOutput> {
  const name = streamNameOf(input, context);
  const shardId = shardIdOf(shardIndexNamed(context, name, input.ShardToMerge));
  const adjacentShardId = shardIdOf(shardIndexNamed(context, name, input.AdjacentShardToMerge));
  unwrap(await registryFor(context.env, context.scope).mergeShards(context.scope, name, shardId, adjacentShardId));
  forgetStream(context, name);
}

export async function updateShardCount(input: UpdateShardCountInput, context: RequestContext): Promise<UpdateShardCountOutput> {
  const name = streamNameOf(input, context);
  const { currentShardCount } = unwrap(
    await registryFor(context.env, context.scope).updateShardCount(context.scope, name, input.TargetShardCount),
  );
  forgetStream(context, name);
  return {
    StreamName: name,
    CurrentShardCount: currentShardCount,
    TargetShardCount: input.TargetShardCount,
    StreamARN: streamArn(context.scope.region, context.scope.account, name),
  };
}
