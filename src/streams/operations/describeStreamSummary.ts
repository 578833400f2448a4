import type { RequestContext } from "../../aws/protocol";
import { describeStream, streamNameOf, type StreamReference } from "../locate";
import { streamSummary } from "../views";

export async function describeStreamSummary(input: StreamReference, context: RequestContext) {
  const stream = await describeStream(context, streamNameOf(input, context));
  return {
    StreamDescriptionSummary: {
      ...streamSummary(stream),
      StreamId: stream.id,
      RetentionPeriodHours: stream.retentionHours,
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      EncryptionType: "NONE",
      OpenShardCount: stream.shards.filter((shard) => shard.closedMs === null).length,
      ConsumerCount: stream.consumerCount,
      MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
    },
  };
}
