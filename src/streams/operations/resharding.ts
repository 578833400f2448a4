/** SplitShard, MergeShards and UpdateShardCount: the registry plans and carries them out. */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import { streamArn } from "../ids";
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
  unwrap(
    await registryFor(context.env, context.scope).splitShard(context.scope, name, input.ShardToSplit, input.NewStartingHashKey),
  );
  forgetStream(context, name);
}

export async function mergeShards(input: MergeShardsInput, context: RequestContext): Promise<MergeShardsOutput> {
  const name = streamNameOf(input, context);
  unwrap(
    await registryFor(context.env, context.scope).mergeShards(context.scope, name, input.ShardToMerge, input.AdjacentShardToMerge),
  );
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
