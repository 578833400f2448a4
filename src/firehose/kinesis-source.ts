/**
 * KinesisStreamAsSource: a delivery stream that reads a Data Streams stream of this service. Its
 * buffer object does the reading, on its alarm (about every second): for each shard of the source
 * stream whose parents are finished (resharding lineage, shared with event source mappings in
 * src/triggers/lineage.ts) it reads the records after its checkpoint with the shard's internal
 * `readAfter`, and stores them and the new checkpoint in one transaction. So a record is taken once,
 * and a restart resumes where the last stored read ended.
 *
 * Reading starts at LATEST when the delivery stream is created, as AWS's does ("Firehose starts
 * reading data from the LATEST position of your Kinesis stream"); shards made by a later reshard
 * are read from their start.
 */
import { InvalidArgumentException, unwrap } from "../aws/errors";
import { parseStreamArn, shardIdOf } from "../streams/ids";
import type { StreamView } from "../streams/registry";
import { readyShards } from "../triggers/lineage";
import type { SourceShard } from "./buffer-store";
import type { SourceRecord } from "./records";
import { registryFor, shardStub } from "../objects";
import type { Scope } from "../aws/scope";

/** Where a buffer reads from. */
export interface KinesisSourceConfig {
  account: string;
  region: string;
  streamName: string;
  streamArn: string;
}

export const KINESIS_SOURCE = {
  /** Ours: how often a delivery stream polls its source's shards (AWS polls each shard about once a second). */
  pollMs: 1000,
  /** Ours: records and bytes one read of one shard takes (GetRecords' own limits: 10,000 records, 10 MiB). */
  readLimit: 1000,
  readBytes: 4 * 1024 * 1024,
  /** Ours: reads of one shard per poll before the next poll goes on (a long backlog yields). */
  readsPerShardPerPoll: 8,
} as const;

/** The source of a stored KinesisStreamARN (checked when the delivery stream was created). */
export function sourceConfigOf(arn: string): KinesisSourceConfig {
  const parsed = parseStreamArn(arn);
  if (!parsed) throw new InvalidArgumentException(`Invalid KinesisStreamARN: ${arn}`);
  return { account: parsed.account, region: parsed.region, streamName: parsed.name, streamArn: arn };
}

/** The source a KinesisStreamSourceConfiguration names; the stream must exist in the caller's account and region. */
export async function kinesisSourceFor(env: Env, scope: Scope, arn: string): Promise<KinesisSourceConfig> {
  const source = sourceConfigOf(arn);
  const stream = source.account === scope.account && source.region === scope.region ? await describeSource(env, source) : undefined;
  if (!stream) throw new InvalidArgumentException(`Stream ${source.streamName} under account ${source.account} not found.`);
  return source;
}

/** The source stream now; undefined when it does not exist (or is being deleted). */
export async function describeSource(env: Env, source: KinesisSourceConfig): Promise<StreamView | undefined> {
  const scope = { account: source.account, region: source.region };
  const outcome = await registryFor(env, scope).describe(scope, source.streamName);
  if (!outcome.ok) {
    if (outcome.error.type === "ResourceNotFoundException") return undefined;
    unwrap(outcome);
  }
  return outcome.ok && outcome.value.status !== "DELETING" ? outcome.value : undefined;
}

/** Each shard's LATEST counter: where a new delivery stream starts reading. */
export async function latestCheckpoints(env: Env, stream: StreamView): Promise<{ index: number; checkpoint: number }[]> {
  return Promise.all(
    stream.shards.map(async (shard) => ({
      index: shard.index,
      checkpoint: unwrap(await shardStub(env, stream.id, shard.index).position({ type: "LATEST" })),
    })),
  );
}

/** What a poll needs from its buffer. */
export interface SourcePollContext {
  env: Env;
  source: KinesisSourceConfig;
  /** The source stream's id the shards were tracked for (a re-created stream has another). */
  trackedStreamId(): string | undefined;
  restart(streamId: string): void;
  shards(): SourceShard[];
  addShard(index: number, checkpoint: number): void;
  /** Stores the records and the shard's new checkpoint together (one transaction). */
  take(shard: SourceShard, records: Omit<SourceRecord, "recordId" | "arrivalMs">[]): Promise<void>;
}

/** Reads every ready shard until it has nothing more (or its share of the poll is used); answers how many records were taken. */
export async function pollSource(context: SourcePollContext): Promise<number> {
  const stream = await describeSource(context.env, context.source);
  if (!stream) return 0;
  if (context.trackedStreamId() !== stream.id) context.restart(stream.id);
  for (const shard of stream.shards) context.addShard(shard.index, 0);
  let taken = 0;
  // A shard finished in this poll lets its children be read in the same poll.
  for (let pass = 0; pass < 4; pass++) {
    const states = new Map(context.shards().map((shard) => [shard.index, shard]));
    const ready = readyShards(stream.shards, new Map([...states].map(([index, state]) => [index, state.finished])));
    let finishedAny = false;
    for (const index of ready) {
      const state = states.get(index);
      if (!state) continue;
      for (let read = 0; read < KINESIS_SOURCE.readsPerShardPerPoll; read++) {
        const batch = unwrap(
          await shardStub(context.env, stream.id, index).readAfter(state.checkpoint, KINESIS_SOURCE.readLimit, KINESIS_SOURCE.readBytes),
        );
        const next: SourceShard = { index, checkpoint: Math.max(state.checkpoint, batch.last), finished: batch.children !== undefined };
        if (batch.records.length === 0 && next.checkpoint === state.checkpoint && next.finished === state.finished) break;
        await context.take(
          next,
          batch.records.map((record) => ({
            data: record.data,
            kinesis: {
              partitionKey: record.partitionKey,
              sequenceNumber: record.sequenceNumber,
              shardId: shardIdOf(index),
              approximateArrivalMs: record.arrivalMs,
            },
          })),
        );
        taken += batch.records.length;
        state.checkpoint = next.checkpoint;
        state.finished = next.finished;
        if (next.finished) finishedAny = true;
        if (!batch.more) break;
      }
    }
    if (!finishedAny) break;
  }
  return taken;
}
