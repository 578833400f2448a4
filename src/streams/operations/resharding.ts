/** SplitShard, MergeShards and UpdateShardCount: the registry plans and carries them out. */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf, type StreamReference } from "../locate";
import { streamArn } from "../ids";
import { registryFor } from "../../objects";

export interface SplitShardInput extends StreamReference {
  ShardToSplit: string;
  NewStartingHashKey: string;
}

export interface MergeShardsInput extends StreamReference {
  ShardToMerge: string;
  AdjacentShardToMerge: string;
}

export interface UpdateShardCountInput extends StreamReference {
  TargetShardCount: number;
  ScalingType: "UNIFORM_SCALING";
}

export async function splitShard(input: SplitShardInput, context: RequestContext) {
  const name = streamNameOf(input, context);
  unwrap(
    await registryFor(context.env, context.scope).splitShard(context.scope, name, input.ShardToSplit, input.NewStartingHashKey),
  );
  forgetStream(context, name);
  return {};
}

export async function mergeShards(input: MergeShardsInput, context: RequestContext) {
  const name = streamNameOf(input, context);
  unwrap(
    await registryFor(context.env, context.scope).mergeShards(context.scope, name, input.ShardToMerge, input.AdjacentShardToMerge),
  );
  forgetStream(context, name);
  return {};
}

export async function updateShardCount(input: UpdateShardCountInput, context: RequestContext) {
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
