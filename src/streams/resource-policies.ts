/**
 * Resource policies as the registry keeps them: a stream's in its row (so the stream's cached view
 * carries it to the data plane), a consumer's in consumer_policies, tied to one registration of that
 * consumer (a consumer registered again under the same name starts without a policy).
 */
import { ResourceInUseException } from "../aws/errors";
import type { Scope } from "../aws/scope";
import { findConsumer } from "./consumers";
import type { RegistryStore, StreamRow } from "./registry-store";

/** A stream, or one of its consumers (by name, and by creation time when an ARN named it). */
export interface PolicyTarget {
  streamName: string;
  consumer?: { name: string; createdSeconds?: number };
}

/**
 * The target's policy (null for none), and for a consumer its ARN (which carries its creation time);
 * throws AWS's not-found error for a consumer that does not exist.
 */
export function policyOf(
  store: RegistryStore,
  where: Scope,
  stream: StreamRow,
  target: PolicyTarget,
  now: number,
): { policy: string | null; consumerArn?: string } {
  if (!target.consumer) return { policy: stream.resourcePolicy ?? null };
  const consumer = findConsumer(store, { ...where, streamName: stream.name }, target.consumer.name, now, target.consumer.createdSeconds);
  const stored = store.consumerPolicy(stream.name, consumer.name);
  return { policy: stored && stored.consumerCreatedMs === consumer.createdMs ? stored.policy : null, consumerArn: consumer.arn };
}

/** Attaches (or, with null, removes) the target's policy; a consumer must be ACTIVE to take one. */
export function setPolicy(
  store: RegistryStore,
  where: Scope,
  stream: StreamRow,
  target: PolicyTarget,
  policy: string | null,
  now: number,
): void {
  if (stream.status === "CREATING" || stream.status === "DELETING") {
    throw new ResourceInUseException(
      `Stream ${stream.name} under account ${where.account} not ACTIVE, instead in state ${stream.status}`,
    );
  }
  if (!target.consumer) {
    store.setResourcePolicy(stream.name, policy);
    return;
  }
  const consumer = findConsumer(store, { ...where, streamName: stream.name }, target.consumer.name, now, target.consumer.createdSeconds);
  if (policy === null) {
    store.deleteConsumerPolicy(stream.name, consumer.name);
    return;
  }
  if (consumer.status !== "ACTIVE") {
    throw new ResourceInUseException(
      `Consumer ${consumer.name} with creation timestamp ${Math.floor(consumer.createdMs / 1000)} under stream ${stream.name} ` +
        `and account ${where.account} is not in ACTIVE status.`,
    );
  }
  store.putConsumerPolicy(stream.name, consumer.name, consumer.createdMs, policy);
}
