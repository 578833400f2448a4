/**
 * Enhanced fan-out inside a shard's Durable Object: each SubscribeToShard call gets an event
 * stream that the shard writes to itself, as soon as records are appended (no polling), with an
 * empty event when idle so the reader sees it is caught up, for five minutes.
 *
 * Events are AWS's: an `initial-response`, then `SubscribeToShardEvent`s carrying Records,
 * ContinuationSequenceNumber and MillisBehindLatest; once a closed shard has been read to its
 * end, a last event carries ChildShards and no ContinuationSequenceNumber, and the stream ends.
 */
import { ResourceInUseException } from "../aws/errors";
import { encodeCbor } from "../aws/cbor";
import { eventMessage, exceptionMessage } from "../aws/eventstream";
import { KINESIS } from "../limits";
import type { ChildShard, ReadRecord } from "./shard-log";

/** What a subscription needs of its shard. */
export interface SubscriptionSource {
  now(): number;
  /** Records after `after`, about `byteBudget` bytes at most (decrypted first when stored encrypted). */
  read(after: number, byteBudget: number): Promise<{ records: ReadRecord[]; last: number; millisBehindLatest: number }>;
  sequenceNumber(counter: number): string;
  /** Set once the shard is closed: where its log ends and where its keys went. */
  end(): { lastCounter: number; children: ChildShard[] } | undefined;
}

/** Data per event: well under the event stream's 24 MiB payload limit, and quick to hand over. */
const EVENT_BYTE_BUDGET = 2 * 1024 * 1024;

const encoder = new TextEncoder();

/** A payload in the subscriber's protocol, with the content type its event carries. */
function encodePayload(format: "json" | "cbor", value: object): [Uint8Array, string] {
  return format === "cbor"
    ? [encodeCbor(value), "application/x-amz-cbor-1.1"]
    : [encoder.encode(JSON.stringify(value)), "application/x-amz-json-1.1"];
}

class Subscription {
  readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly format: "json" | "cbor";
  readonly startedMs: number;
  /** The counter of the last record delivered. */
  after: number;
  lastSentMs: number;
  pumping = false;
  /** Records arrived while a pump was writing: pump again. */
  again = false;
  ended = false;
  lifetime: ReturnType<typeof setTimeout> | null = null;
  heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(writer: WritableStreamDefaultWriter<Uint8Array>, format: "json" | "cbor", after: number, now: number) {
    this.writer = writer;
    this.format = format;
    this.after = after;
    this.startedMs = now;
    this.lastSentMs = now;
  }
}

export class SubscriptionHub {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly source: SubscriptionSource) {}

  /** Starts a subscription for `key` (a consumer ARN) reading after counter `after`. */
  open(key: string, after: number, format: "json" | "cbor"): ReadableStream<Uint8Array> {
    const now = this.source.now();
    const previous = this.subscriptions.get(key);
    if (previous && now - previous.startedMs < KINESIS.resubscribeAfterMs) {
      throw new ResourceInUseException(
        `Another active subscription exists for consumer ${key} on this shard; a new one can start ${KINESIS.resubscribeAfterMs / 1000} seconds after the last.`,
      );
    }
    if (previous) this.finish(key, previous);

    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const subscription = new Subscription(writable.getWriter(), format, after, now);
    this.subscriptions.set(key, subscription);
    subscription.writer.closed.catch(() => this.forget(key, subscription));
    subscription.lifetime = setTimeout(() => this.finish(key, subscription), KINESIS.subscriptionLifetimeMs);
    subscription.heartbeat = setInterval(() => this.heartbeat(key, subscription), KINESIS.subscriptionHeartbeatMs);
    const initial = eventMessage("initial-response", ...encodePayload(format, {}));
    void this.write(key, subscription, initial).then(() => this.pump(key, subscription));
    return readable;
  }

  /** New records, or the shard closed: every subscription catches up. */
  notify(): void {
    for (const [key, subscription] of this.subscriptions) void this.pump(key, subscription);
  }

  /** Ends every subscription with an exception event (the shard is going away). */
  endAll(exceptionType: string, message: string): void {
    for (const [key, subscription] of this.subscriptions) {
      const exception = exceptionMessage(exceptionType, ...encodePayload(subscription.format, { message }));
      void this.write(key, subscription, exception).then(() => this.finish(key, subscription));
    }
  }

  private async pump(key: string, subscription: Subscription): Promise<void> {
    if (subscription.pumping) {
      subscription.again = true;
      return;
    }
    subscription.pumping = true;
    try {
      do {
        subscription.again = false;
        for (;;) {
          const batch = await this.source.read(subscription.after, EVENT_BYTE_BUDGET);
          if (batch.records.length === 0) break;
          subscription.after = batch.last;
          await this.sendEvent(key, subscription, batch.records, batch.millisBehindLatest);
          if (subscription.ended) return;
        }
        const end = this.source.end();
        if (end && subscription.after >= end.lastCounter) {
          await this.sendEvent(key, subscription, [], 0, end.children);
          this.finish(key, subscription);
          return;
        }
      } while (subscription.again && !subscription.ended);
    } finally {
      subscription.pumping = false;
    }
  }

  private heartbeat(key: string, subscription: Subscription): void {
    if (subscription.pumping || this.source.now() - subscription.lastSentMs < KINESIS.subscriptionHeartbeatMs) return;
    void this.sendEvent(key, subscription, [], 0);
  }

  private async sendEvent(
    key: string,
    subscription: Subscription,
    records: ReadRecord[],
    millisBehindLatest: number,
    children?: ChildShard[],
  ): Promise<void> {
    // The event's payload speaks the subscriber's protocol: JSON (base64 blobs, epoch seconds) or
    // CBOR (byte strings, epoch milliseconds).
    const cbor = subscription.format === "cbor";
    const event = {
      Records: records.map((record) => ({
        SequenceNumber: record.sequenceNumber,
        ApproximateArrivalTimestamp: cbor ? new Date(record.arrivalMs) : record.arrivalMs / 1000,
        Data: cbor ? record.data : record.data.toBase64(),
        PartitionKey: record.partitionKey,
        ...(record.encrypted && { EncryptionType: "KMS" }),
      })),
      // A shard read to its end has no continuation: readers move on to its children.
      ...(children === undefined && { ContinuationSequenceNumber: this.source.sequenceNumber(subscription.after) }),
      MillisBehindLatest: millisBehindLatest,
      ...(children !== undefined && { ChildShards: children }),
    };
    subscription.lastSentMs = this.source.now();
    await this.write(key, subscription, eventMessage("SubscribeToShardEvent", ...encodePayload(subscription.format, event)));
  }

  private async write(key: string, subscription: Subscription, message: Uint8Array): Promise<void> {
    if (subscription.ended) return;
    try {
      await subscription.writer.write(message);
    } catch {
      // The reader went away.
      this.forget(key, subscription);
    }
  }

  /** Ends the subscription's stream normally. */
  private finish(key: string, subscription: Subscription): void {
    if (subscription.ended) return;
    this.forget(key, subscription);
    subscription.writer.close().catch(() => undefined);
  }

  private forget(key: string, subscription: Subscription): void {
    subscription.ended = true;
    clearTimeout(subscription.lifetime);
    clearInterval(subscription.heartbeat);
    if (this.subscriptions.get(key) === subscription) this.subscriptions.delete(key);
  }
}
