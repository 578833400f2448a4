/**
 * The Firehose registry Durable Object: one per account and region, holding every delivery
 * stream's metadata (status, version, destination, encryption, tags). One object means one writer,
 * so names stay unique and VersionId checks need no locks.
 *
 * Statuses move by time: a stream is CREATING until `statusUntilMs`, then ACTIVE; a DELETING stream
 * disappears at `statusUntilMs`, when an alarm also destroys its buffer. Each stream's records live
 * in its buffer object (buffer.ts), which the registry configures on creation and on every update.
 */
import { DurableObject } from "cloudflare:workers";
import {
  capture,
  ConcurrentModificationException,
  InvalidArgumentException,
  LimitExceededException,
  ResourceInUseException,
  ResourceNotFoundException,
  unwrap,
} from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import { checkDestination, destinationFrom, type Destination, type ExtendedS3Input } from "./config";
import { sourceConfigOf } from "./kinesis-source";
import { FIREHOSE } from "./limits";
import {
  FirehoseRegistryStore,
  type DeliveryStreamRow,
  type DeliveryStreamStatus,
  type EncryptionState,
} from "./registry-store";
import type { DeliveryStreamType } from "./shapes.generated";
import type { Scope } from "../aws/scope";
import { bufferFor } from "../objects";
import { deliveryStreamArn } from "./ids";

export const DESTINATION_ID = "destinationId-000000000001";

export interface CreateRequest {
  name: string;
  type: DeliveryStreamType;
  destination: Destination;
  directPut: { ThroughputHintInMBs: number } | null;
  kinesisSource: { KinesisStreamARN: string; RoleARN: string } | null;
  encryption: { KeyType: "AWS_OWNED_CMK" | "CUSTOMER_MANAGED_CMK"; KeyARN?: string } | null;
  tags: [string, string][];
}

export interface DeliveryStreamView extends Omit<DeliveryStreamRow, "status"> {
  status: DeliveryStreamStatus;
  arn: string;
}

function notFound(scope: Scope, name: string): never {
  throw new ResourceNotFoundException(`Firehose ${name} under account ${scope.account} not found.`);
}

