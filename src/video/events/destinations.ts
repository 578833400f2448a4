/**
 * Where a stream's notifications and movement events go. There is no SNS here, so a NotificationConfiguration's
 * (and a MotionDetectionConfiguration's) DestinationConfig.Uri names a destination of this service:
 *
 * - a Kinesis data stream ARN (`arn:aws:kinesis:<region>:<account>:stream/<name>`): each message is one
 *   record, partition key the video stream's name (a stream's messages stay in order on one shard), written as
 *   PutRecords writes (streams/writer.ts), so an ordinary Kinesis consumer reads them;
 * - an `https://` URL (and, in local mode, `http://` on a loopback host, as functions/targets.ts allows): each
 *   message is POSTed as JSON.
 *
 * Delivery is at least once per attempt and gives up after DELIVERY_ATTEMPTS (logged): nothing here holds up
 * the ingest that triggered it.
 */
import { InvalidArgumentException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import type { Scope } from "../../aws/scope";
import type { Clock } from "../../clock";
import { callFunction } from "../../functions/invoke";
import { endpointUrl, loopbackAllowed } from "../../functions/targets";
import { parseStreamArn } from "../../streams/ids";
import { writeRecords } from "../../streams/writer";

export type EventDestination = { kind: "kinesis"; scope: Scope; streamName: string } | { kind: "url"; url: string };

const DELIVERY_ATTEMPTS = 3;
/** How long an endpoint may take to answer one message (ours): a PutMedia answer ends only once its events are out. */
const ENDPOINT_TIMEOUT_MS = 10_000;

/** The destination a Uri names, or InvalidArgumentException saying what it may be. */
export function eventDestination(uri: string, env: Env): EventDestination {
  const stream = parseStreamArn(uri);
  if (stream) return { kind: "kinesis", scope: { account: stream.account, region: stream.region }, streamName: stream.name };
  const url = endpointUrl(uri, loopbackAllowed(env));
  if (url !== undefined) return { kind: "url", url };
  throw new InvalidArgumentException(
    `DestinationConfig.Uri ${uri} must be a Kinesis data stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>) or an https:// URL.`,
  );
}

export interface EventMessage {
  /** The video stream's name: the Kinesis partition key. */
  partitionKey: string;
  body: unknown;
}

/** Sends the messages, in order; failures are logged, never thrown. */
export async function deliverEvents(env: Env, clock: Clock, destination: EventDestination, messages: readonly EventMessage[]): Promise<void> {
  if (messages.length === 0) return;
  for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
    try {
      if (destination.kind === "kinesis") await toKinesis(env, clock, destination, messages);
      else for (const message of messages) await toUrl(destination.url, message);
      return;
    } catch (error) {
      if (attempt === DELIVERY_ATTEMPTS) console.error(`Video events to ${describe(destination)} were not delivered:`, error);
    }
  }
}

function describe(destination: EventDestination): string {
  return destination.kind === "kinesis" ? `Kinesis stream ${destination.streamName}` : destination.url;
}

async function toKinesis(env: Env, clock: Clock, destination: Extract<EventDestination, { kind: "kinesis" }>, messages: readonly EventMessage[]): Promise<void> {
  const context: RequestContext = {
    env,
    // Written as the service itself: stream resource policies name callers, not services.
    caller: { accessKeyId: "kinesisvideo.amazonaws.com", region: destination.scope.region, service: "kinesis" },
    scope: destination.scope,
    requestId: crypto.randomUUID(),
    clock,
    format: "json",
  };
  const encoder = new TextEncoder();
  const records = messages.map((message) => ({ PartitionKey: message.partitionKey, Data: encoder.encode(JSON.stringify(message.body)) }));
  const { results } = await writeRecords(context, destination.streamName, records, { operation: "PutRecords", startedMs: clock.now() }, () => {});
  const failed = results.find((result) => "ErrorCode" in result);
  if (failed && "ErrorCode" in failed) throw new Error(`${failed.ErrorCode}: ${failed.ErrorMessage}`);
}

async function toUrl(url: string, message: EventMessage): Promise<void> {
  const response = await callFunction({ kind: "url", url }, JSON.stringify(message.body), { signal: AbortSignal.timeout(ENDPOINT_TIMEOUT_MS) });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}
