import { toAwsJson, writtenAwsJson, type RequestContext } from "../../aws/protocol";
import { KINESIS } from "../../limits";
import { peekIterator } from "../iterator";
import { fromShard } from "../locate";
import { recordsJson, unpackRecords } from "../read-batch";
import { shardStub } from "../../objects";
import type { GetRecordsInput, GetRecordsOutput } from "../shapes.generated";

export async function getRecords(input: GetRecordsInput, context: RequestContext): Promise<GetRecordsOutput> {
  const startedMs = context.clock.now();
  // The iterator names its shard; that shard's object alone can vouch for it.
  const position = peekIterator(input.ShardIterator);
  const outcome = await shardStub(context.env, position.streamId, position.shardIndex).read(
    input.ShardIterator,
    input.Limit ?? KINESIS.maxGetRecordsCount,
    startedMs,
  );
  const result = fromShard(context, { name: position.streamName }, position.shardIndex, outcome);
  const rest = {
    ...(result.nextIterator !== undefined && { NextShardIterator: result.nextIterator }),
    MillisBehindLatest: result.millisBehindLatest,
    ...(result.childShards !== undefined && { ChildShards: result.childShards }),
  };
  if (context.format === "json") {
    // The records written straight from the shard's packed batch; the rest as toAwsJson writes it.
    return writtenAwsJson<GetRecordsOutput>(recordsJson(result.records, '{"Records":', `,${toAwsJson(rest).slice(1)}`));
  }
  return {
    Records: unpackRecords(result.records).map((record) => ({
      SequenceNumber: record.sequenceNumber,
      ApproximateArrivalTimestamp: new Date(record.arrivalMs),
      Data: record.data,
      PartitionKey: record.partitionKey,
      ...(record.encrypted && { EncryptionType: "KMS" }),
    })),
    ...rest,
  };
}
