/**
 * The CloudWatchLogProcessing processor with DataMessageExtraction: after Decompression, a
 * CloudWatch Logs subscription record
 *
 *   {"messageType": "DATA_MESSAGE", "owner": ..., "logGroup": ..., "logStream": ...,
 *    "subscriptionFilters": [...], "logEvents": [{"id": ..., "timestamp": ..., "message": ...}, ...]}
 *
 * is replaced by the messages of its log events alone, one per line, without the envelope (AWS:
 * "delivers only the content inside the message fields"). CONTROL_MESSAGE records, which CloudWatch
 * Logs sends to check that the destination is reachable, carry no log data and are dropped. The
 * newline between messages is Rivulet's reading of the documentation.
 */
import { isObject, parseJson } from "./json";

export class CloudWatchLogsError extends Error {}

const encoder = new TextEncoder();

/** The extracted messages, or `undefined` for a control message (drop it). */
export function extractMessages(data: Uint8Array): Uint8Array | undefined {
  const envelope = parseJson(data);
  if (!isObject(envelope)) throw new CloudWatchLogsError("the data is not a JSON object");
  if (envelope.messageType === "CONTROL_MESSAGE") return undefined;
  if (envelope.messageType !== "DATA_MESSAGE") throw new CloudWatchLogsError(`messageType is ${JSON.stringify(envelope.messageType ?? null)}`);
  const events = envelope.logEvents;
  if (!Array.isArray(events)) throw new CloudWatchLogsError("logEvents is not a list");
  const messages = events.map((event) => (isObject(event) && typeof event.message === "string" ? event.message : undefined));
  if (messages.some((message) => message === undefined)) throw new CloudWatchLogsError("a log event has no message");
  return encoder.encode(messages.join("\n"));
}
