/**
 * Lambda's event source mapping operations for Kinesis sources: Create, Get, List, Update, Delete.
 * Each pairs the account's directory (which mappings exist) with the mapping's own object.
 *
 * Only Kinesis data streams of the caller's account and region are event sources; any other
 * EventSourceArn (SQS, DynamoDB, Kafka, a stream consumer) is refused as an invalid parameter.
 */
import { InvalidParameterValueException, unwrap } from "../aws/errors";
import type { JsonWire } from "../aws/protocol";
import { LAMBDA } from "../limits";
import { parseStreamArn } from "../streams/ids";
import type { MappingConfiguration } from "./mapping";
import type { StartingPosition } from "./settings";
import type {
  CreateEventSourceMappingInput,
  ListEventSourceMappingsInput,
  ListEventSourceMappingsOutput,
  UpdateEventSourceMappingInput,
} from "./shapes.generated";
import { functionArn, functionIdentity } from "../functions/targets";
import { directoryFor, mappingStub } from "../objects";
import type { Scope } from "../aws/scope";

export interface LambdaContext {
  env: Env;
  scope: Scope;
}

export async function createEventSourceMapping(input: CreateEventSourceMappingInput, context: LambdaContext): Promise<MappingConfiguration> {
  const { scope, env } = context;
  const eventSourceArn = input.EventSourceArn;
  if (eventSourceArn === undefined) {
    throw new InvalidParameterValueException("EventSourceArn is required: the event sources here are Kinesis data streams.");
  }
  const stream = kinesisStream(eventSourceArn, scope);
  const position = startingPosition(input);
  functionIdentity(input.FunctionName);
  const uuid = crypto.randomUUID();
  const directory = directoryFor(env, scope);
  unwrap(await directory.add(uuid, functionArn(input.FunctionName, scope), input.FunctionName, eventSourceArn));
  const outcome = await mappingStub(env, scope, uuid).create({
    uuid,
    scope,
    eventSourceArn,
    streamName: stream,
    startingPosition: position.type,
    startingPositionMs: position.timestampMs,
    input,
  });
  if (!outcome.ok) unwrap(await directory.remove(uuid));
  return unwrap(outcome);
}

export async function getEventSourceMapping(uuid: string, context: LambdaContext): Promise<MappingConfiguration> {
  return unwrap(await mappingStub(context.env, context.scope, uuid).describe());
}

export async function updateEventSourceMapping(
  uuid: string,
  input: UpdateEventSourceMappingInput,
  context: LambdaContext,
): Promise<MappingConfiguration> {
  if (input.FunctionName !== undefined) functionIdentity(input.FunctionName);
  return unwrap(await mappingStub(context.env, context.scope, uuid).update(input));
}

export async function deleteEventSourceMapping(uuid: string, context: LambdaContext): Promise<MappingConfiguration> {
  return unwrap(await mappingStub(context.env, context.scope, uuid).delete());
}

/** Timestamps as Lambda's JSON carries them (epoch seconds), like MappingConfiguration. */
export async function listEventSourceMappings(
  input: ListEventSourceMappingsInput,
  context: LambdaContext,
): Promise<JsonWire<ListEventSourceMappingsOutput>> {
  const { scope, env } = context;
  const afterSeq = input.Marker === undefined ? 0 : Number(input.Marker);
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new InvalidParameterValueException(`Invalid marker: ${input.Marker}`);
  const limit = input.MaxItems ?? LAMBDA.defaultMaxItems;
  const filter = {
    ...(input.FunctionName !== undefined && { functionKey: functionArn(input.FunctionName, scope) }),
    ...(input.EventSourceArn !== undefined && { eventSourceArn: input.EventSourceArn }),
  };
  const entries = unwrap(await directoryFor(env, scope).list(filter, afterSeq, limit + 1));
  const page = entries.slice(0, limit);
  const configurations = await Promise.all(
    page.map(async (entry) => {
      const outcome = await mappingStub(env, scope, entry.uuid).describe();
      // A mapping that finished deleting a moment ago is no longer shown.
      return outcome.ok ? outcome.value : undefined;
    }),
  );
  const last = page.at(-1);
  return {
    EventSourceMappings: configurations.filter((configuration) => configuration !== undefined),
    ...(entries.length > limit && last && { NextMarker: String(last.seq) }),
  };
}

/** The name of the stream an EventSourceArn names, which must be a Kinesis stream of this account and region. */
function kinesisStream(eventSourceArn: string, scope: Scope): string {
  const service = /^arn:[^:]*:([^:]*):/.exec(eventSourceArn)?.[1] ?? "";
  if (service !== "kinesis") {
    throw new InvalidParameterValueException(
      `Unsupported event source ${eventSourceArn}: the event sources here are Kinesis data streams.`,
    );
  }
  const stream = parseStreamArn(eventSourceArn);
  if (!stream) {
    throw new InvalidParameterValueException(
      `Unsupported event source ${eventSourceArn}: the event sources here are Kinesis data streams (not stream consumers).`,
    );
  }
  if (stream.account !== scope.account || stream.region !== scope.region) {
    throw new InvalidParameterValueException(
      `Cannot access stream ${eventSourceArn}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, ` +
        "ListShards, and ListStreams Actions on your stream in IAM.",
    );
  }
  return stream.name;
}

function startingPosition(input: CreateEventSourceMappingInput): { type: StartingPosition; timestampMs: number | undefined } {
  if (input.StartingPosition === undefined) {
    throw new InvalidParameterValueException("StartingPosition is required for Kinesis event sources.");
  }
  if (input.StartingPosition === "AT_TIMESTAMP") {
    if (input.StartingPositionTimestamp === undefined) {
      throw new InvalidParameterValueException("StartingPositionTimestamp must be provided when StartingPosition is AT_TIMESTAMP.");
    }
    return { type: "AT_TIMESTAMP", timestampMs: input.StartingPositionTimestamp.getTime() };
  }
  if (input.StartingPositionTimestamp !== undefined) {
    throw new InvalidParameterValueException("StartingPositionTimestamp is only valid when StartingPosition is AT_TIMESTAMP.");
  }
  return { type: input.StartingPosition, timestampMs: undefined };
}

