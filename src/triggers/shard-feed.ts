/**
 * One shard's feed into a mapping's target, run by the mapping's alarm: read the records after the
 * checkpoint, wait for a full batch or the end of the batching window, hand the batch over, and
 * move the checkpoint only once the target took it. A batch that fails is retried (after a backoff)
 * from the same record, so later records of the shard never overtake it; after its retries it goes
 * to the OnFailure destination, and only then does the checkpoint move past it. Without a
 * destination it is retried until it is delivered: nothing is dropped (records the stream's
 * retention removes meanwhile are gone, as in AWS).
 */
import { LAMBDA } from "../limits";
import { eventRecord, invocationRecord, type FailureCondition, type RecordSource, type ShardRecord } from "./event";
import { invoke, sendInvocationRecord } from "./invoke";
import type { MappingSettings } from "./settings";
import type { ShardState } from "./mapping-store";
import { backoffMs, retriesExhausted } from "./retry";
import type { Target } from "../functions/targets";

export interface ShardRead {
  records: ShardRecord[];
  /** The counter the read reached, past any records that expired. */
  last: number;
  /** More records follow `last`. */
  more: boolean;
  /** Set once the shard is closed and read to its end. */
  children: unknown[] | undefined;
}

/** What a feed needs from its mapping. */
export interface FeedContext {
  uuid: string;
  settings: MappingSettings;
  functionArn: string;
  source: RecordSource;
  now(): number;
  read(after: number, limit: number): Promise<ShardRead>;
  /** The target, resolved now; throws when its binding or URL is no longer valid. */
  target(): Target;
  /** The OnFailure destination, resolved now; undefined when there is none. Throws when invalid. */
  destination(): Target | undefined;
  save(state: ShardState): void;
  /** Sets the mapping's LastProcessingResult. */
  report(result: string): void;
  /** The mapping was disabled or deleted meanwhile. */
  stopped(): boolean;
}

const RESULT_OK = "OK";
const RESULT_FAILED = "PROBLEM: Function call failed";
const RESULT_NO_DESTINATION =
  "PROBLEM: Function call failed. Retries are exhausted and there is no OnFailure destination, so the batch is retried until it is delivered";

/** Feeds the shard until it has nothing ready, and answers when it wants to be fed next. */
export async function feedShard(initial: ShardState, context: FeedContext): Promise<number> {
  const state: ShardState = { ...initial };
  const { settings } = context;
  for (let round = 0; round < LAMBDA.batchesPerShardPerAlarm; round++) {
    const now = context.now();
    if (context.stopped()) return now + LAMBDA.pollIntervalMs;
    if (state.retryAtMs !== null && now < state.retryAtMs) return state.retryAtMs;

    const limit = state.batchEnd === null ? settings.batchSize : Math.max(1, state.batchEnd - state.checkpoint);
    const read = await context.read(state.checkpoint, limit);
    const batchEnd = state.batchEnd;
    const records = batchEnd === null ? read.records : read.records.filter((record) => record.counter <= batchEnd);
    const first = records[0];
    if (!first) return caughtUp(state, read, context);

    if (batchEnd === null && !batchReady(records, read, settings, now)) {
      return first.arrivalMs + settings.maximumBatchingWindowInSeconds * 1000;
    }

    const destination = resolveDestination(context);
    // A batch that has had its retries, whose destination could not take it last time.
    if (batchEnd !== null && retriesExhausted(state.attempts, settings.maximumRetryAttempts) && destination) {
      if (!(await giveUp(state, records, "RetryAttemptsExhausted", destination, context))) return retryAt(state);
      continue;
    }
    if (settings.maximumRecordAgeInSeconds !== -1 && destination) {
      const cutoff = now - settings.maximumRecordAgeInSeconds * 1000;
      const stale = records.filter((record) => record.arrivalMs < cutoff);
      if (stale.length > 0) {
        if (!(await giveUp(state, stale, "RecordAgeExceeded", destination, context))) return retryAt(state);
        continue;
      }
    }

    const result = await deliver(records, context);
    const accepted = records[result.accepted - 1];
    if (accepted) {
      // Progress: what remains is a new failing batch, with its own retries.
      state.checkpoint = accepted.counter;
      state.attempts = 0;
    }
    const failure = result.failure;
    if (!failure) {
      clearFailure(state);
      context.save(state);
      context.report(RESULT_OK);
      continue;
    }
    const remaining = records.slice(result.accepted);
    const head = remaining[0];
    const tail = remaining.at(-1);
    if (!head || !tail) throw new Error("a failed delivery leaves records to retry");
    state.lastStatus = failure.statusCode;
    state.lastError = failure.error;
    context.report(failure.tooLarge ? `PROBLEM: ${failure.error}` : RESULT_FAILED);

    if (failure.tooLarge) {
      // This record can never reach the target: it is given up on at once, alone.
      state.batchEnd = head.counter;
      state.attempts = Math.max(state.attempts, 1);
      if (destination) {
        if (!(await giveUp(state, [head], "MaximumPayloadSizeExceeded", destination, context))) return retryAt(state);
        continue;
      }
      return waitToRetry(state, context, `PROBLEM: ${failure.error}, and there is no OnFailure destination for it`);
    }
    if (settings.bisectBatchOnFunctionError && failure.functionError && !failure.reported && remaining.length > 1) {
      // Splitting does not use up a retry (AWS): the first half is tried at once.
      state.batchEnd = remaining[Math.floor(remaining.length / 2) - 1]?.counter ?? head.counter;
      state.retryAtMs = null;
      context.save(state);
      continue;
    }
    state.attempts += 1;
    state.batchEnd = tail.counter;
    if (retriesExhausted(state.attempts, settings.maximumRetryAttempts)) {
      if (destination) {
        if (!(await giveUp(state, remaining, "RetryAttemptsExhausted", destination, context))) return retryAt(state);
        continue;
      }
      return waitToRetry(state, context, RESULT_NO_DESTINATION);
    }
    return waitToRetry(state, context, RESULT_FAILED);
  }
  // A long backlog: yield, and come back at once.
  return context.now();
}

