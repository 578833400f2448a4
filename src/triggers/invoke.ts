/**
 * Handing a batch to a target, and an invocation record to an OnFailure destination.
 *
 * Service bindings and URLs get the Lambda Kinesis event as a JSON POST (functions/invoke.ts),
 * with `x-rivulet-event-source-mapping` (the mapping's UUID) and `x-rivulet-request-id` headers. Any
 * 2xx answer is success. With ReportBatchItemFailures, a 2xx body `{"batchItemFailures":
 * [{"itemIdentifier": "<sequence number>"}, ...]}` means the records before the lowest of those
 * sequence numbers succeeded and the rest is retried from it; as in AWS, an empty or missing list
 * (or body) is complete success, and a malformed list (an entry without a non-empty
 * itemIdentifier, or one naming no record of the batch) is complete failure.
 *
 * Queues get the event as messages (see queue-messages.ts); success is the queue accepting them.
 */
import { callFunction, type CallableTarget } from "../functions/invoke";
import type { Target } from "../functions/targets";
import { LAMBDA } from "../limits";
import type { InvocationRecord, KinesisEventRecord } from "./event";
import { planQueueMessages } from "./queue-messages";

export interface InvokeFailure {
  /** The answer's HTTP status; 0 when none came (unreachable, timed out, a queue refused). */
  statusCode: number;
  /** What went wrong, in words. */
  error: string;
  /** The function itself answered with an error: splitting the batch may isolate a bad record. */
  functionError: boolean;
  /** The function reported which record failed first (ReportBatchItemFailures). */
  reported: boolean;
  /** The record at `accepted` can never be sent to this target (larger than a queue message). */
  tooLarge: boolean;
}

export interface InvokeResult {
  /** How many records, from the start of the batch, the target took. */
  accepted: number;
  /** Present unless the target took the whole batch. */
  failure?: InvokeFailure;
}

export interface InvokeOptions {
  mappingUuid: string;
  requestId: string;
  reportBatchItemFailures: boolean;
}

export async function invoke(target: Target, records: readonly KinesisEventRecord[], options: InvokeOptions): Promise<InvokeResult> {
  if (target.kind === "queue") return sendToQueue(target.binding, target.queue, records);
  let response: Response;
  let text: string;
  try {
    ({ response, text } = await post(target, JSON.stringify({ Records: records }), options));
  } catch (error) {
    return failed(0, `${describe(target)} could not be reached: ${errorText(error)}`, false);
  }
  if (response.status < 200 || response.status > 299) {
    return failed(response.status, `${describe(target)} answered ${response.status}: ${text.slice(0, 200)}`, true);
  }
  if (!options.reportBatchItemFailures) return { accepted: records.length };
  const firstFailed = firstReportedFailure(text, records);
  if (firstFailed === undefined) return { accepted: records.length };
  if (firstFailed === "malformed") {
    return failed(response.status, `${describe(target)} answered a malformed batchItemFailures list`, true);
  }
  return {
    accepted: firstFailed,
    failure: {
      statusCode: response.status,
      error: `${describe(target)} reported record ${records[firstFailed]?.kinesis.sequenceNumber} as failed`,
      functionError: true,
      reported: true,
      tooLarge: false,
    },
  };
}

/** Sends an invocation record to an OnFailure destination; answers why it failed, or undefined. */
export async function sendInvocationRecord(
  target: Target,
  record: InvocationRecord,
  options: Omit<InvokeOptions, "reportBatchItemFailures">,
): Promise<string | undefined> {
  try {
    if (target.kind === "queue") {
      await target.queue.send(record, { contentType: "json" });
      return undefined;
    }
    const { response, text } = await post(target, JSON.stringify(record), options);
    if (response.status >= 200 && response.status <= 299) return undefined;
    return `${describe(target)} answered ${response.status}: ${text.slice(0, 200)}`;
  } catch (error) {
    return `${describe(target)} could not be reached: ${errorText(error)}`;
  }
}

async function sendToQueue(binding: string, queue: Queue, records: readonly KinesisEventRecord[]): Promise<InvokeResult> {
  const plan = planQueueMessages(records);
  let accepted = 0;
  for (const call of plan.calls) {
    try {
      await queue.sendBatch(
        call.map((message) => ({ body: { Records: records.slice(message.start, message.end) }, contentType: "json" as const })),
      );
    } catch (error) {
      return { accepted, failure: { statusCode: 0, error: `queue ${binding} refused the batch: ${errorText(error)}`, functionError: false, reported: false, tooLarge: false } };
    }
    accepted = call.at(-1)?.end ?? accepted;
  }
  if (plan.tooLarge === undefined) return { accepted: records.length };
  return {
    accepted: plan.tooLarge,
    failure: {
      statusCode: 0,
      error: `record ${records[plan.tooLarge]?.kinesis.sequenceNumber} does not fit a message of queue ${binding}`,
      functionError: false,
      reported: false,
      tooLarge: true,
    },
  };
}

/** POSTs a body and reads the whole answer, within the invocation timeout. */
async function post(
  target: CallableTarget,
  body: string,
  options: Omit<InvokeOptions, "reportBatchItemFailures">,
): Promise<{ response: Response; text: string }> {
  // A timer of our own rather than AbortSignal.timeout: it is cleared as soon as the answer is in,
  // so no timer outlives the delivery (and holds the Durable Object busy).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${LAMBDA.invokeTimeoutMs} ms`)), LAMBDA.invokeTimeoutMs);
  try {
    const response = await callFunction(target, body, {
      headers: { "x-rivulet-event-source-mapping": options.mappingUuid, "x-rivulet-request-id": options.requestId },
      signal: controller.signal,
    });
    return { response, text: await response.text() };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The index of the first record a ReportBatchItemFailures answer names; undefined for complete
 * success, "malformed" for complete failure.
 */
function firstReportedFailure(text: string, records: readonly KinesisEventRecord[]): number | "malformed" | undefined {
  let body: unknown;
  try {
    body = text.trim() === "" ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null || !("batchItemFailures" in body)) return undefined;
  const failures: unknown = body.batchItemFailures;
  if (failures === null) return undefined;
  if (!Array.isArray(failures)) return "malformed";
  let first: number | undefined;
  for (const failure of failures as unknown[]) {
    const id: unknown = typeof failure === "object" && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== "string" || id === "") return "malformed";
    const index = records.findIndex((record) => record.kinesis.sequenceNumber === id);
    if (index < 0) return "malformed";
    first = first === undefined ? index : Math.min(first, index);
  }
  return first;
}

function failed(statusCode: number, error: string, functionError: boolean): InvokeResult {
  return { accepted: 0, failure: { statusCode, error, functionError, reported: false, tooLarge: false } };
}

function describe(target: Target): string {
  return target.kind === "url" ? target.url : `${target.kind === "queue" ? "queue" : "service"} ${target.binding}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
