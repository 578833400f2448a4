/**
 * The registry's dealings with a stream's shard objects: setting them up, closing them in a
 * reshard, and destroying them with the stream. The registry decides; this carries it out.
 */
import { InvalidArgumentException, LimitExceededException, ResourceNotFoundException } from "../aws/errors";
import { KINESIS } from "../limits";
import { shardIdOf, shardIndexOf } from "./ids";
import type { RegistryStore, ShardRow, StreamRow } from "./registry-store";
import type { OpenShard, ReshardPlan } from "./resharding";
import type { Shard } from "./shard";
import type { ChildShard } from "./shard-log";
import { shardStub } from "../objects";
import type { Scope } from "../aws/scope";

export class ShardFleet {
  constructor(
    private readonly env: Env,
    private readonly storage: DurableObjectStorage,
    private readonly store: RegistryStore,
  ) {}

  shard(stream: StreamRow, index: number): DurableObjectStub<Shard> {
    return shardStub(this.env, stream.id, index);
  }

  async init(scope: Scope, stream: StreamRow, index: number, createdMs: number): Promise<void> {
    const outcome = await this.shard(stream, index).init({
      account: scope.account,
      region: scope.region,
      streamName: stream.name,
      streamId: stream.id,
      streamCreatedMs: stream.createdMs,
      shardCreatedMs: createdMs,
      shardIndex: index,
      retentionHours: stream.retentionHours,
      onDemand: stream.mode === "ON_DEMAND",
      encryptionKeyId: stream.encryptionKeyId ?? null,
    });
    if (!outcome.ok) throw new Error(`shard ${index} of ${stream.name} refused init: ${outcome.error.type}`);
  }

  open(stream: StreamRow): OpenShard[] {
    return this.store
      .shards(stream.name)
      .filter((shard) => shard.closedMs === null)
      .map((shard) => ({ index: shard.index, start: BigInt(shard.startHash), end: BigInt(shard.endHash) }));
  }

  /** The open shard a reshard names, or AWS's error for a missing or already closed one. */
  openOne(scope: Scope, stream: StreamRow, shardId: string): OpenShard {
    const index = shardIndexOf(shardId);
    const shard = this.store.shards(stream.name).find((candidate) => candidate.index === index);
    if (!shard) {
      throw new ResourceNotFoundException(`Could not find shard ${shardId} in stream ${stream.name} under account ${scope.account}.`);
    }
    if (shard.closedMs !== null) {
      throw new InvalidArgumentException(
        `Shard ${shardId} in stream ${stream.name} under account ${scope.account} has already been merged or split, and thus is not eligible for merging or splitting.`,
      );
    }
    return { index: shard.index, start: BigInt(shard.startHash), end: BigInt(shard.endHash) };
  }

  nextIndex(stream: StreamRow): number {
    return Math.max(-1, ...this.store.shards(stream.name).map((shard) => shard.index)) + 1;
  }

  /**
   * Carries out a reshard: the new shard objects first (so every key always has a home), then the
   * registry's rows in one transaction (from here writers route to the children), then the parents
   * are closed and say where their logs end. Answers how many parents could not be told yet (the
   * registry's alarm tells them later).
   */
  async reshard(scope: Scope, stream: StreamRow, plan: ReshardPlan, now: number): Promise<number> {
    const opened = plan.created.filter((shard) => !shard.closed).length;
    const delta = opened - plan.closed.filter((index) => !plan.created.some((shard) => shard.index === index)).length;
    const openShards = this.store.openShardCount();
    if (openShards + delta > KINESIS.shardLimit) {
      throw new LimitExceededException(
        `This request would exceed the shard limit for the account ${scope.account} in ${scope.region}. ` +
          `Current shard count for the account: ${openShards}. Limit: ${KINESIS.shardLimit}. ` +
          `Number of additional shards that would have resulted from this request: ${delta}. ` +
          "Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) " +
          "for current limits and how to request higher limits.",
      );
    }
    await Promise.all(plan.created.map((shard) => this.init(scope, stream, shard.index, now)));
    const rows: ShardRow[] = plan.created.map((shard) => ({
      index: shard.index,
      parentIndex: shard.parentIndex,
      adjacentParentIndex: shard.adjacentParentIndex,
      startHash: shard.start.toString(),
      endHash: shard.end.toString(),
      createdMs: now,
      closedMs: null,
      endingCounter: null,
      sequenceCreatedMs: now,
    }));
    this.storage.transactionSync(() => {
      this.store.insertShards(stream.name, rows);
      for (const index of plan.closed) this.store.markClosed(stream.name, index, now);
      this.store.setStatus(stream.name, "UPDATING", now + KINESIS.updateStreamMs);
    });
    const closures = await Promise.allSettled(plan.closed.map((index) => this.confirmClosure(stream, index)));
    const failed = closures.filter((closure) => closure.status === "rejected");
    if (failed.length > 0) console.error(`reshard of ${stream.name}: ${failed.length} closures to retry`, failed);
    return failed.length;
  }

  /** Closes a shard's object, handing it its children, and records where its log ends. */
  async confirmClosure(stream: StreamRow, index: number): Promise<void> {
    const children: ChildShard[] = this.store
      .shards(stream.name)
      .filter((shard) => shard.parentIndex === index || shard.adjacentParentIndex === index)
      .map((shard) => ({
        ShardId: shardIdOf(shard.index),
        ParentShards: [shard.parentIndex, shard.adjacentParentIndex].filter((parent) => parent !== null).map(shardIdOf),
        HashKeyRange: { StartingHashKey: shard.startHash, EndingHashKey: shard.endHash },
      }));
    const outcome = await this.shard(stream, index).close(children);
    if (!outcome.ok) throw new Error(`shard ${index} of ${stream.name} refused to close: ${outcome.error.type}`);
    this.store.setEndingCounter(stream.name, index, outcome.value.endingCounter, outcome.value.endingArrivalMs);
  }

  /** Destroys a deleted stream's shard objects, then forgets the stream (unless re-created meanwhile). */
  async purge(stream: StreamRow): Promise<void> {
    await Promise.all(this.store.shards(stream.name).map((shard) => this.shard(stream, shard.index).destroy()));
    if (this.store.stream(stream.name)?.id === stream.id) this.store.deleteStream(stream.name);
  }
}
