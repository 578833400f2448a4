import { InvalidArgumentException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { shardIdOf } from "../ids";
import { fromShard, shardStub, streamNameOf, writableStream, type StreamReference } from "../locate";
import { checkRecordSize, hashKeyOf, shardFor, type RecordInput } from "../routing";
import { parseSequenceNumber } from "../sequence";

export interface PutRecordInput extends StreamReference, RecordInput {
  SequenceNumberForOrdering?: string;
}

export async function putRecord(input: PutRecordInput, context: RequestContext) {
  const stream = await writableStream(context, streamNameOf(input, context));
  checkRecordSize(stream, input);
  // Every record of a shard gets a larger number than all before it, so ordering holds by itself;
  // the value still has to be one of ours.
  if (input.SequenceNumberForOrdering !== undefined && !parseSequenceNumber(input.SequenceNumberForOrdering)) {
    throw new InvalidArgumentException(
      `ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${stream.name} under account ${context.scope.account} is invalid.`,
    );
  }
  const shard = shardFor(stream, await hashKeyOf(input));
  const outcome = await shardStub(context.env, stream.id, shard.index).append([{ partitionKey: input.PartitionKey, data: input.Data }]);
  const { sequenceNumbers } = fromShard(context, stream, shard.index, outcome);
  return { ShardId: shardIdOf(shard.index), SequenceNumber: sequenceNumbers[0] };
}
