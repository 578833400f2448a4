/**
 * Enforcing resource policies (see policies.ts for what a policy can say): an explicit Deny that
 * applies to the caller, the operation and the stream or consumer refuses the request with AWS's
 * AccessDeniedException, evaluated here in the Worker.
 *
 * The data plane adds no lookup: PutRecord, PutRecords and GetShardIterator check the policy that the
 * stream's cached view already carries (locate.ts). GetRecords names no stream, only an iterator,
 * so it is allowed or refused when its iterator is asked for (GetShardIterator), not per call.
 * Every other operation on a stream or consumer asks the registry for the policy first, through a
 * one-second cache like the stream views' (so, as on AWS, a new policy takes a moment everywhere).
 *
 * PutResourcePolicy and DeleteResourcePolicy are never refused: with no account root user to fall
 * back on, a policy that denied them would lock its resource for good.
 */
import { AccessDeniedException, unwrap } from "../aws/errors";
import type { RequestContext } from "../aws/protocol";
import { parseConsumerArn } from "./consumers";
import { parseStreamArn } from "./ids";
import { explicitlyDenied } from "./policies";
import type { PolicyTarget } from "./resource-policies";
import { registryFor } from "../objects";

/** The caller as a principal: the IAM user its access key id stands for. */
function callerArn(context: RequestContext): string {
  return `arn:aws:iam::${context.scope.account}:user/${context.caller.accessKeyId}`;
}

/** Refuses the request when `policy` explicitly denies `operation` on `resourceArn` to the caller. */
export function authorize(context: RequestContext, operation: string, resourceArn: string, policy: string | null | undefined): void {
  if (!policy) return;
  const request = {
    action: `kinesis:${operation}`,
    resource: resourceArn,
    userArn: callerArn(context),
    account: context.scope.account,
  };
  if (explicitlyDenied(policy, request)) {
    throw new AccessDeniedException(
      `User: ${request.userArn} is not authorized to perform: ${request.action} on resource: ${resourceArn} ` +
        "with an explicit deny in a resource-based policy",
    );
  }
}

/** Operations that check their policy themselves (from the cached stream view), or have none to check. */
const NOT_HERE = new Set([
  "PutRecord",
  "PutRecords",
  "GetShardIterator",
  "GetRecords",
  "PutResourcePolicy",
  "DeleteResourcePolicy",
  "CreateStream",
  "ListStreams",
  "DescribeLimits",
  "DescribeAccountSettings",
  "UpdateAccountSettings",
]);

/** Operations that may name their consumer by StreamARN and ConsumerName instead of its ARN. */
const CONSUMER_BY_NAME = new Set(["DescribeStreamConsumer", "DeregisterStreamConsumer"]);

/** The stream or consumer an operation's input names, with its ARN; undefined when it names none (or names it badly). */
function targetOf(
  operation: string,
  input: Record<string, unknown>,
  context: RequestContext,
): { target: PolicyTarget; arn: string } | undefined {
  const { account, region } = context.scope;
  const ours = (arn: { account: string; region: string }) => arn.account === account && arn.region === region;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const consumerArn = text(input.ConsumerARN) ?? text(input.ResourceARN);
  const consumer = consumerArn === undefined ? undefined : parseConsumerArn(consumerArn);
  if (consumerArn !== undefined && consumer) {
    if (!ours(consumer)) return undefined;
    return {
      target: { streamName: consumer.streamName, consumer: { name: consumer.consumerName, createdSeconds: consumer.createdSeconds } },
      arn: consumerArn,
    };
  }
  const streamArn = text(input.StreamARN) ?? text(input.ResourceARN);
  const parsed = streamArn === undefined ? undefined : parseStreamArn(streamArn);
  const streamName = parsed ? (ours(parsed) ? parsed.name : undefined) : streamArn === undefined ? text(input.StreamName) : undefined;
  if (streamName === undefined) return undefined;
  const arn = `arn:aws:kinesis:${region}:${account}:stream/${streamName}`;
  const consumerName = CONSUMER_BY_NAME.has(operation) ? text(input.ConsumerName) : undefined;
  // A consumer named by stream and name: its ARN (which carries its creation time) comes from the registry.
  if (consumerName !== undefined) return { target: { streamName, consumer: { name: consumerName } }, arn };
  return { target: { streamName }, arn };
}

const CACHE_MS = 1000;
type Governing = { policy: string | null; consumerArn?: string };
const cache = new Map<string, { governing: Governing; until: number }>();

async function policyFor(context: RequestContext, target: PolicyTarget): Promise<Governing> {
  const key = JSON.stringify([context.scope.account, context.scope.region, target]);
  const now = context.clock.now();
  const cached = cache.get(key);
  if (cached && cached.until > now) return cached.governing;
  const governing = unwrap(await registryFor(context.env, context.scope).policyForAccess(context.scope, target));
  cache.set(key, { governing, until: now + CACHE_MS });
  return governing;
}

/** Forgets cached policies: this isolate sees a policy it changed at once. */
export function forgetPolicies(): void {
  cache.clear();
}

/**
 * The check every operation goes through before it runs (see the header for which ones skip it):
 * a promise to wait for, or undefined when there is nothing to check, so the data plane never waits.
 */
export function enforceResourcePolicy(operation: string, input: Record<string, unknown>, context: RequestContext): Promise<void> | undefined {
  if (NOT_HERE.has(operation)) return undefined;
  const named = targetOf(operation, input, context);
  if (!named) return undefined;
  return policyFor(context, named.target).then((governing) =>
    authorize(context, operation, governing.consumerArn ?? named.arn, governing.policy),
  );
}
