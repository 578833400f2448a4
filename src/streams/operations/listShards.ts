import { InvalidArgumentException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { describeStream, shardIndexNamed, streamNameOf } from "../locate";
import type { ShardRow } from "../registry-store";
import type { StreamView } from "../registry";
import type { ListShardsInput, ListShardsOutput, ShardFilter } from "../shapes.generated";
import { decodeNextToken, encodeNextToken } from "../tokens";
import { shardDescription } from "../views";

const DEFAULT_MAX_RESULTS = 1000;

export async function listShards(input: ListShardsInput, context: RequestContext): Promise<ListShardsOutput> {
  const now = context.clock.now();
  let name: string;
  let afterIndex = -1;
  let filter = input.ShardFilter;
  if (input.NextToken !== undefined) {
    if (input.StreamName !== undefined || input.StreamARN !== undefined) {
      throw new InvalidArgumentException("NextToken and StreamName cannot be provided together.");
    }
    const state = decodeNextToken(input.NextToken, now);
    name = String(state.stream);
    afterIndex = Number(state.after);
    filter = state.filter as ShardFilter | undefined;
    if (filter?.Timestamp !== undefined) filter = { ...filter, Timestamp: new Date(Number(filter.Timestamp)) };
  } else {
    if (input.StreamName === undefined && input.StreamARN === undefined) {
      throw new InvalidArgumentException("Either NextToken or StreamName should be provided.");
    }
    name = streamNameOf(input, context);
    // A shard id is a position: the shard it names need not exist (it may have expired).
    if (input.ExclusiveStartShardId !== undefined) afterIndex = shardIndexNamed(context, name, input.ExclusiveStartShardId);
    if (filter?.ShardId !== undefined) shardIndexNamed(context, name, filter.ShardId);
  }
  const stream = await describeStream(context, name);
  if (input.StreamCreationTimestamp !== undefined && Math.floor(input.StreamCreationTimestamp.getTime() / 1000) !== Math.floor(stream.createdMs / 1000)) {
    throw new InvalidArgumentException(
      `StreamCreationTimestamp ${input.StreamCreationTimestamp.getTime() / 1000} does not match the creation time of stream ${name}.`,
    );
  }
  const shards = selectShards(context, stream, filter, now).filter((shard) => shard.index > afterIndex);
  const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
  const page = shards.slice(0, limit);
  const last = page.at(-1);
  const wireFilter = filter && { ...filter, Timestamp: filter.Timestamp?.getTime() };
  return {
    Shards: page.map((shard) => shardDescription(stream, shard)),
    ...(shards.length > limit && last && { NextToken: encodeNextToken({ stream: name, after: last.index, filter: wireFilter }, now) }),
  };
}

/** The shards a ShardFilter asks for; without one, every shard still within retention. */
function selectShards(context: RequestContext, stream: StreamView, filter: ShardFilter | undefined, now: number): ShardRow[] {
  const horizon = Math.max(stream.createdMs, now - stream.retentionHours * 3_600_000);
  const openAt = (time: number) => (shard: ShardRow) => shard.createdMs <= time && (shard.closedMs === null || shard.closedMs > time);
  const openSince = (time: number) => (shard: ShardRow) => shard.closedMs === null || shard.closedMs > time;
  if (!filter) return stream.shards.filter(openSince(horizon));
  switch (filter.Type) {
    case "AFTER_SHARD_ID": {
      if (filter.ShardId === undefined) {
        throw new InvalidArgumentException("ShardId must be provided for ShardFilterType AFTER_SHARD_ID.");
      }
      const after = shardIndexNamed(context, stream.name, filter.ShardId);
      return stream.shards.filter(openSince(horizon)).filter((shard) => shard.index > after);
    }
    case "AT_TRIM_HORIZON":
      return stream.shards.filter(openAt(horizon));
    case "FROM_TRIM_HORIZON":
      return stream.shards.filter(openSince(horizon));
    case "AT_LATEST":
      return stream.shards.filter((shard) => shard.closedMs === null);
    case "AT_TIMESTAMP":
    case "FROM_TIMESTAMP": {
      if (filter.Timestamp === undefined) {
        throw new InvalidArgumentException(`Timestamp must be provided for ShardFilterType ${filter.Type}.`);
      }
      const time = Math.max(filter.Timestamp.getTime(), stream.createdMs);
      return stream.shards.filter(filter.Type === "AT_TIMESTAMP" ? openAt(time) : openSince(time));
    }
  }
}
