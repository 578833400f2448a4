/**
 * The consumer of this Worker's own STREAM_EVENTS queue: a mapping whose FunctionName is
 * STREAM_EVENTS sends its batches there as Lambda Kinesis events (one or more per message, see
 * queue-messages.ts), and this hands each event, in order, to a handler:
 *
 *   queue: (batch, env) => consumeStreamEvents(batch, env, myHandler)     (src/index.ts)
 *
 * `myHandler(event, env)` receives `{"Records": [...]}` exactly as a Lambda function for Kinesis
 * would. Returning acknowledges the message; throwing retries it (the queue's retry policy, then
 * its dead-letter queue if one is configured). The default handler only logs a summary.
 *
 * A consumer in another Worker does the same with its own queue: bind the queue as a producer
 * here, name the binding as the mapping's FunctionName, and consume it there.
 */
import type { Env } from "../env";
import type { KinesisEvent } from "./event";

/** The queue STREAM_EVENTS sends to (wrangler.toml). */
export const STREAM_EVENTS_QUEUE = "rivulet-stream-events";

export type StreamEventHandler = (event: KinesisEvent, env: Env) => void | Promise<void>;

/** The default handler: one log line per event. */
export const logStreamEvent: StreamEventHandler = (event) => {
  const first = event.Records[0];
  console.info(`stream event: ${event.Records.length} records from ${first?.eventSourceARN ?? "?"}, first ${first?.eventID ?? "?"}`);
};

export async function consumeStreamEvents(
  batch: MessageBatch<unknown>,
  env: Env,
  handle: StreamEventHandler = logStreamEvent,
): Promise<void> {
  for (const message of batch.messages) {
    if (!isKinesisEvent(message.body)) {
      // Not from a mapping: retrying cannot help, and acknowledging it is said out loud.
      console.error(`queue ${batch.queue}: message ${message.id} is not a Kinesis event; acknowledged without handling`);
      message.ack();
      continue;
    }
    try {
      await handle(message.body, env);
      message.ack();
    } catch (error) {
      console.error(`queue ${batch.queue}: message ${message.id} failed; it will be retried`, error);
      message.retry();
    }
  }
}

function isKinesisEvent(body: unknown): body is KinesisEvent {
  return typeof body === "object" && body !== null && Array.isArray((body as { Records?: unknown }).Records);
}
