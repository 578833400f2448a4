/**
 * Finding streams and shards for an operation: by StreamName or StreamARN, through the registry,
 * with a short-lived per-isolate cache for the data plane (PutRecord(s), GetShardIterator), which
 * would otherwise ask the registry on every record.
 */
import { AwsError, InvalidArgumentException, ResourceNotFoundException, unwrap } from "../aws/errors";
import type { RequestContext } from "../aws/protocol";
import { parseStreamArn, shardIdOf, shardIndexOf } from "./ids";
import type { StreamView } from "./registry";
import { registryFor } from "../objects";
import type { Scope } from "../aws/scope";

export interface StreamReference {
  StreamName?: string;
  StreamARN?: string;
}

/** The stream an operation names, by StreamName or StreamARN (which must agree when both are given). */
export function streamNameOf(input: StreamReference, context: RequestContext): string {
  if (input.StreamARN !== undefined) {
    const arn = parseStreamArn(input.StreamARN);
    if (!arn) throw new InvalidArgumentException(`Invalid StreamARN: ${input.StreamARN}`);
    if (arn.account !== context.scope.account || arn.region !== context.scope.region) {
      throw new ResourceNotFoundException(`Stream ${arn.name} under account ${arn.account} not found.`);
    }
    if (input.StreamName !== undefined && input.StreamName !== arn.name) {
      throw new InvalidArgumentException(
        `StreamARN ${input.StreamARN} and StreamName ${input.StreamName} do not refer to the same stream.`,
      );
    }
    return arn.name;
  }
  if (input.StreamName !== undefined) return input.StreamName;
  throw new InvalidArgumentException("Either StreamName or StreamARN must be provided.");
}

export async function describeStream(context: RequestContext, name: string): Promise<StreamView> {
  return unwrap(await registryFor(context.env, context.scope).describe(context.scope, name));
}

const CACHE_MS = 1000;
const cache = new Map<string, { view: StreamView; until: number }>();

function cacheKey(scope: Scope, name: string): string {
  return `${scope.account}:${scope.region}:${name}`;
}

/** The stream, ready for records: ACTIVE or UPDATING. Served from a one-second cache. */
export async function writableStream(context: RequestContext, name: string): Promise<StreamView> {
  const key = cacheKey(context.scope, name);
  const now = context.clock.now();
  const cached = cache.get(key);
  if (cached && cached.until > now) return cached.view;
  const view = await describeStream(context, name);
  if (view.status !== "ACTIVE" && view.status !== "UPDATING") {
    throw new ResourceNotFoundException(`Stream ${name} under account ${context.scope.account} not found.`);
  }
  cache.set(key, { view, until: now + CACHE_MS });
  return view;
}

export function forgetStream(context: RequestContext, name: string): void {
  cache.delete(cacheKey(context.scope, name));
}

/** The AWS error for a shard the stream does not have (or, in GetShardIterator, for a stream that does not exist). */
export function shardNotFound(context: RequestContext, streamName: string, shardId: string): AwsError {
  return new ResourceNotFoundException(
    `Shard ${shardId} in stream ${streamName} under account ${context.scope.account} does not exist`,
  );
}

/**
 * The index a ShardId names (see shardIndexOf), or AWS's error for one that names no shard at all,
 * which quotes the id as given; AWS answers it before looking for the stream.
 */
export function shardIndexNamed(context: RequestContext, streamName: string, shardId: string): number {
  const index = shardIndexOf(shardId);
  if (index === undefined) {
    throw new ResourceNotFoundException(`Could not find shard ${shardId} in stream ${streamName} under account ${context.scope.account}.`);
  }
  return index;
}

/**
 * Unwraps a shard's answer. A shard that no longer exists means the stream was deleted (and maybe
 * re-created) since the cache was filled: forget it, and say so as AWS would.
 */
export function fromShard<T>(
  context: RequestContext,
  stream: { name: string },
  shardIndex: number,
  outcome: Parameters<typeof unwrap<T>>[0],
): T {
  if (!outcome.ok && outcome.error.type === "ResourceNotFoundException") {
    forgetStream(context, stream.name);
    throw shardNotFound(context, stream.name, shardIdOf(shardIndex));
  }
  return unwrap(outcome);
}
