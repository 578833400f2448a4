/**
 * The stream registry Durable Object: one per account and region, holding every stream's metadata
 * (status, shards and their hash key ranges, retention, tags). One object means one writer, so
 * names stay unique and shard counts stay within the account's limit without locks.
 *
 * Statuses move by time: a stream is CREATING until `statusUntilMs`, then ACTIVE; a DELETING
 * stream disappears at `statusUntilMs`, when an alarm also destroys its shard objects.
 */
import { DurableObject } from "cloudflare:workers";
import {
  capture,
  InvalidArgumentException,
  LimitExceededException,
  ResourceInUseException,
  ResourceNotFoundException,
} from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import type { Env } from "../env";
import { KINESIS } from "../limits";
import { evenHashRanges } from "./hashing";
import { newStreamId, streamArn } from "./ids";
import { RegistryStore, type ShardRow, type StreamMode, type StreamRow, type StreamStatus } from "./registry-store";
import { shardObjectName } from "./shard";

export interface Scope {
  account: string;
  region: string;
}

export interface StreamView extends Omit<StreamRow, "status" | "statusUntilMs"> {
  arn: string;
  status: StreamStatus;
  shards: ShardRow[];
}

export interface CreateStreamRequest {
  name: string;
  shardCount: number;
  mode: StreamMode;
  tags: [string, string][];
  maxRecordSizeKiB: number;
}

/** The registry object for an account and region. */
export function registryFor(env: Env, scope: Scope): DurableObjectStub<StreamRegistry> {
  return env.STREAM_REGISTRY.get(env.STREAM_REGISTRY.idFromName(`${scope.account}:${scope.region}`));
}

function notFound(scope: Scope, name: string): never {
  throw new ResourceNotFoundException(`Stream ${name} under account ${scope.account} not found.`);
}

/** Tags may hold Unicode letters, digits, white space and `_ . / = + - % @ :`; AWS then refuses `%` anyway. */
const TAG_CHARACTERS = /^[\p{L}\p{N}\s_.:/=+\-@%]*$/u;