export class FirehoseRegistry extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: FirehoseRegistryStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new FirehoseRegistryStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  async create(scope: Scope, request: CreateRequest) {
    return capture(async () => {
      const now = this.clock.now();
      if (this.live(request.name, now)) {
        throw new ResourceInUseException(`Firehose ${request.name} under accountId ${scope.account} already exists`);
      }
      if (this.store.count() >= FIREHOSE.maxStreamsPerRegion) {
        throw new LimitExceededException(
          `You have already consumed your firehose quota of ${FIREHOSE.maxStreamsPerRegion} hoses in ${scope.region}.`,
        );
      }
      checkDestination(this.env, request.destination);
      // A stream that finished deleting keeps its row until its buffer is gone; finish that first.
      const deleted = this.store.stream(request.name);
      if (deleted) await this.purge(deleted);
      const row: DeliveryStreamRow = {
        name: request.name,
        id: crypto.randomUUID(),
        type: request.type,
        status: "CREATING",
        statusUntilMs: null,
        createdMs: now,
        updatedMs: null,
        version: 1,
        destination: request.destination,
        directPut: request.directPut,
        kinesisSource: request.kinesisSource && { ...request.kinesisSource, deliveryStartMs: now },
        encryption: request.encryption
          ? { status: "ENABLING", untilMs: now + FIREHOSE.encryptionTransitionMs, keyType: request.encryption.KeyType, keyArn: request.encryption.KeyARN }
          : { status: "DISABLED", untilMs: null },
      };
      this.store.insert(row, new Map(request.tags));
      try {
        await this.configureBuffer(scope, row);
      } catch (error) {
        this.store.delete(row.name);
        throw error;
      }
      this.store.setStatus(row.name, "CREATING", Math.max(now + FIREHOSE.createMs, this.clock.now()));
      return deliveryStreamArn(scope, row.name);
    });
  }

  async delete(scope: Scope, name: string) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.live(name, now) ?? notFound(scope, name);
      if (stream.status === "DELETING") return;
      if (stream.status === "CREATING") {
        throw new ResourceInUseException(`Firehose ${name} under account ${scope.account} is in CREATING state and cannot be deleted.`);
      }
      this.store.setStatus(name, "DELETING", now + FIREHOSE.deleteMs);
      await this.scheduleAlarm();
    });
  }

  async describe(scope: Scope, name: string) {
    return capture(() => this.view(scope, this.live(name, this.clock.now()) ?? notFound(scope, name)));
  }

  async list(afterName: string, limit: number, type: string | undefined) {
    return capture(() => {
      const now = this.clock.now();
      const names: string[] = [];
      let after = afterName;
      for (;;) {
        const batch = this.store.streams(after, limit + 1);
        for (const row of batch) {
          const live = this.effective(row, now);
          if (live && (type === undefined || live.type === type)) names.push(live.name);
        }
        const last = batch.at(-1);
        if (names.length > limit || batch.length < limit + 1 || !last) break;
        after = last.name;
      }
      return { names: names.slice(0, limit), hasMore: names.length > limit };
    });
  }

  /** What PutRecord(Batch) needs: which buffer, and whether records count as encrypted. */
  async target(scope: Scope, name: string) {
    return capture(() => {
      const stream = this.live(name, this.clock.now());
      if (!stream || stream.status !== "ACTIVE") notFound(scope, name);
      if (stream.type === "KinesisStreamAsSource") {
        throw new InvalidArgumentException("This operation is not permitted on KinesisStreamAsSource delivery stream type.");
      }
      return { id: stream.id, encrypted: stream.encryption.status === "ENABLED" };
    });
  }

  async updateDestination(scope: Scope, name: string, currentVersion: string, destinationId: string, update: ExtendedS3Input) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.live(name, now) ?? notFound(scope, name);
      if (stream.status !== "ACTIVE") {
        throw new ResourceInUseException(`Firehose ${name} under account ${scope.account} is not ACTIVE: ${stream.status}.`);
      }
      if (String(stream.version) !== currentVersion) {
        throw new ConcurrentModificationException(
          `Cannot update firehose: ${name} since the current version id: ${stream.version} and specified version id: ${currentVersion} do not match`,
        );
      }
      if (destinationId !== DESTINATION_ID) {
        throw new InvalidArgumentException(`Destination Id ${destinationId} not found`);
      }
      const destination = destinationFrom(update, stream.destination);
      checkDestination(this.env, destination, stream.destination);
      const updated: DeliveryStreamRow = { ...stream, destination, version: stream.version + 1, updatedMs: now };
      // The buffer first: a record accepted after this answer is delivered with the new configuration.
      await this.configureBuffer(scope, updated);
      this.store.setDestination(name, destination, updated.version, now);
    });
  }

  async setEncryption(scope: Scope, name: string, input: { KeyType: "AWS_OWNED_CMK" | "CUSTOMER_MANAGED_CMK"; KeyARN?: string } | null) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.live(name, now) ?? notFound(scope, name);
      if (stream.status !== "ACTIVE") {
        throw new ResourceInUseException(`Firehose ${name} under account ${scope.account} is not ACTIVE: ${stream.status}.`);
      }
      if (stream.type !== "DirectPut") {
        throw new InvalidArgumentException(`Firehose ${name} under account ${scope.account} is not a DirectPut stream: encryption applies to DirectPut sources only.`);
      }
      const current = stream.encryption.status;
      if (current === "ENABLING" || current === "DISABLING") {
        throw new ResourceInUseException(`Firehose ${name} under account ${scope.account} is ${current} encryption; retry once it is done.`);
      }
      const encryption: EncryptionState = input
        ? { status: "ENABLING", untilMs: now + FIREHOSE.encryptionTransitionMs, keyType: input.KeyType, keyArn: input.KeyARN }
        : { status: current === "DISABLED" ? "DISABLED" : "DISABLING", untilMs: current === "DISABLED" ? null : now + FIREHOSE.encryptionTransitionMs };
      this.store.setEncryption(name, encryption, stream.version + 1, now);
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
      this.live(name, this.clock.now()) ?? notFound(scope, name);
      const merged = this.store.tags(name);
      for (const [key, value] of tags) merged.set(key, value);
      if (merged.size > FIREHOSE.maxTags) {
        throw new LimitExceededException(
          `Firehose ${name} under account ${scope.account} can have at most ${FIREHOSE.maxTags} tags; this request would make it ${merged.size}.`,
        );
      }
      this.store.putTags(name, new Map(tags));
    });
  }

  async removeTags(scope: Scope, name: string, keys: string[]) {
    return capture(() => {
      this.live(name, this.clock.now()) ?? notFound(scope, name);
      this.store.removeTags(name, keys);
    });
  }

  /** Destroys the buffers of streams that finished deleting. */
  override async alarm(): Promise<void> {
    const now = this.clock.now();
    for (const row of this.store.allStreams()) {
      if (row.status === "DELETING" && row.statusUntilMs !== null && row.statusUntilMs <= now) await this.purge(row);
    }
    await this.scheduleAlarm();
  }

  private async purge(row: DeliveryStreamRow): Promise<void> {
    await bufferFor(this.env, row.id).destroy();
    this.store.delete(row.name);
  }

  private async scheduleAlarm(): Promise<void> {
    const due = this.store
      .allStreams()
      .filter((row) => row.status === "DELETING" && row.statusUntilMs !== null)
      .map((row) => row.statusUntilMs as number);
    if (due.length === 0) return;
    await this.ctx.storage.setAlarm(Math.min(...due));
  }

  private async configureBuffer(scope: Scope, row: DeliveryStreamRow): Promise<void> {
    unwrap(
      await bufferFor(this.env, row.id).configure({
        account: scope.account,
        region: scope.region,
        streamName: row.name,
        streamId: row.id,
        version: String(row.version),
        destination: row.destination,
        ...(row.kinesisSource && { source: sourceConfigOf(row.kinesisSource.KinesisStreamARN) }),
      }),
    );
  }

  /** The stream as it stands at `now`, or undefined when it does not exist (or finished deleting). */
  private live(name: string, now: number): DeliveryStreamRow | undefined {
    const row = this.store.stream(name);
    return row && this.effective(row, now);
  }

  private effective(row: DeliveryStreamRow, now: number): DeliveryStreamRow | undefined {
    const due = row.statusUntilMs !== null && row.statusUntilMs <= now;
    if (row.status === "DELETING" && due) return undefined;
    const status: DeliveryStreamStatus = row.status === "CREATING" && due ? "ACTIVE" : row.status;
    const encryption = row.encryption;
    const settled = encryption.untilMs !== null && encryption.untilMs <= now;
    const encryptionStatus =
      settled && encryption.status === "ENABLING" ? "ENABLED" : settled && encryption.status === "DISABLING" ? "DISABLED" : encryption.status;
    return { ...row, status, encryption: { ...encryption, status: encryptionStatus } };
  }

  private view(scope: Scope, row: DeliveryStreamRow): DeliveryStreamView {
    return { ...row, arn: deliveryStreamArn(scope, row.name) };
  }
}
