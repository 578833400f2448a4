import type { RequestContext } from "../../aws/protocol";
import { describeStream, streamNameOf } from "../locate";
import type { DescribeStreamSummaryInput, DescribeStreamSummaryOutput } from "../shapes.generated";
import { streamProtection, streamSummary } from "../views";

export async function describeStreamSummary(
  input: DescribeStreamSummaryInput,
  context: RequestContext,
): Promise<DescribeStreamSummaryOutput> {
  const stream = await describeStream(context, streamNameOf(input, context));
  return {
    StreamDescriptionSummary: {
      ...streamSummary(stream),
      StreamId: stream.id,
      RetentionPeriodHours: stream.retentionHours,
      ...streamProtection(stream),
      OpenShardCount: stream.shards.filter((shard) => shard.closedMs === null).length,
      ConsumerCount: stream.consumerCount,
      MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
      ...(stream.warmThroughput && {
        WarmThroughput: {
          ...(stream.warmThroughput.targetMiBps !== null && { TargetMiBps: stream.warmThroughput.targetMiBps }),
          CurrentMiBps: stream.warmThroughput.currentMiBps,
        },
      }),
    },
  };
}