function checkTagCharacters(scope: Scope, name: string, action: string, texts: string[]): void {
  if (!texts.every((text) => TAG_CHARACTERS.test(text))) {
    throw new InvalidArgumentException(
      "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.",
    );
  }
  if (texts.some((text) => text.includes("%"))) {
    throw new InvalidArgumentException(
      `Failed to ${action} stream ${name} under account ${scope.account} because some tags contained illegal characters. ` +
        "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
  }
}

export class StreamRegistry extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: RegistryStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RegistryStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  async createStream(scope: Scope, request: CreateStreamRequest) {
    return capture(async () => {
      const now = this.clock.now();
      if (this.live(request.name, now)) {
        throw new ResourceInUseException(`Stream ${request.name} under account ${scope.account} already exists.`);
      }
      const openShards = this.store.openShardCount();
      if (openShards + request.shardCount > KINESIS.shardLimit) {
        throw new LimitExceededException(
          `This request would exceed the shard limit for the account ${scope.account} in ${scope.region}. ` +
            `Current shard count for the account: ${openShards}. Limit: ${KINESIS.shardLimit}. ` +
            `Number of additional shards that would have resulted from this request: ${request.shardCount}. ` +
            "Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) " +
            "for current limits and how to request higher limits.",
        );
      }
      if (request.mode === "ON_DEMAND" && this.store.streamCountByMode("ON_DEMAND") >= KINESIS.onDemandStreamCountLimit) {
        throw new LimitExceededException(
          `This request would exceed the on-demand stream count limit for the account ${scope.account} in ${scope.region}. ` +
            `Limit: ${KINESIS.onDemandStreamCountLimit}.`,
        );
      }
      const stream: StreamRow = {
        name: request.name,
        id: newStreamId(),
        createdMs: now,
        status: "CREATING",
        statusUntilMs: null,
        retentionHours: KINESIS.defaultRetentionHours,
        mode: request.mode,
        maxRecordSizeKiB: request.maxRecordSizeKiB,
      };
      const shards: ShardRow[] = evenHashRanges(request.shardCount).map((range, index) => ({
        index,
        parentIndex: null,
        adjacentParentIndex: null,
        startHash: range.start.toString(),
        endHash: range.end.toString(),
        createdMs: now,
        closedMs: null,
        endingCounter: null,
      }));
      // A stream that finished deleting keeps its row until its shards are gone; finish that first.
      const deleted = this.store.stream(request.name);
      if (deleted) await this.purge(deleted);
      if (this.store.stream(request.name)) {
        throw new ResourceInUseException(`Stream ${request.name} under account ${scope.account} already exists.`);
      }
      this.store.insertStream(stream, shards, new Map(request.tags));
      try {
        await Promise.all(
          shards.map(async (shard) => {
            const outcome = await this.shard(stream, shard.index).init({
              account: scope.account,
              region: scope.region,
              streamName: stream.name,
              streamId: stream.id,
              streamCreatedMs: stream.createdMs,
              shardIndex: shard.index,
              retentionHours: stream.retentionHours,
            });
            if (!outcome.ok) throw new Error(`shard ${shard.index} refused init: ${outcome.error.type}`);
          }),
        );
      } catch (error) {
        this.store.deleteStream(stream.name);
        throw error;
      }
      this.store.setStatus(stream.name, "CREATING", Math.max(now + KINESIS.createStreamMs, this.clock.now()));
    });
  }

  async deleteStream(scope: Scope, name: string) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.live(name, now) ?? notFound(scope, name);
      if (stream.status === "DELETING") return;
      this.store.setStatus(name, "DELETING", now + KINESIS.deleteStreamMs);
      await this.scheduleAlarm();
    });
  }

  async describe(scope: Scope, name: string) {
    return capture(() => this.view(scope, this.live(name, this.clock.now()) ?? notFound(scope, name)));
  }

  async listStreams(scope: Scope, afterName: string | undefined, limit: number) {
    return capture(() => {
      const now = this.clock.now();
      const streams: StreamView[] = [];
      let after = afterName;
      // Streams that finished deleting are skipped here, so read on until the page is full.
      for (;;) {
        const batch = this.store.streams(after, limit + 1);
        for (const row of batch) {
          const live = this.effective(row, now);
          if (live) streams.push({ ...this.view(scope, live), shards: [] });
        }
        const last = batch.at(-1);
        if (streams.length > limit || batch.length < limit + 1 || !last) break;
        after = last.name;
      }
      return { streams: streams.slice(0, limit), hasMore: streams.length > limit };
    });
  }

  async updateRetention(scope: Scope, name: string, hours: number, direction: "increase" | "decrease") {
    return capture(async () => {
      const stream = this.active(scope, name);
      if (hours < KINESIS.minRetentionHours) {
        throw new InvalidArgumentException(
          `Minimum allowed retention period is ${KINESIS.minRetentionHours} hours. Requested retention period (${hours} hours) is too short.`,
        );
      }
      if (hours > KINESIS.maxRetentionHours) {
        throw new InvalidArgumentException(
          `Maximum allowed retention period is ${KINESIS.maxRetentionHours} hours. Requested retention period (${hours} hours) is too long.`,
        );
      }
      if (direction === "increase" && hours < stream.retentionHours) {
        throw new InvalidArgumentException(
          `Requested retention period (${hours} hours) for stream ${name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`,
        );
      }
      if (direction === "decrease" && hours > stream.retentionHours) {
        throw new InvalidArgumentException(
          `Requested retention period (${hours} hours) for stream ${name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
        );
      }
      // Shards first: they are what enforces retention, and telling them twice is harmless.
      await Promise.all(
        this.store.shards(name).map(async (shard) => {
          const outcome = await this.shard(stream, shard.index).setRetention(hours);
          if (!outcome.ok) throw new Error(`shard ${shard.index} refused retention: ${outcome.error.type}`);
        }),
      );
      this.store.setRetention(name, hours);
    });
  }

  async tags(scope: Scope, name: string) {
    return capture(() => {
      this.live(name, this.clock.now()) ?? notFound(scope, name);
      return [...this.store.tags(name)].map(([key, value]) => ({ key, value }));
    });
  }

  async addTags(scope: Scope, name: string, tags: [string, string][]) {
    return capture(() => {
      this.active(scope, name);
      checkTagCharacters(scope, name, "add tags to", tags.flat());
      const merged = this.store.tags(name);
      for (const [key, value] of tags) merged.set(key, value);
      if (merged.size > KINESIS.maxTagsPerStream) {
        // AWS's message still names the old limit of 10 while enforcing 50.
        throw new InvalidArgumentException(
          `Failed to add tags to stream ${name} under account ${scope.account} because a given stream cannot have more than 10 tags associated with it.`,
        );
      }
      this.store.putTags(name, new Map(tags));
    });
  }

  async removeTags(scope: Scope, name: string, keys: string[]) {
    return capture(() => {
      this.active(scope, name);
      checkTagCharacters(scope, name, "remove tags from", keys);
      this.store.removeTags(name, keys);
    });
  }

  async limits() {
    return capture(() => ({
      openShardCount: this.store.openShardCount(),
      onDemandStreamCount: this.store.streamCountByMode("ON_DEMAND"),
    }));
  }

  /** Destroys the shard objects of streams whose deletion is due, then forgets the streams. */
  override async alarm(): Promise<void> {
    for (const stream of this.store.streamsDeletedBy(this.clock.now())) await this.purge(stream);
    await this.scheduleAlarm();
  }

  private async purge(stream: StreamRow): Promise<void> {
    await Promise.all(this.store.shards(stream.name).map((shard) => this.shard(stream, shard.index).destroy()));
    // Only if nobody re-created the stream meanwhile.
    if (this.store.stream(stream.name)?.id === stream.id) this.store.deleteStream(stream.name);
  }

  private shard(stream: StreamRow, index: number) {
    return this.env.SHARD.get(this.env.SHARD.idFromName(shardObjectName(stream.id, index)));
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.store.nextDeletionMs();
    if (next === undefined) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  /** The stream as it stands at `now`, or undefined when it does not exist (or finished deleting). */
  private live(name: string, now: number): StreamRow | undefined {
    const row = this.store.stream(name);
    return row && this.effective(row, now);
  }

  private effective(row: StreamRow, now: number): StreamRow | undefined {
    const due = row.statusUntilMs !== null && now >= row.statusUntilMs;
    if (row.status === "DELETING" && due) return undefined;
    if ((row.status === "CREATING" || row.status === "UPDATING") && due) return { ...row, status: "ACTIVE" };
    return row;
  }

  /** The stream, which must be ACTIVE for the change asked of it. */
  private active(scope: Scope, name: string): StreamRow {
    const stream = this.live(name, this.clock.now()) ?? notFound(scope, name);
    if (stream.status !== "ACTIVE") {
      throw new ResourceInUseException(
        `Stream ${name} under account ${scope.account} not ACTIVE, instead in state ${stream.status}`,
      );
    }
    return stream;
  }

  private view(scope: Scope, stream: StreamRow): StreamView {
    const { statusUntilMs: _until, ...rest } = stream;
    return { ...rest, arn: streamArn(scope.region, scope.account, stream.name), shards: this.store.shards(stream.name) };
  }
}
