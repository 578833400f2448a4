/**
 * Writing an output's pending records (the outbox, see ../application-store.ts) to its destination,
 * at least once, as AWS does (failover-checkpoint.md): a record leaves the outbox only once the
 * destination took it; what it did not take is written again later, in order where it can be.
 *
 * - KinesisStreamsOutput: PutRecords into a stream of this service, through the streams' writer
 *   (each record to the shard its partition key hashes to). AWS does not document its partition
 *   keys; ours are random, so rows spread over the shards. Throttled records are written again.
 * - KinesisFirehoseOutput: into the delivery stream's buffer, as PutRecordBatch does, so the rows
 *   are delivered to R2 or D1 like any other record.
 * - LambdaOutput: KDA's output contract (how-it-works-output-lambda.md):
 *     request  {invocationId, applicationArn, records: [{recordId, lambdaDeliveryRecordMetadata: {retryHint}, data (base64)}]}
 *     response {records: [{recordId, result: Ok | DeliveryFailed}]}
 *   A record not answered Ok (DeliveryFailed, left out, or the invocation failed) is sent again
 *   "until successful"; retryHint counts the failed deliveries since the object started (AWS: "not
 *   durably persisted").
 */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import type { Clock } from "../../clock";
import { bufferFor, firehoseRegistryFor } from "../../objects";
import { writeRecords } from "../../streams/writer";
import { answeredRecords, functionTarget, invocations, invoke } from "./functions";
import { RUNNER } from "./limits";
import type { Destination, StreamRef } from "./plan";

export interface PendingRecord {
  /** The outbox row's id: unique within the application, and Lambda's recordId. */
  readonly id: number;
  readonly data: Uint8Array;
}

export interface WriteOutcome {
  /** The ids the destination took. */
  readonly written: number[];
  /** Why the others were not, when some were not. */
  readonly failure?: string;
}

export interface OutputWriter {
  /** Writes `records` (in order); `retries` is how many earlier attempts failed. */
  write(records: readonly PendingRecord[], retries: number): Promise<WriteOutcome>;
}

export interface WriterContext {
  readonly env: Env;
  readonly applicationArn: string;
  readonly clock: Clock;
}

export function outputWriter(destination: Destination, context: WriterContext): OutputWriter {
  switch (destination.kind) {
    case "kinesis":
      return kinesisWriter(destination, context);
    case "firehose":
      return firehoseWriter(destination, context);
    case "lambda":
      return lambdaWriter(destination.arn, context);
  }
}

/** Groups records into writes of at most RUNNER.outputBatchRecords records and RUNNER.outputBatchBytes bytes. */
function batches(records: readonly PendingRecord[]): PendingRecord[][] {
  const out: PendingRecord[][] = [];
  let current: PendingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    if (current.length > 0 && (current.length >= RUNNER.outputBatchRecords || bytes + record.data.byteLength > RUNNER.outputBatchBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += record.data.byteLength;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function kinesisWriter(ref: StreamRef, context: WriterContext): OutputWriter {
  const request = (): RequestContext => ({
    env: context.env,
    // The application writes as the service itself: stream resource policies name callers, not services.
    caller: { accessKeyId: "kinesisanalytics.amazonaws.com", region: ref.scope.region, service: "kinesis" },
    scope: ref.scope,
    requestId: crypto.randomUUID(),
    clock: context.clock,
    format: "json",
  });
  return {
    async write(records) {
      const written: number[] = [];
      for (const batch of batches(records)) {
        try {
          const call = { operation: "PutRecords", startedMs: context.clock.now() } as const;
          const input = batch.map((record) => ({ PartitionKey: crypto.randomUUID(), Data: record.data }));
          const { results } = await writeRecords(request(), ref.name, input, call, () => {});
          results.forEach((result, i) => {
            const id = batch[i]?.id;
            if (id !== undefined && "SequenceNumber" in result) written.push(id);
          });
          if (results.some((result) => "ErrorCode" in result)) {
            return { written, failure: `Kinesis stream ${ref.name} did not take every record (throttled or failed)` };
          }
        } catch (error) {
          return { written, failure: `Kinesis stream ${ref.name}: ${messageOf(error)}` };
        }
      }
      return { written };
    },
  };
}

function firehoseWriter(ref: StreamRef, context: WriterContext): OutputWriter {
  return {
    async write(records) {
      const written: number[] = [];
      try {
        const target = unwrap(await firehoseRegistryFor(context.env, ref.scope).target(ref.scope, ref.name));
        for (const batch of batches(records)) {
          const ids = unwrap(await bufferFor(context.env, target.id).put(batch.map((record) => record.data)));
          ids.forEach((recordId, i) => {
            const id = batch[i]?.id;
            if (id !== undefined && recordId !== null) written.push(id);
          });
          if (ids.some((recordId) => recordId === null)) return { written, failure: `Firehose ${ref.name} did not take every record (throttled)` };
        }
      } catch (error) {
        return { written, failure: `Firehose ${ref.name}: ${messageOf(error)}` };
      }
      return { written };
    },
  };
}

const encoder = new TextEncoder();

function lambdaWriter(arn: string, context: WriterContext): OutputWriter {
  return {
    async write(records, retries) {
      const target = functionTarget(context.env, arn);
      if (typeof target === "string") return { written: [], failure: target };
      const entries = records.map((record) => ({
        id: record.id,
        entry: { recordId: String(record.id), lambdaDeliveryRecordMetadata: { retryHint: retries }, data: record.data.toBase64() },
      }));
      const envelope = encoder.encode(JSON.stringify({ invocationId: crypto.randomUUID(), applicationArn: context.applicationArn, records: [] })).length;
      const written: number[] = [];
      let failure: string | undefined;
      for (const batch of invocations(entries, (item) => encoder.encode(JSON.stringify(item.entry)).length, envelope)) {
        const body = JSON.stringify({ invocationId: crypto.randomUUID(), applicationArn: context.applicationArn, records: batch.map((item) => item.entry) });
        const answer = await invoke(target, body);
        if (!answer.ok) return { written, failure: `Lambda output ${arn} failed (${answer.failure})` };
        const returned = answeredRecords(answer.text);
        for (const item of batch) {
          if (returned?.get(item.entry.recordId)?.result === "Ok") written.push(item.id);
          else failure = `Lambda output ${arn} did not answer Ok for every record`;
        }
      }
      return failure === undefined ? { written } : { written, failure };
    },
  };
}