/** Whether a new batch goes now: it is full, more records wait behind it, nothing more can come, or its window passed. */
function batchReady(records: ShardRecord[], read: ShardRead, settings: MappingSettings, now: number): boolean {
  const first = records[0];
  if (!first || settings.maximumBatchingWindowInSeconds === 0) return true;
  if (records.length >= settings.batchSize || read.more || read.children !== undefined) return true;
  return now >= first.arrivalMs + settings.maximumBatchingWindowInSeconds * 1000;
}

/** Nothing to deliver: the shard is caught up, or the records after the checkpoint expired. */
function caughtUp(state: ShardState, read: ShardRead, context: FeedContext): number {
  const now = context.now();
  let changed = false;
  if (read.last > state.checkpoint) {
    state.checkpoint = read.last;
    if (state.batchEnd !== null && state.checkpoint >= state.batchEnd) clearFailure(state);
    changed = true;
  }
  if (read.children !== undefined && !state.finished) {
    state.finished = true;
    changed = true;
  }
  if (changed) context.save(state);
  // A finished shard hands over to its children at once.
  return state.finished ? now : now + LAMBDA.pollIntervalMs;
}

async function deliver(records: ShardRecord[], context: FeedContext) {
  let target: Target;
  try {
    target = context.target();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { accepted: 0, failure: { statusCode: 0, error: message, functionError: false, reported: false, tooLarge: false } };
  }
  const events = records.map((record) => eventRecord(record, context.source));
  return invoke(target, events, {
    mappingUuid: context.uuid,
    requestId: crypto.randomUUID(),
    reportBatchItemFailures: context.settings.reportBatchItemFailures,
  });
}

function resolveDestination(context: FeedContext): Target | undefined {
  try {
    return context.destination();
  } catch {
    // A destination that no longer resolves is as good as none: keep the batch.
    return undefined;
  }
}

/**
 * Sends the invocation record for `records` to the destination; once it is there, the checkpoint
 * moves past them. Answers whether it got there.
 */
async function giveUp(
  state: ShardState,
  records: ShardRecord[],
  condition: FailureCondition,
  destination: Target,
  context: FeedContext,
): Promise<boolean> {
  const last = records.at(-1);
  if (!last) return true;
  const now = context.now();
  const record = invocationRecord(records, context.source, {
    requestId: crypto.randomUUID(),
    functionArn: context.functionArn,
    condition,
    invokeCount: state.attempts,
    statusCode: state.lastStatus ?? 0,
    functionError: "Unhandled",
    nowMs: now,
  });
  const error = await sendInvocationRecord(destination, record, { mappingUuid: context.uuid, requestId: record.requestContext.requestId });
  if (error !== undefined) {
    state.retryAtMs = now + backoffMs(Math.max(1, state.attempts));
    context.save(state);
    context.report(`PROBLEM: The OnFailure destination did not take the batch: ${error}`);
    return false;
  }
  state.checkpoint = last.counter;
  if (state.batchEnd === null || state.checkpoint >= state.batchEnd) clearFailure(state);
  context.save(state);
  return true;
}

function waitToRetry(state: ShardState, context: FeedContext, result: string): number {
  state.retryAtMs = context.now() + backoffMs(state.attempts);
  context.save(state);
  context.report(result);
  return state.retryAtMs;
}

function retryAt(state: ShardState): number {
  return state.retryAtMs ?? 0;
}

function clearFailure(state: ShardState): void {
  state.batchEnd = null;
  state.attempts = 0;
  state.retryAtMs = null;
  state.lastStatus = null;
  state.lastError = null;
}
