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
import { KINESIS } from "../limits";
import { evenHashRanges } from "./hashing";
import { newStreamId, streamArn } from "./ids";
import { RegistryStore, type ShardRow, type StreamMode, type StreamRow, type StreamStatus } from "./registry-store";
import { deregisterConsumer, findConsumer, liveConsumers, registerConsumer } from "./consumers";
import { adjacent, planMerge, planSplit, planUniformScaling, type ReshardPlan } from "./resharding";
import { ShardFleet } from "./shard-fleet";
import { checkTagCharacters, checkTagCount } from "./tags";
import {
  checkWarmThroughput,
  commitmentActive,
  currentThroughputMiBps,
  effectiveCommitment,
  updateCommitment,
} from "./account-settings";
import { keyNotFound, masterKey } from "./encryption";
import { changeMetrics } from "./monitoring";
import { policyOf, setPolicy, type PolicyTarget } from "./resource-policies";
import type { Scope } from "../aws/scope";

export interface StreamView extends Omit<StreamRow, "status" | "statusUntilMs"> {
  arn: string;
  status: StreamStatus;
  shards: ShardRow[];
  consumerCount: number;
  /** On-demand streams of an account with a throughput commitment: the warm throughput asked for, and the current one. */
  warmThroughput?: { targetMiBps: number | null; currentMiBps: number };
}

export interface CreateStreamRequest {
  name: string;
  shardCount: number;
  mode: StreamMode;
  tags: [string, string][];
  maxRecordSizeKiB: number;
  warmThroughputMiBps?: number;
}

function notFound(scope: Scope, name: string): never {
  throw new ResourceNotFoundException(`Stream ${name} under account ${scope.account} not found.`);
}

