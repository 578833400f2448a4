/**
 * The queue handlers of Firehose delivery: the delivery queue's consumer, and the dead-letter
 * queue's, which hands batches that ran out of retries back to their buffers to be announced again
 * later (records are never dropped for an unavailable bucket; AWS keeps retrying for 24 hours).
 */
import { unwrap } from "../aws/errors";
import { systemClock } from "../clock";
import { deliverBatch, isBatchMessage } from "./delivery";
import { FIREHOSE, retryDelaySeconds } from "./limits";
import { bufferFor } from "../objects";

export const DELIVERY_QUEUE = "rivulet-firehose-delivery";
export const DEAD_LETTER_QUEUE = "rivulet-firehose-delivery-dlq";

export async function deliverFirehoseBatches(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // One at a time: a batch may hold 16 MiB, and an isolate has 128 MB.
  for (const message of batch.messages) {
    if (!isBatchMessage(message.body)) {
      console.error("firehose delivery: dropping a message that is not a batch reference", message.id);
      message.ack();
      continue;
    }
    try {
      await deliverBatch(env, message.body, systemClock);
      message.ack();
    } catch (error) {
      console.error(`firehose delivery of batch ${message.body.batchId} failed (attempt ${message.attempts}); retrying`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

export async function requeueDeadFirehoseBatches(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if (!isBatchMessage(message.body)) {
      message.ack();
      continue;
    }
    try {
      unwrap(await bufferFor(env, message.body.streamId).requeue(message.body.batchId, FIREHOSE.deadLetterRequeueMs));
      message.ack();
    } catch (error) {
      console.error(`firehose: could not hand batch ${message.body.batchId} back to its buffer`, error);
      message.retry({ delaySeconds: FIREHOSE.retryMaxSeconds });
    }
  }
}
