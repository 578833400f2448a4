import { InvalidArgumentException, ResourceInUseException, unwrap } from "../../aws/errors";
import { EventStreamOutput, type RequestContext } from "../../aws/protocol";
import { shardIdOf, shardIndexOf } from "../ids";
import { fromShard, shardNotFound, writableStream } from "../locate";
import type { IteratorRequest } from "../shard";
import type { SubscribeToShardEventStream, SubscribeToShardInput } from "../shapes.generated";
import { consumerOf } from "./consumers";
import { registryFor, shardStub } from "../../objects";

/** The answer is the event stream the shard writes, SubscribeToShardEvents as they come (see ../subscriptions.ts). */
export async function subscribeToShard(
  input: SubscribeToShardInput,
  context: RequestContext,
): Promise<EventStreamOutput<SubscribeToShardEventStream>> {
  const { streamName, consumerName, createdSeconds } = consumerOf({ ConsumerARN: input.ConsumerARN }, context);
  const consumer = unwrap(
    await registryFor(context.env, context.scope).describeConsumer(context.scope, streamName, consumerName, createdSeconds),
  );
  if (consumer.status !== "ACTIVE") {
    throw new ResourceInUseException(`Consumer ${consumer.arn} under account ${context.scope.account} is not ACTIVE.`);
  }
  const stream = await writableStream(context, streamName);
  const shardIndex = shardIndexOf(input.ShardId);
  if (shardIndex === undefined || !stream.shards.some((shard) => shard.index === shardIndex)) {
    throw shardNotFound(context, stream.name, shardIndex === undefined ? input.ShardId : shardIdOf(shardIndex));
  }
  const outcome = await shardStub(context.env, stream.id, shardIndex).subscribe(
    consumer.arn,
    startingPosition(input.StartingPosition),
    context.format,
  );
  return new EventStreamOutput(fromShard(context, stream, shardIndex, outcome));
}

function startingPosition(position: SubscribeToShardInput["StartingPosition"]): IteratorRequest {
  const missing = (what: string) => `StartingPosition of type ${position.Type} requires ${what}.`;
  switch (position.Type) {
    case "TRIM_HORIZON":
    case "LATEST":
      return { type: position.Type };
    case "AT_SEQUENCE_NUMBER":
    case "AFTER_SEQUENCE_NUMBER":
      if (position.SequenceNumber === undefined) throw new InvalidArgumentException(missing("a SequenceNumber"));
      return { type: position.Type, sequenceNumber: position.SequenceNumber };
    case "AT_TIMESTAMP":
      if (position.Timestamp === undefined) throw new InvalidArgumentException(missing("a Timestamp"));
      return { type: position.Type, timestampMs: position.Timestamp.getTime() };
  }
}