export class StreamRegistry extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: RegistryStore;
  private readonly fleet: ShardFleet;
  /** When each on-demand stream last grew by itself. */
  private readonly scaledAt = new Map<string, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RegistryStore(ctx.storage);
    this.fleet = new ShardFleet(env, ctx.storage, this.store);
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
      if (request.warmThroughputMiBps !== undefined) {
        const commitment = effectiveCommitment(this.store.accountSettings(), now);
        checkWarmThroughput({ account: scope.account, streamName: request.name }, request.mode, commitment, request.warmThroughputMiBps);
      }
      // The tags a stream is created with follow AddTagsToStream's rules.
      checkTagCharacters({ account: scope.account, streamName: request.name }, "add tags to", request.tags.flat());
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
        sequenceCreatedMs: now,
      }));
      // A stream that finished deleting keeps its row until its shards are gone; finish that first.
      const deleted = this.store.stream(request.name);
      if (deleted) await this.fleet.purge(deleted);
      if (this.store.stream(request.name)) {
        throw new ResourceInUseException(`Stream ${request.name} under account ${scope.account} already exists.`);
      }
      this.store.insertStream(stream, shards, new Map(request.tags));
      if (request.warmThroughputMiBps !== undefined) this.store.setWarmThroughput(stream.name, request.warmThroughputMiBps);
      try {
        await Promise.all(shards.map((shard) => this.fleet.init(scope, stream, shard.index, now)));
      } catch (error) {
        this.store.deleteStream(stream.name);
        throw error;
      }
      this.store.setStatus(stream.name, "CREATING", Math.max(now + KINESIS.createStreamMs, this.clock.now()));
    });
  }

  async deleteStream(scope: Scope, name: string, enforceConsumerDeletion: boolean) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.live(name, now) ?? notFound(scope, name);
      if (stream.status === "DELETING") return;
      if (!enforceConsumerDeletion && liveConsumers(this.store, { ...scope, streamName: name }, now).length > 0) {
        throw new ResourceInUseException(
          `Stream ${name} under account ${scope.account} has registered consumers. Deregister them, or delete with EnforceConsumerDeletion.`,
        );
      }
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
          const outcome = await this.fleet.shard(stream, shard.index).setRetention(hours);
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
      checkTagCharacters({ account: scope.account, streamName: name }, "add tags to", tags.flat());
      const merged = this.store.tags(name);
      for (const [key, value] of tags) merged.set(key, value);
      checkTagCount({ account: scope.account, streamName: name }, merged.size);
      this.store.putTags(name, new Map(tags));
    });
  }

  async removeTags(scope: Scope, name: string, keys: string[]) {
    return capture(() => {
      this.active(scope, name);
      checkTagCharacters({ account: scope.account, streamName: name }, "remove tags from", keys);
      this.store.removeTags(name, keys);
    });
  }

  async splitShard(scope: Scope, name: string, shardId: string, newStartingHashKey: string) {
    return capture(async () => {
      const stream = this.active(scope, name);
      const shard = this.fleet.openOne(scope, stream, shardId);
      const key = BigInt(newStartingHashKey);
      if (key <= shard.start + 1n || key >= shard.end) {
        throw new InvalidArgumentException(
          `NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shardId} in stream ${name} under account ${scope.account} ` +
            `is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`,
        );
      }
      await this.reshard(scope, stream, planSplit(shard, key, this.fleet.nextIndex(stream)));
    });
  }

  async mergeShards(scope: Scope, name: string, shardId: string, adjacentShardId: string) {
    return capture(async () => {
      const stream = this.active(scope, name);
      const shard = this.fleet.openOne(scope, stream, shardId);
      const neighbour = this.fleet.openOne(scope, stream, adjacentShardId);
      if (!adjacent(shard, neighbour)) {
        throw new InvalidArgumentException(
          `Shards ${shardId} and ${adjacentShardId} in stream ${name} under account ${scope.account} are not an adjacent pair of shards eligible for merging`,
        );
      }
      await this.reshard(scope, stream, planMerge(shard, neighbour, this.fleet.nextIndex(stream)));
    });
  }

  async updateShardCount(scope: Scope, name: string, target: number) {
    return capture(async () => {
      const stream = this.active(scope, name);
      const open = this.fleet.open(stream);
      const counts = `Current open shard count: ${open.length}, Target shard count: ${target}`;
      if (target > KINESIS.shardLimit) {
        throw new LimitExceededException(
          `Target shard count or number of open shards cannot be greater than ${KINESIS.shardLimit}. ${counts}`,
        );
      }
      if (target > open.length * 2) {
        throw new LimitExceededException(`UpdateShardCount cannot scale up over double your current open shard count. ${counts}`);
      }
      if (target < open.length / 2) {
        throw new LimitExceededException(`UpdateShardCount cannot scale down below half your current open shard count. ${counts}`);
      }
      await this.reshard(scope, stream, planUniformScaling(open, target, this.fleet.nextIndex(stream)));
      return { currentShardCount: open.length };
    });
  }

  async registerConsumer(scope: Scope, streamName: string, consumerName: string) {
    return capture(() => {
      this.active(scope, streamName);
      return registerConsumer(this.store, { ...scope, streamName }, consumerName, this.clock.now());
    });
  }

  async deregisterConsumer(scope: Scope, streamName: string, consumerName: string, createdSeconds?: number) {
    return capture(() => {
      const now = this.clock.now();
      this.live(streamName, now) ?? notFound(scope, streamName);
      deregisterConsumer(this.store, { ...scope, streamName }, consumerName, now, createdSeconds);
    });
  }

  async describeConsumer(scope: Scope, streamName: string, consumerName: string, createdSeconds?: number) {
    return capture(() => {
      const now = this.clock.now();
      this.live(streamName, now) ?? notFound(scope, streamName);
      return findConsumer(this.store, { ...scope, streamName }, consumerName, now, createdSeconds);
    });
  }

  async listConsumers(scope: Scope, streamName: string) {
    return capture(() => {
      const now = this.clock.now();
      const stream = this.live(streamName, now) ?? notFound(scope, streamName);
      return { streamCreatedMs: stream.createdMs, consumers: liveConsumers(this.store, { ...scope, streamName }, now) };
    });
  }

  async updateStreamMode(scope: Scope, name: string, mode: StreamMode, warmThroughputMiBps?: number) {
    return capture(async () => {
      const stream = this.active(scope, name);
      if (warmThroughputMiBps !== undefined) {
        if (mode !== "ON_DEMAND") {
          throw new InvalidArgumentException("WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND.");
        }
        const commitment = effectiveCommitment(this.store.accountSettings(), this.clock.now());
        checkWarmThroughput({ account: scope.account, streamName: name }, mode, commitment, warmThroughputMiBps);
        this.store.setWarmThroughput(name, warmThroughputMiBps);
      }
      if (stream.mode === mode) return;
      // Shards first: they decide when an on-demand stream needs more of them.
      await Promise.all(
        this.fleet.open(stream).map(async (shard) => {
          const outcome = await this.fleet.shard(stream, shard.index).setOnDemand(mode === "ON_DEMAND");
          if (!outcome.ok) throw new Error(`shard ${shard.index} refused its mode: ${outcome.error.type}`);
        }),
      );
      this.ctx.storage.transactionSync(() => {
        this.store.setMode(name, mode);
        // Warm throughput belongs to on-demand streams only.
        if (mode === "PROVISIONED") this.store.setWarmThroughput(name, null);
        this.store.setStatus(name, "UPDATING", this.clock.now() + KINESIS.updateStreamMs);
      });
    });
  }

  async updateMaxRecordSize(scope: Scope, name: string, kib: number) {
    return capture(() => {
      this.active(scope, name);
      this.store.setMaxRecordSize(name, kib);
    });
  }

  /**
   * A shard of an on-demand stream ran near its capacity: split it at the middle of its hash key
   * range, at most once per cooldown per stream. Requests about a stream that changed meanwhile
   * (re-created, no longer on-demand, busy resharding) are dropped.
   */
  async scaleHotShard(scope: Scope, name: string, streamId: string, shardIndex: number) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.live(name, now);
      if (!stream || stream.id !== streamId || stream.mode !== "ON_DEMAND" || stream.status !== "ACTIVE") return false;
      if (now - (this.scaledAt.get(name) ?? 0) < KINESIS.onDemandCooldownMs) return false;
      const shard = this.fleet.open(stream).find((candidate) => candidate.index === shardIndex);
      if (!shard || shard.end - shard.start < 2n) return false;
      this.scaledAt.set(name, now);
      await this.reshard(scope, stream, planSplit(shard, (shard.start + shard.end + 1n) / 2n, this.fleet.nextIndex(stream)));
      return true;
    });
  }

  /**
   * StartStreamEncryption (a KeyId) and StopStreamEncryption (null). The open shards are told first:
   * they are what seals records. Records stored before stay as they were, and readable.
   */
  async setEncryption(scope: Scope, name: string, keyId: string | null) {
    return capture(async () => {
      const stream = this.active(scope, name);
      // Without the deployment's master key there is no key to encrypt under, as KMS would say.
      if (keyId !== null && !masterKey(this.env)) throw keyNotFound(keyId, scope);
      await Promise.all(
        this.fleet.open(stream).map(async (shard) => {
          const outcome = await this.fleet.shard(stream, shard.index).setEncryption(keyId);
          if (!outcome.ok) throw new Error(`shard ${shard.index} refused encryption: ${outcome.error.type}`);
        }),
      );
      this.ctx.storage.transactionSync(() => {
        this.store.setEncryption(name, keyId);
        this.store.setStatus(name, "UPDATING", this.clock.now() + KINESIS.updateStreamMs);
      });
    });
  }

  /** EnableEnhancedMonitoring and DisableEnhancedMonitoring: the metrics before and after. */
  async setShardLevelMetrics(scope: Scope, name: string, metrics: string[], enable: boolean) {
    return capture(() => {
      const stream = this.active(scope, name);
      const current = stream.shardLevelMetrics ?? [];
      const desired = changeMetrics(current, metrics, enable);
      if (desired.join() !== current.join()) {
        this.ctx.storage.transactionSync(() => {
          this.store.setShardLevelMetrics(name, desired);
          this.store.setStatus(name, "UPDATING", this.clock.now() + KINESIS.updateStreamMs);
        });
      }
      return { arn: streamArn(scope.region, scope.account, name), current, desired };
    });
  }

  async updateWarmThroughput(scope: Scope, name: string, mibps: number) {
    return capture(() => {
      const now = this.clock.now();
      const stream = this.active(scope, name);
      checkWarmThroughput({ account: scope.account, streamName: name }, stream.mode, effectiveCommitment(this.store.accountSettings(), now), mibps);
      this.ctx.storage.transactionSync(() => {
        this.store.setWarmThroughput(name, mibps);
        this.store.setStatus(name, "UPDATING", now + KINESIS.updateStreamMs);
      });
      return {
        arn: streamArn(scope.region, scope.account, name),
        targetMiBps: mibps,
        currentMiBps: currentThroughputMiBps(this.fleet.open(stream).length),
      };
    });
  }

  async resourcePolicy(scope: Scope, target: PolicyTarget) {
    return capture(() => {
      const now = this.clock.now();
      const stream = this.live(target.streamName, now) ?? notFound(scope, target.streamName);
      return policyOf(this.store, scope, stream, target, now).policy;
    });
  }

  /** The policy that governs a request, for the Worker to evaluate; none also when the resource does not exist. */
  async policyForAccess(scope: Scope, target: PolicyTarget) {
    return capture((): { policy: string | null; consumerArn?: string } => {
      const now = this.clock.now();
      const stream = this.live(target.streamName, now);
      if (!stream) return { policy: null };
      try {
        return policyOf(this.store, scope, stream, target, now);
      } catch {
        // A consumer that does not exist: the operation itself says so.
        return { policy: null };
      }
    });
  }

  /** PutResourcePolicy (a document) and DeleteResourcePolicy (null). */
  async setResourcePolicy(scope: Scope, target: PolicyTarget, policy: string | null) {
    return capture(() => {
      const now = this.clock.now();
      const stream = this.live(target.streamName, now) ?? notFound(scope, target.streamName);
      setPolicy(this.store, scope, stream, target, policy, now);
    });
  }

  async accountSettings() {
    return capture(() => effectiveCommitment(this.store.accountSettings(), this.clock.now()));
  }

  async updateAccountSettings(desired: "ENABLED" | "DISABLED") {
    return capture(() => {
      const now = this.clock.now();
      const updated = updateCommitment(effectiveCommitment(this.store.accountSettings(), now), desired, now);
      this.store.putAccountSettings(updated);
      return updated;
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
    for (const stream of this.store.streamsDeletedBy(this.clock.now())) await this.fleet.purge(stream);
    for (const { streamName, index } of this.store.unconfirmedClosures()) {
      const stream = this.store.stream(streamName);
      if (stream) await this.fleet.confirmClosure(stream, index);
    }
    await this.scheduleAlarm();
  }

  private async reshard(scope: Scope, stream: StreamRow, plan: ReshardPlan): Promise<void> {
    const unconfirmed = await this.fleet.reshard(scope, stream, plan, this.clock.now());
    if (unconfirmed > 0) await this.scheduleAlarm();
  }

  private async scheduleAlarm(): Promise<void> {
    const retry = this.store.unconfirmedClosures().length > 0 ? this.clock.now() + 1000 : undefined;
    const deletion = this.store.nextDeletionMs();
    const next = retry === undefined ? deletion : deletion === undefined ? retry : Math.min(retry, deletion);
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
    return {
      ...rest,
      arn: streamArn(scope.region, scope.account, stream.name),
      shards: this.store.shards(stream.name),
      consumerCount: liveConsumers(this.store, { ...scope, streamName: stream.name }, this.clock.now()).length,
      ...this.warmThroughputOf(stream),
    };
  }

  /** Reported only for on-demand streams in accounts with a throughput commitment, as AWS does. */
  private warmThroughputOf(stream: StreamRow): Pick<StreamView, "warmThroughput"> {
    if (stream.mode !== "ON_DEMAND") return {};
    if (!commitmentActive(effectiveCommitment(this.store.accountSettings(), this.clock.now()))) return {};
    const open = this.store.shards(stream.name).filter((shard) => shard.closedMs === null).length;
    return { warmThroughput: { targetMiBps: stream.warmThroughputMiBps ?? null, currentMiBps: currentThroughputMiBps(open) } };
  }
}
