/**
 * The event source mapping Durable Object: one per mapping (named by account, region and UUID). It
 * keeps the mapping's settings and, per shard of its stream, a checkpoint in SQLite, and its alarm
 * delivers: every poll it reads the stream's shards from the registry, feeds each shard whose
 * parents are finished (see lineage.ts and shard-feed.ts), and sets the next alarm for the soonest
 * moment a shard wants feeding (a poll, a batching window's end, a retry).
 *
 * Every method answers with an Outcome (RPC loses error classes). The API layer (operations.ts)
 * pairs these objects with the account's directory, which lists them.
 *
 * Differences from Lambda: a mapping moves from Creating (or Updating, Enabling, Disabling) to
 * Enabled or Disabled, and from Deleting to gone, in half a second; a stream that is deleted and
 * re-created under the same name is read from the start of its new shards.
 */
import { DurableObject } from "cloudflare:workers";
import { capture, InvalidParameterValueException, LambdaResourceNotFoundException, ResourceInUseException, unwrap } from "../aws/errors";
import type { JsonWire } from "../aws/protocol";
import { systemClock, type Clock } from "../clock";
import { LAMBDA } from "../limits";
import { streamArn } from "../streams/ids";
import type { StreamView } from "../streams/registry";
import type { IteratorRequest } from "../streams/shard";
import { readyShards } from "./lineage";
import { MappingStore, type MappingRow, type ShardState, type Transition } from "./mapping-store";
import { applySettings, defaultSettings, destinationConfig, type MappingSettings, type SettingsInput, type StartingPosition } from "./settings";
import { feedShard, type FeedContext } from "./shard-feed";
import type { EventSourceMappingConfiguration } from "./shapes.generated";
import { functionArn, resolveDestination, resolveFunction } from "../functions/targets";
import { directoryFor, registryFor, shardStub } from "../objects";
import type { Scope } from "../aws/scope";

export interface CreateMappingRequest {
  uuid: string;
  scope: Scope;
  eventSourceArn: string;
  streamName: string;
  startingPosition: StartingPosition;
  startingPositionMs: number | undefined;
  input: SettingsInput & { FunctionName: string };
}

/** EventSourceMappingConfiguration as Lambda answers it (timestamps in epoch seconds), every member it shows present. */
export type MappingConfiguration = ReturnType<typeof configuration>;

/** Lambda's answer for a mapping that does not exist. */
function mappingNotFound(): never {
  throw new LambdaResourceNotFoundException("The resource you requested does not exist.");
}

const USER_ACTION = "User action";
const NO_RECORDS = "No records processed";

