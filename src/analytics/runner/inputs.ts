/**
 * An application's inputs, read after per-source checkpoints that the application stores with its
 * engine state (so the checkpoint only moves when the rows it covers are part of the stored state):
 *
 * - KinesisStreamsInput: the stream's shards, each after its own checkpoint, following resharding
 *   (a child is read once its parents are finished), with Firehose's Kinesis source doing the
 *   reading (firehose/kinesis-source.ts's pollSource, given checkpoints held in memory until the
 *   step commits). A re-created stream is read from the start of its new shards.
 * - KinesisFirehoseInput: the delivery stream's tap (firehose/buffer.ts), after the record number
 *   the application has taken; the subscription is the application object's, per input.
 *
 * Starting positions: NOW (what is accepted from now on), TRIM_HORIZON (everything the stream
 * still holds; for a delivery stream, what its tap still holds, which is nothing before the first
 * subscription); LAST_STOPPED_POINT uses the stored checkpoints.
 */
import { ResourceNotFoundException, unwrap } from "../../aws/errors";
import type { SourceShard } from "../../firehose/buffer-store";
import { describeSource, KINESIS_SOURCE, latestCheckpoints, pollSource, type KinesisSourceConfig } from "../../firehose/kinesis-source";
import { bufferFor, firehoseRegistryFor } from "../../objects";
import { RUNNER } from "./limits";
import type { StreamRef } from "./plan";

/** A record as its source gave it, before preprocessing. */
export interface SourceRecord {
  readonly data: Uint8Array;
  /** ApproximateArrivalTimestamp (Kinesis), or when the delivery stream accepted it. */
  readonly arrivalMs: number;
  /** Picks the in-application stream with InputParallelism: the shard's index, or the record's number. */
  readonly partition: number;
  /** A Kinesis record's place, for the preprocessing function's kinesisStreamRecordMetadata. */
  readonly kinesis?: { readonly shardId: string; readonly partitionKey: string; readonly sequenceNumber: string };
}

/** Where an input stands: the source's id (a stream re-created under its name has another) and per shard the last record taken. */
export interface InputPosition {
  readonly sourceId: string | null;
  readonly shards: readonly SourceShard[];
}

export interface SourceRead {
  readonly records: SourceRecord[];
  readonly position: InputPosition;
  /** More records are waiting: step again soon. */
  readonly more: boolean;
}

export interface InputSource {
  place(from: "NOW" | "TRIM_HORIZON"): Promise<InputPosition>;
  read(position: InputPosition): Promise<SourceRead>;
  /** Stops holding records for this application (it was deleted, or no longer reads the source). */
  close(): Promise<void>;
}

export function inputSource(env: Env, ref: StreamRef, subscriber: string): InputSource {
  return ref.kind === "kinesis" ? kinesisInput(env, ref) : firehoseInput(env, ref, subscriber);
}

function kinesisInput(env: Env, ref: StreamRef): InputSource {
  const config: KinesisSourceConfig = { account: ref.scope.account, region: ref.scope.region, streamName: ref.name, streamArn: ref.arn };
  return {
    async place(from) {
      const stream = await describeSource(env, config);
      if (!stream) throw new ResourceNotFoundException(`Stream ${ref.name} under account ${ref.scope.account} not found.`);
      // TRIM_HORIZON is checkpoint 0 of every shard (a shard's counters start at 1); closed parents are read first.
      const shards = from === "NOW" ? await latestCheckpoints(env, stream) : stream.shards.map((shard) => ({ index: shard.index, checkpoint: 0 }));
      return { sourceId: stream.id, shards: shards.map((shard) => ({ ...shard, finished: false })) };
    },
    async read(position) {
      let sourceId = position.sourceId;
      const shards = new Map(position.shards.map((shard) => [shard.index, { ...shard }]));
      const records: SourceRecord[] = [];
      await pollSource({
        env,
        source: config,
        trackedStreamId: () => sourceId ?? undefined,
        restart: (id) => {
          sourceId = id;
          shards.clear();
        },
        shards: () => [...shards.values()],
        addShard: (index, checkpoint) => {
          if (!shards.has(index)) shards.set(index, { index, checkpoint, finished: false });
        },
        take: async (shard, taken) => {
          shards.set(shard.index, { ...shard });
          for (const record of taken) {
            const kinesis = record.kinesis;
            records.push({
              data: record.data,
              arrivalMs: kinesis?.approximateArrivalMs ?? 0,
              partition: shard.index,
              ...(kinesis && { kinesis: { shardId: kinesis.shardId, partitionKey: kinesis.partitionKey, sequenceNumber: kinesis.sequenceNumber } }),
            });
          }
        },
      });
      return { records, position: { sourceId, shards: [...shards.values()] }, more: records.length >= KINESIS_SOURCE.readLimit };
    },
    async close() {},
  };
}

function firehoseInput(env: Env, ref: StreamRef, subscriber: string): InputSource {
  const bufferId = async (): Promise<string> => unwrap(await firehoseRegistryFor(env, ref.scope).describe(ref.scope, ref.name)).id;
  const open = async (id: string, from: "NOW" | "TRIM_HORIZON"): Promise<InputPosition> => ({
    sourceId: id,
    shards: [{ index: 0, checkpoint: unwrap(await bufferFor(env, id).tapOpen(subscriber, from)), finished: false }],
  });
  return {
    async place(from) {
      return open(await bufferId(), from);
    },
    async read(position) {
      const id = await bufferId();
      // A delivery stream deleted and created again under its name: its new buffer, from its start.
      const start = id === position.sourceId ? position : await open(id, "TRIM_HORIZON");
      let after = start.shards[0]?.checkpoint ?? 0;
      const records: SourceRecord[] = [];
      let more = false;
      for (let read = 0; read < RUNNER.readsPerStep; read++) {
        const batch = unwrap(await bufferFor(env, id).tapRead(subscriber, after, RUNNER.tapReadRecords, RUNNER.tapReadBytes));
        for (const record of batch.records) records.push({ data: record.data, arrivalMs: record.arrivalMs, partition: record.seq });
        after = batch.last;
        more = batch.more;
        if (!more) break;
      }
      return { records, position: { sourceId: id, shards: [{ index: 0, checkpoint: after, finished: false }] }, more };
    },
    async close() {
      const outcome = await firehoseRegistryFor(env, ref.scope).describe(ref.scope, ref.name);
      if (outcome.ok) unwrap(await bufferFor(env, outcome.value.id).tapClose(subscriber));
    },
  };
}
