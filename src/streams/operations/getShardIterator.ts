import { AwsError, InvalidArgumentException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { authorize } from "../access";
import { shardIdOf } from "../ids";
import { fromShard, shardIndexNamed, shardNotFound, streamNameOf, writableStream } from "../locate";
import type { StreamView } from "../registry";
import type { IteratorRequest } from "../shard";
import type { GetShardIteratorInput, GetShardIteratorOutput } from "../shapes.generated";
import { shardStub } from "../../objects";

export async function getShardIterator(input: GetShardIteratorInput, context: RequestContext): Promise<GetShardIteratorOutput> {
  const name = streamNameOf(input, context);
  const shardIndex = shardIndexNamed(context, name, input.ShardId);
  const stream = await streamOfShard(context, name, shardIndex);
  authorize(context, "GetShardIterator", stream.arn, stream.resourcePolicy);
  // GetRecords calls name only their iterator, so a policy that denies them refuses the iterator (see ../access.ts).
  authorize(context, "GetRecords", stream.arn, stream.resourcePolicy);
  if (!stream.shards.some((shard) => shard.index === shardIndex)) throw shardNotFound(context, stream.name, shardIdOf(shardIndex));
  const request = iteratorRequest(input, context.clock.now());
  const outcome = await shardStub(context.env, stream.id, shardIndex).iterator(request);
  return { ShardIterator: fromShard(context, stream, shardIndex, outcome) };
}

/** The stream, ready for reading; AWS words a missing stream here as a missing shard. */
async function streamOfShard(context: RequestContext, name: string, shardIndex: number): Promise<StreamView> {
  try {
    return await writableStream(context, name);
  } catch (error) {
    if (error instanceof AwsError && error.type === "ResourceNotFoundException") throw shardNotFound(context, name, shardIdOf(shardIndex));
    throw error;
  }
}

function iteratorRequest(input: GetShardIteratorInput, now: number): IteratorRequest {
  const type = input.ShardIteratorType;
  const mustEither =
    "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or " +
    "(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ";
  switch (type) {
    case "TRIM_HORIZON":
    case "LATEST":
      if (input.StartingSequenceNumber !== undefined) {
        throw new InvalidArgumentException(`${mustEither}Request specified ${type} and also a StartingSequenceNumber.`);
      }
      return { type };
    case "AT_SEQUENCE_NUMBER":
    case "AFTER_SEQUENCE_NUMBER":
      if (input.StartingSequenceNumber === undefined) {
        throw new InvalidArgumentException(`${mustEither}Request specified ${type} and no StartingSequenceNumber.`);
      }
      return { type, sequenceNumber: input.StartingSequenceNumber };
    case "AT_TIMESTAMP": {
      if (input.Timestamp === undefined) {
        throw new InvalidArgumentException(
          "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.",
        );
      }
      const timestampMs = input.Timestamp.getTime();
      if (timestampMs > now) {
        throw new InvalidArgumentException(
          "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. " +
            `timestampInMillis: ${timestampMs}, currentTimestampInMillis: ${now}`,
        );
      }
      return { type, timestampMs };
    }
  }
}
