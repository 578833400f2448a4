/** Enhanced fan-out consumers: RegisterStreamConsumer, DeregisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers. */
import { InvalidArgumentException, ResourceNotFoundException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { parseConsumerArn, type ConsumerView } from "../consumers";
import { streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type {
  Consumer,
  DeregisterStreamConsumerInput,
  DeregisterStreamConsumerOutput,
  DescribeStreamConsumerInput,
  DescribeStreamConsumerOutput,
  ListStreamConsumersInput,
  ListStreamConsumersOutput,
  RegisterStreamConsumerInput,
  RegisterStreamConsumerOutput,
} from "../shapes.generated";
import { decodeNextToken, encodeNextToken } from "../tokens";

/** How a request names a consumer: by its ARN, or by its stream's ARN and its name. */
interface ConsumerReference {
  StreamARN?: string;
  ConsumerName?: string;
  ConsumerARN?: string;
}

const DEFAULT_MAX_RESULTS = 100;

function wire(consumer: ConsumerView): Consumer {
  return {
    ConsumerName: consumer.name,
    ConsumerARN: consumer.arn,
    ConsumerStatus: consumer.status,
    ConsumerCreationTimestamp: new Date(consumer.createdMs),
  };
}

/** The stream and consumer a request names: by ConsumerARN, or by StreamARN and ConsumerName. */
export function consumerOf(input: ConsumerReference, context: RequestContext) {
  if (input.ConsumerARN !== undefined) {
    const arn = parseConsumerArn(input.ConsumerARN);
    if (!arn) throw new InvalidArgumentException(`Invalid ConsumerARN: ${input.ConsumerARN}`);
    if (arn.account !== context.scope.account || arn.region !== context.scope.region) {
      throw new ResourceNotFoundException(`Consumer ${input.ConsumerARN} not found.`);
    }
    return { streamName: arn.streamName, consumerName: arn.consumerName, createdSeconds: arn.createdSeconds };
  }
  if (input.StreamARN === undefined || input.ConsumerName === undefined) {
    throw new InvalidArgumentException("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
  }
  return { streamName: streamNameOf({ StreamARN: input.StreamARN }, context), consumerName: input.ConsumerName, createdSeconds: undefined };
}

export async function registerStreamConsumer(
  input: RegisterStreamConsumerInput,
  context: RequestContext,
): Promise<RegisterStreamConsumerOutput> {
  const streamName = streamNameOf({ StreamARN: input.StreamARN }, context);
  const consumer = unwrap(await registryFor(context.env, context.scope).registerConsumer(context.scope, streamName, input.ConsumerName));
  return { Consumer: wire(consumer) };
}

export async function deregisterStreamConsumer(
  input: DeregisterStreamConsumerInput,
  context: RequestContext,
): Promise<DeregisterStreamConsumerOutput> {
  const { streamName, consumerName, createdSeconds } = consumerOf(input, context);
  unwrap(await registryFor(context.env, context.scope).deregisterConsumer(context.scope, streamName, consumerName, createdSeconds));
}

export async function describeStreamConsumer(
  input: DescribeStreamConsumerInput,
  context: RequestContext,
): Promise<DescribeStreamConsumerOutput> {
  const { streamName, consumerName, createdSeconds } = consumerOf(input, context);
  const consumer = unwrap(
    await registryFor(context.env, context.scope).describeConsumer(context.scope, streamName, consumerName, createdSeconds),
  );
  return { ConsumerDescription: { ...wire(consumer), StreamARN: consumer.streamArn } };
}

export async function listStreamConsumers(input: ListStreamConsumersInput, context: RequestContext): Promise<ListStreamConsumersOutput> {
  const now = context.clock.now();
  const streamName = streamNameOf({ StreamARN: input.StreamARN }, context);
  const after = input.NextToken === undefined ? undefined : String(decodeNextToken(input.NextToken, now).after);
  const { consumers } = unwrap(await registryFor(context.env, context.scope).listConsumers(context.scope, streamName));
  const remaining = consumers.filter((consumer) => after === undefined || consumer.name > after);
  const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  return {
    Consumers: page.map(wire),
    ...(remaining.length > limit && last && { NextToken: encodeNextToken({ after: last.name }, now) }),
  };
}
