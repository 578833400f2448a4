/** The pages' reads of Kinesis, each an API operation run as the signed-in user (callAws). */
import { callAws } from "../api";
import type { ConsoleContext } from "../auth";
import type { JsonWire } from "../../aws/protocol";
import type {
  Consumer,
  DescribeStreamSummaryOutput,
  ListShardsOutput,
  ListStreamConsumersOutput,
  Shard,
  StreamDescriptionSummary,
  StreamMode,
} from "../../streams/shapes.generated";

/** ListShards and ListStreamConsumers pages followed at most this far: a page shows at most 100,000 rows. */
const MAX_PAGES = 100;

export async function streamSummary(c: ConsoleContext, streamName: string): Promise<JsonWire<StreamDescriptionSummary>> {
  return (await callAws<JsonWire<DescribeStreamSummaryOutput>>(c, "kinesis", "DescribeStreamSummary", { StreamName: streamName }))
    .StreamDescriptionSummary;
}

/** Every shard AWS lists for the stream (open ones and closed ones still within retention). */
export async function allShards(c: ConsoleContext, streamName: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let page = await callAws<JsonWire<ListShardsOutput>>(c, "kinesis", "ListShards", { StreamName: streamName });
  shards.push(...(page.Shards ?? []));
  for (let i = 1; i < MAX_PAGES && page.NextToken !== undefined; i++) {
    page = await callAws<JsonWire<ListShardsOutput>>(c, "kinesis", "ListShards", { NextToken: page.NextToken });
    shards.push(...(page.Shards ?? []));
  }
  return shards;
}

export async function allConsumers(c: ConsoleContext, streamArn: string): Promise<JsonWire<Consumer>[]> {
  const consumers: JsonWire<Consumer>[] = [];
  let page = await callAws<JsonWire<ListStreamConsumersOutput>>(c, "kinesis", "ListStreamConsumers", { StreamARN: streamArn });
  consumers.push(...(page.Consumers ?? []));
  for (let i = 1; i < MAX_PAGES && page.NextToken !== undefined; i++) {
    page = await callAws<JsonWire<ListStreamConsumersOutput>>(c, "kinesis", "ListStreamConsumers", { StreamARN: streamArn, NextToken: page.NextToken });
    consumers.push(...(page.Consumers ?? []));
  }
  return consumers;
}

/** A stream's capacity mode; the model lets StreamModeDetails be absent, which only streams older than on-demand mode are. */
export function streamMode(summary: JsonWire<StreamDescriptionSummary>): StreamMode {
  return summary.StreamModeDetails?.StreamMode ?? "PROVISIONED";
}

export function isOpen(shard: Shard): boolean {
  return shard.SequenceNumberRange.EndingSequenceNumber === undefined;
}

export function streamPath(streamName: string): string {
  return `/console/streams/${encodeURIComponent(streamName)}`;
}
