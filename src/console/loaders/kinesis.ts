/** The pages' reads of Kinesis, each an API operation run as the signed-in user (callAws). */
import { callAws } from "../api";
import type { ConsoleContext } from "../auth";
import type {
  Consumer,
  DescribeStreamSummaryOutput,
  ListShardsOutput,
  ListStreamConsumersOutput,
  Shard,
  StreamDescriptionSummary,
} from "../pages/kinesis-wire";

/** ListShards and ListStreamConsumers pages followed at most this far: a page shows at most 100,000 rows. */
const MAX_PAGES = 100;

export async function streamSummary(c: ConsoleContext, streamName: string): Promise<StreamDescriptionSummary> {
  return (await callAws<DescribeStreamSummaryOutput>(c, "kinesis", "DescribeStreamSummary", { StreamName: streamName }))
    .StreamDescriptionSummary;
}

/** Every shard AWS lists for the stream (open ones and closed ones still within retention). */
export async function allShards(c: ConsoleContext, streamName: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let page = await callAws<ListShardsOutput>(c, "kinesis", "ListShards", { StreamName: streamName });
  shards.push(...page.Shards);
  for (let i = 1; i < MAX_PAGES && page.NextToken !== undefined; i++) {
    page = await callAws<ListShardsOutput>(c, "kinesis", "ListShards", { NextToken: page.NextToken });
    shards.push(...page.Shards);
  }
  return shards;
}

export async function allConsumers(c: ConsoleContext, streamArn: string): Promise<Consumer[]> {
  const consumers: Consumer[] = [];
  let page = await callAws<ListStreamConsumersOutput>(c, "kinesis", "ListStreamConsumers", { StreamARN: streamArn });
  consumers.push(...page.Consumers);
  for (let i = 1; i < MAX_PAGES && page.NextToken !== undefined; i++) {
    page = await callAws<ListStreamConsumersOutput>(c, "kinesis", "ListStreamConsumers", { StreamARN: streamArn, NextToken: page.NextToken });
    consumers.push(...page.Consumers);
  }
  return consumers;
}

export function isOpen(shard: Shard): boolean {
  return shard.SequenceNumberRange.EndingSequenceNumber === undefined;
}

export function streamPath(streamName: string): string {
  return `/console/streams/${encodeURIComponent(streamName)}`;
}
