import { app } from "./app";
import { DEAD_LETTER_QUEUE, DELIVERY_QUEUE, deliverFirehoseBatches, requeueDeadFirehoseBatches } from "./firehose/queue";
import { consumeStreamEvents, STREAM_EVENTS_QUEUE } from "./triggers/consumer";
export { AnalyticsApplication } from "./analytics/application";
export { AnalyticsRegistry } from "./analytics/registry";
export { DeliveryBuffer } from "./firehose/buffer";
export { FirehoseRegistry } from "./firehose/registry";
export { MultipartUploads } from "./s3/uploads";
export { StreamRegistry } from "./streams/registry";
export { Shard } from "./streams/shard";
export { EventSourceMapping } from "./triggers/mapping";
export { MappingDirectory } from "./triggers/directory";
export { VideoRegistry } from "./video/registry";
export { VideoStream } from "./video/stream";

/** Every queue this Worker consumes, by name, with its handler. */
const QUEUE_HANDLERS: Readonly<Record<string, (batch: MessageBatch<unknown>, env: Env) => Promise<void>>> = {
  // STREAM_EVENTS, the queue event source mappings can deliver to: pass your own handler here.
  [STREAM_EVENTS_QUEUE]: consumeStreamEvents,
  // Firehose: flushed batches to deliver to R2, and those that ran out of retries.
  [DELIVERY_QUEUE]: deliverFirehoseBatches,
  [DEAD_LETTER_QUEUE]: requeueDeadFirehoseBatches,
};

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    const handler = Object.hasOwn(QUEUE_HANDLERS, batch.queue) ? QUEUE_HANDLERS[batch.queue] : undefined;
    if (handler) return handler(batch, env);
    console.error(`queue ${batch.queue}: this Worker has no consumer for it; the batch is retried`);
    batch.retryAll();
  },
} satisfies ExportedHandler<Env>;
