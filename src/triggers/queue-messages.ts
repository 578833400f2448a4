/**
 * A batch for a Cloudflare Queue target, cut to the queue's limits. Each message's body is a whole
 * Lambda Kinesis event (`{"Records": [...]}`) of consecutive records, so a consumer Worker handles a
 * message exactly as a Lambda handler handles its event. A batch whose event fits one message is
 * one message; a larger one becomes several, in order, each as full as the message size allows; the
 * messages go out in as few sendBatch calls as the call's limits allow.
 *
 * A record whose event alone is larger than a message can never be sent: the messages stop before
 * it, and the caller hands it to the failure path (it is not dropped).
 */
import { QUEUES } from "../limits";
import type { KinesisEventRecord } from "./event";

export interface QueueMessagePlan {
  /** sendBatch calls, in order; each message holds the records [start, end) of the batch. */
  calls: { start: number; end: number }[][];
  /** The index of the first record that fits no message, if any: the plan covers the records before it. */
  tooLarge: number | undefined;
}

const encoder = new TextEncoder();
const EVENT_OVERHEAD = encoder.encode('{"Records":[]}').byteLength;

export interface QueueLimits {
  maxMessageBytes: number;
  maxBatchMessages: number;
  maxBatchBytes: number;
}

export function planQueueMessages(records: readonly KinesisEventRecord[], limits: QueueLimits = QUEUES): QueueMessagePlan {
  // Message sizes are those of the events' JSON, which is how the messages are sent.
  const messages: { start: number; end: number; bytes: number }[] = [];
  let start = 0;
  let bytes = EVENT_OVERHEAD;
  let tooLarge: number | undefined;
  for (let i = 0; i < records.length; i++) {
    const size = encoder.encode(JSON.stringify(records[i])).byteLength;
    if (EVENT_OVERHEAD + size > limits.maxMessageBytes) {
      tooLarge = i;
      break;
    }
    const separator = i > start ? 1 : 0;
    if (bytes + separator + size > limits.maxMessageBytes) {
      messages.push({ start, end: i, bytes });
      start = i;
      bytes = EVENT_OVERHEAD + size;
    } else {
      bytes += separator + size;
    }
  }
  const end = tooLarge ?? records.length;
  if (end > start) messages.push({ start, end, bytes });

  const calls: { start: number; end: number }[][] = [];
  let call: { start: number; end: number }[] = [];
  let callBytes = 0;
  for (const message of messages) {
    if (call.length === limits.maxBatchMessages || (call.length > 0 && callBytes + message.bytes > limits.maxBatchBytes)) {
      calls.push(call);
      call = [];
      callBytes = 0;
    }
    call.push({ start: message.start, end: message.end });
    callBytes += message.bytes;
  }
  if (call.length > 0) calls.push(call);
  return { calls, tooLarge };
}
