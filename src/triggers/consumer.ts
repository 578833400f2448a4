/**
 * The consumer of this Worker's own STREAM_EVENTS queue: a mapping whose FunctionName is
 * STREAM_EVENTS sends its batches there as Lambda Kinesis events (one or more per message, see
 * queue-messages.ts), and this hands each event, in order, to a handler:
 *
 *   queue: (batch, env) => consumeStreamEvents(batch, env, myHandler)     (src/index.ts)
 *
 * `myHandler(event, env)` receives `{"Records": [...]}` exactly as a Lambda function for Kinesis
 * would. Returning acknowledges the message; throwing retries it (the queue's retry policy, then
 * its dead-letter queue if one is configured). The default handler only logs a summary. The same
 * queue may be a mapping's OnFailure destination: its invocation records go to a second handler,
 * which by default logs them as errors.
 *
 * A consumer in another Worker does the same with its own queue: bind the queue as a producer
 * here, name the binding as the mapping's FunctionName, and consume it there.
 */
import type { InvocationRecord, KinesisEvent } from "./event";

/** The queue STREAM_EVENTS sends to (wrangler.toml). */
export const STREAM_EVENTS_QUEUE = "rivulet-stream-events";

export type StreamEventHandler = (event: KinesisEvent, env: Env) => void | Promise<void>;

/** The default handler: one log line per event. */
export const logStreamEvent: StreamEventHandler = (event) => {
  const first = event.Records[0];
  console.info(`stream event: ${event.Records.length} records from ${first?.eventSourceARN ?? "?"}, first ${first?.eventID ?? "?"}`);
};

export type FailureRecordHandler = (record: InvocationRecord, env: Env) => void | Promise<void>;

/** The default for invocation records: a batch a mapping gave up on is an error worth seeing. */
export const logFailureRecord: FailureRecordHandler = (record) => {
  const batch = record.KinesisBatchInfo;
  console.error(
    `event source mapping gave up (${record.requestContext.condition}) on ${batch.batchSize} records of ` +
      `${batch.streamArn} ${batch.shardId}, ${batch.startSequenceNumber} to ${batch.endSequenceNumber}`,
  );
};

export async function consumeStreamEvents(
  batch: MessageBatch<unknown>,
  env: Env,
  handle: StreamEventHandler = logStreamEvent,
  handleFailure: FailureRecordHandler = logFailureRecord,
): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body;
    if (!isKinesisEvent(body) && !isInvocationRecord(body)) {
      // Not from a mapping: retrying cannot help, and acknowledging it is said out loud.
      console.error(`queue ${batch.queue}: message ${message.id} is neither a Kinesis event nor an invocation record; acknowledged without handling`);
      message.ack();
      continue;
    }
    try {
      if (isKinesisEvent(body)) await handle(body, env);
      else await handleFailure(body, env);
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

function isInvocationRecord(body: unknown): body is InvocationRecord {
  if (typeof body !== "object" || body === null) return false;
  const info = (body as { KinesisBatchInfo?: unknown }).KinesisBatchInfo;
  return typeof info === "object" && info !== null;
}