export class EventSourceMapping extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: MappingStore;
  /** Alarms run one at a time (a test may run one while the runtime fires another). */
  private running: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new MappingStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => {
      if (this.store.exists()) this.store.migrate();
    });
  }

  async create(request: CreateMappingRequest) {
    return capture(async () => {
      const existing = this.store.mapping();
      if (existing) return configuration(existing, this.clock.now());
      const settings = applySettings(defaultSettings(request.input.FunctionName), request.input);
      this.checkTargets(settings, request.scope);
      const stream = await this.describeStream(request.scope, request.streamName, request.eventSourceArn);
      const start: IteratorRequest =
        request.startingPosition === "AT_TIMESTAMP"
          ? { type: "AT_TIMESTAMP", timestampMs: request.startingPositionMs ?? 0 }
          : { type: request.startingPosition };
      // Where each shard starts is fixed now, so LATEST means the records put after this call.
      const shards = await Promise.all(
        stream.shards.map(async (shard) => ({
          index: shard.index,
          checkpoint: unwrap(await shardStub(this.env, stream.id, shard.index).position(start)),
        })),
      );
      const now = this.clock.now();
      const mapping: MappingRow = {
        uuid: request.uuid,
        account: request.scope.account,
        region: request.scope.region,
        eventSourceArn: request.eventSourceArn,
        streamName: request.streamName,
        streamId: stream.id,
        startingPosition: request.startingPosition,
        startingPositionMs: request.startingPosition === "AT_TIMESTAMP" ? (request.startingPositionMs ?? null) : null,
        settings,
        transition: "Creating",
        transitionUntilMs: now + LAMBDA.transitionMs,
        lastModifiedMs: now,
        lastProcessingResult: NO_RECORDS,
      };
      this.store.create(mapping, shards);
      await this.ctx.storage.setAlarm(now + LAMBDA.transitionMs);
      return configuration(mapping, now);
    });
  }

  async describe() {
    return capture(() => configuration(this.live(), this.clock.now()));
  }

  /** Applies UpdateEventSourceMapping; a new function is checked against the directory first. */
  async update(input: SettingsInput) {
    return capture(async () => {
      const mapping = this.live();
      const now = this.clock.now();
      if (mapping.transition === "Deleting") throw new ResourceInUseException(`Cannot update the event source mapping ${mapping.uuid} because it is being deleted.`);
      const settings = applySettings(mapping.settings, input);
      const scope = { account: mapping.account, region: mapping.region };
      this.checkTargets(settings, scope);
      if (settings.functionName !== mapping.settings.functionName) {
        const before = functionArn(mapping.settings.functionName, scope);
        const after = functionArn(settings.functionName, scope);
        if (before !== after) unwrap(await directoryFor(this.env, scope).setFunction(mapping.uuid, after, settings.functionName, mapping.eventSourceArn));
      }
      const transition: Transition =
        settings.enabled === mapping.settings.enabled ? "Updating" : settings.enabled ? "Enabling" : "Disabling";
      this.store.saveSettings(settings, transition, now + LAMBDA.transitionMs, now);
      await this.ctx.storage.setAlarm(now + LAMBDA.transitionMs);
      return configuration(this.live(), now);
    });
  }

  async delete() {
    return capture(async () => {
      const mapping = this.live();
      const now = this.clock.now();
      if (mapping.transition !== "Deleting") {
        this.store.setTransition("Deleting", now + LAMBDA.transitionMs);
        await this.ctx.storage.setAlarm(now + LAMBDA.transitionMs);
      }
      return configuration(this.live(), now);
    });
  }

  override async alarm(): Promise<void> {
    const run = this.running.then(() => this.run());
    this.running = run.catch(() => undefined);
    await run;
  }

  private async run(): Promise<void> {
    const mapping = this.store.mapping();
    if (!mapping) return;
    const now = this.clock.now();
    if (mapping.transition === "Deleting") {
      if (mapping.transitionUntilMs !== null && now < mapping.transitionUntilMs) {
        await this.ctx.storage.setAlarm(mapping.transitionUntilMs);
        return;
      }
      await this.purge(mapping);
      return;
    }
    let next = now + LAMBDA.pollIntervalMs;
    if (delivering(mapping, now)) {
      try {
        next = await this.pump(mapping);
      } catch (error) {
        console.error(`event source mapping ${mapping.uuid}`, error);
        this.store.setLastProcessingResult(`PROBLEM: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.schedule(next);
  }

  /** Feeds every ready shard; answers when the next one wants feeding. */
  private async pump(mapping: MappingRow): Promise<number> {
    const scope = { account: mapping.account, region: mapping.region };
    let stream: StreamView;
    try {
      stream = await this.describeStream(scope, mapping.streamName, mapping.eventSourceArn);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.store.setLastProcessingResult(`PROBLEM: ${message}`);
      return this.clock.now() + LAMBDA.pollIntervalMs;
    }
    if (stream.id !== mapping.streamId) this.store.restartStream(stream.id);
    // Shards made by a reshard since the last poll: everything in them is new.
    for (const shard of stream.shards) this.store.addShard(shard.index, 0);
    const states = new Map(this.store.shards().map((state) => [state.index, state]));
    const ready = readyShards(stream.shards, new Map([...states].map(([index, state]) => [index, state.finished])));
    const arn = streamArn(mapping.region, mapping.account, mapping.streamName);
    const dues = await Promise.all(
      ready.map(async (index) => {
        const state = states.get(index);
        if (!state) return this.clock.now() + LAMBDA.pollIntervalMs;
        try {
          return await feedShard(state, this.feedContext(mapping, stream, index, arn));
        } catch (error) {
          console.error(`event source mapping ${mapping.uuid}, shard ${index}`, error);
          this.store.setLastProcessingResult(`PROBLEM: ${error instanceof Error ? error.message : String(error)}`);
          return this.clock.now() + LAMBDA.pollIntervalMs;
        }
      }),
    );
    return Math.min(this.clock.now() + LAMBDA.pollIntervalMs, ...dues);
  }

  private feedContext(mapping: MappingRow, stream: StreamView, index: number, arn: string): FeedContext {
    const scope = { account: mapping.account, region: mapping.region };
    const settings = mapping.settings;
    return {
      uuid: mapping.uuid,
      settings,
      functionArn: functionArn(settings.functionName, scope),
      source: { account: mapping.account, region: mapping.region, streamArn: arn, shardIndex: index },
      now: () => this.clock.now(),
      read: async (after, limit) => unwrap(await shardStub(this.env, stream.id, index).readAfter(after, limit, LAMBDA.maxBatchDataBytes)),
      target: () => resolveFunction(settings.functionName, this.env, scope),
      destination: () => (settings.onFailure === undefined ? undefined : resolveDestination(settings.onFailure, this.env)),
      save: (state: ShardState) => this.store.saveShard(state),
      report: (result) => this.store.setLastProcessingResult(result),
      stopped: () => {
        const current = this.store.mapping();
        return !current || !delivering(current, this.clock.now());
      },
    };
  }

  /** Sets the next alarm by the mapping's state now (it may have changed while delivering). */
  private async schedule(next: number): Promise<void> {
    const mapping = this.store.mapping();
    if (!mapping) return;
    const now = this.clock.now();
    if (mapping.transitionUntilMs !== null && now < mapping.transitionUntilMs) {
      await this.ctx.storage.setAlarm(mapping.transitionUntilMs);
    } else if (mapping.transition === "Deleting") {
      await this.ctx.storage.setAlarm(now);
    } else if (mapping.settings.enabled) {
      await this.ctx.storage.setAlarm(next);
    } else {
      await this.ctx.storage.deleteAlarm();
    }
  }

  /** Forgets the mapping: off the directory first, so it is never listed without existing. */
  private async purge(mapping: MappingRow): Promise<void> {
    unwrap(await directoryFor(this.env, { account: mapping.account, region: mapping.region }).remove(mapping.uuid));
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  private async describeStream(scope: Scope, name: string, arn: string): Promise<StreamView> {
    const outcome = await registryFor(this.env, scope).describe(scope, name);
    if (!outcome.ok && outcome.error.type !== "ResourceNotFoundException") unwrap(outcome);
    if (!outcome.ok || outcome.value.status === "DELETING") {
      throw new InvalidParameterValueException(
        `Cannot access stream ${arn}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, ` +
          "ListShards, and ListStreams Actions on your stream in IAM.",
      );
    }
    return outcome.value;
  }

  /** Resolves the function and the destination now, so that a typo fails the call that made it. */
  private checkTargets(settings: MappingSettings, scope: Scope): void {
    resolveFunction(settings.functionName, this.env, scope);
    if (settings.onFailure !== undefined) resolveDestination(settings.onFailure, this.env);
  }

  /** The mapping, unless it does not exist or has finished deleting. */
  private live(): MappingRow {
    const mapping = this.store.mapping();
    if (!mapping || stateOf(mapping, this.clock.now()) === undefined) mappingNotFound();
    return mapping;
  }
}

/** The mapping's State at `now`; undefined once it has finished deleting. */
function stateOf(mapping: MappingRow, now: number): string | undefined {
  if (mapping.transition !== null && mapping.transitionUntilMs !== null && now < mapping.transitionUntilMs) return mapping.transition;
  if (mapping.transition === "Deleting") return undefined;
  return mapping.settings.enabled ? "Enabled" : "Disabled";
}

function delivering(mapping: MappingRow, now: number): boolean {
  const state = stateOf(mapping, now);
  return state === "Enabled" || state === "Updating";
}

function configuration(mapping: MappingRow, now: number) {
  const settings = mapping.settings;
  const scope = { account: mapping.account, region: mapping.region };
  return {
    UUID: mapping.uuid,
    StartingPosition: mapping.startingPosition,
    ...(mapping.startingPositionMs !== null && { StartingPositionTimestamp: mapping.startingPositionMs / 1000 }),
    BatchSize: settings.batchSize,
    MaximumBatchingWindowInSeconds: settings.maximumBatchingWindowInSeconds,
    ParallelizationFactor: settings.parallelizationFactor,
    EventSourceArn: mapping.eventSourceArn,
    FunctionArn: functionArn(settings.functionName, scope),
    LastModified: mapping.lastModifiedMs / 1000,
    LastProcessingResult: mapping.lastProcessingResult,
    State: stateOf(mapping, now) ?? "Deleting",
    StateTransitionReason: USER_ACTION,
    DestinationConfig: destinationConfig(settings),
    MaximumRecordAgeInSeconds: settings.maximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    TumblingWindowInSeconds: settings.tumblingWindowInSeconds,
    FunctionResponseTypes: settings.reportBatchItemFailures ? ["ReportBatchItemFailures"] : [],
    EventSourceMappingArn: `arn:aws:lambda:${mapping.region}:${mapping.account}:event-source-mapping:${mapping.uuid}`,
  } satisfies JsonWire<EventSourceMappingConfiguration>;
}
