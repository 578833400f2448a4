/**
 * Video Streams' registry: one Durable Object per account and region holding every video stream's
 * definition (name, ARN, status, retention, media type, version, storage tier, tags). One object
 * means one writer, so names stay unique and version checks need no locks.
 *
 * Statuses move by time: a stream is CREATING until `statusUntilMs`, then ACTIVE; a DELETING stream
 * disappears at `statusUntilMs`, when the alarm tells its stream object to destroy its media. The
 * stream object is told of every retention change too; when it cannot be reached, the registry (the
 * source of truth) keeps the change marked pending and tells it again on its alarm.
 *
 * The data plane reaches streams through `resolve` (the contract of ./stream-contract.ts).
 */
import { DurableObject } from "cloudflare:workers";
import {
  AccountStreamLimitExceededException,
  AwsError,
  capture,
  InvalidArgumentException,
  ResourceInUseException,
  TagsPerResourceExceededLimitException,
  VersionMismatchException,
  VideoResourceNotFoundException,
} from "../aws/errors";
import type { Scope } from "../aws/scope";
import { systemClock, type Clock } from "../clock";
import { VIDEO_CONTROL } from "../limits";
import { videoStreamStub } from "../objects";
import { newVersion, videoStreamArn } from "./ids";
import { VideoRegistryStore, type VideoStreamRow } from "./registry-store";
import type { DefaultStorageTier, Status, UpdateDataRetentionOperation } from "./shapes.generated";
import type { VideoStreamInfo } from "./stream-contract";
import type { FeatureKind, StreamFeatures } from "./stream-features";

export interface CreateVideoStream {
  name: string;
  deviceName: string | undefined;
  mediaType: string | undefined;
  kmsKeyId: string;
  retentionHours: number;
  storageTier: DefaultStorageTier;
  tags: [string, string][];
}

/** A stream named by its name or its ARN (the operations check that one is given). */
export interface StreamRef {
  name?: string | undefined;
  arn?: string | undefined;
}

/** A stream as it stands now: its row with the status a client sees. */
export interface VideoStreamView extends Omit<VideoStreamRow, "status" | "retentionPending"> {
  status: Status;
}

/** AWS's message for a stream that does not exist (or no longer does). */
export function streamNotFound(): AwsError {
  return new VideoResourceNotFoundException("The requested stream is not found or not active.");
}

export class VideoRegistry extends DurableObject<Env> {
  /** Tests replace the clock to move time, and the account's stream limit to reach it. */
  clock: Clock = systemClock;
  maxStreams: number = VIDEO_CONTROL.maxStreamsPerAccount;
  private readonly store: VideoRegistryStore;
  /** Work that calls stream objects runs one at a time, so their calls arrive in the registry's order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new VideoRegistryStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  async create(scope: Scope, request: CreateVideoStream) {
    return capture(() =>
      this.exclusive(async () => {
        const now = this.clock.now();
        if (this.live(request.name, now)) throw new ResourceInUseException(`The stream ${request.name} already exists.`);
        if (this.store.liveCount(now) >= this.maxStreams) {
          throw new AccountStreamLimitExceededException("The number of streams created for the account is too high.");
        }
        // A stream that finished deleting keeps its row until its media are gone; finish that first.
        const deleted = this.store.stream(request.name);
        if (deleted) await this.purge(deleted);
        const row: VideoStreamRow = {
          name: request.name,
          id: crypto.randomUUID(),
          arn: videoStreamArn(scope, request.name, now),
          status: "CREATING",
          statusUntilMs: now + VIDEO_CONTROL.createStreamMs,
          createdMs: now,
          version: newVersion(),
          deviceName: request.deviceName ?? null,
          mediaType: request.mediaType ?? null,
          kmsKeyId: request.kmsKeyId,
          retentionHours: request.retentionHours,
          storageTier: request.storageTier,
          retentionPending: false,
        };
        this.store.insert(row, new Map(request.tags));
        return row.arn;
      }),
    );
  }

  async describe(ref: StreamRef) {
    return capture(() => this.find(ref));
  }

  /** The contract's lookup for the data plane: the stream in whatever status it is, or ResourceNotFoundException. */
  async resolve(name: string | undefined, arn: string | undefined) {
    return capture((): VideoStreamInfo => {
      const stream = this.find({ name, arn });
      return {
        streamName: stream.name,
        streamArn: stream.arn,
        streamId: stream.id,
        status: stream.status,
        dataRetentionInHours: stream.retentionHours,
        ...(stream.mediaType !== null && { mediaType: stream.mediaType }),
        kmsKeyId: stream.kmsKeyId,
        version: stream.version,
        creationTime: new Date(stream.createdMs),
        features: this.store.features(stream.name),
      };
    });
  }

  /** The stream's feature configurations (stream-features.ts). */
  async features(ref: StreamRef) {
    return capture(() => this.store.features(this.find(ref).name));
  }

  /** Sets or removes one feature's configuration (checked by the operation). */
  async setFeature<K extends FeatureKind>(ref: StreamRef, kind: K, configuration: StreamFeatures[K] | undefined) {
    return capture(() => {
      const stream = this.find(ref);
      if (stream.status !== "ACTIVE") throw notActive(stream);
      this.store.setFeature(stream.name, kind, configuration);
    });
  }

  /** Streams after `afterName` whose names begin with `prefix`, in name order. */
  async list(afterName: string, prefix: string, limit: number) {
    return capture(() => {
      const now = this.clock.now();
      const streams: VideoStreamView[] = [];
      let after = afterName;
      for (;;) {
        const batch = this.store.streams(after, prefix, limit + 1);
        for (const row of batch) {
          const live = this.effective(row, now);
          if (live) streams.push(live);
        }
        const last = batch.at(-1);
        if (streams.length > limit || batch.length < limit + 1 || !last) break;
        after = last.name;
      }
      return { streams: streams.slice(0, limit), more: streams.length > limit };
    });
  }

  async update(ref: StreamRef, currentVersion: string, details: { deviceName?: string | undefined; mediaType?: string | undefined }) {
    return capture(() => {
      const stream = this.changeable(ref, currentVersion);
      this.store.setDetails(stream.name, details.deviceName ?? stream.deviceName, details.mediaType ?? stream.mediaType, newVersion());
    });
  }

  async updateRetention(ref: StreamRef, currentVersion: string, operation: UpdateDataRetentionOperation, changeInHours: number) {
    return capture(() =>
      this.exclusive(async () => {
        const stream = this.changeable(ref, currentVersion);
        const hours = stream.retentionHours + (operation === "INCREASE_DATA_RETENTION" ? changeInHours : -changeInHours);
        if (hours < 0 || hours > VIDEO_CONTROL.maxRetentionHours) {
          throw new InvalidArgumentException(
            `The data retention of stream ${stream.name} would become ${hours} hours; it must be from 0 to ${VIDEO_CONTROL.maxRetentionHours}.`,
          );
        }
        this.store.setRetention(stream.name, hours, newVersion());
        await this.tellRetention(stream.name, stream.id, hours);
      }),
    );
  }

  async updateStorage(ref: StreamRef, currentVersion: string, tier: DefaultStorageTier) {
    return capture(() => {
      const stream = this.changeable(ref, currentVersion);
      this.store.setStorageTier(stream.name, tier, newVersion());
    });
  }

  async delete(arn: string, currentVersion: string | undefined) {
    return capture(async () => {
      const now = this.clock.now();
      const stream = this.find({ arn });
      if (stream.status !== "ACTIVE") throw notActive(stream);
      if (currentVersion !== undefined && currentVersion !== stream.version) throw versionMismatch(stream, currentVersion);
      this.store.setStatus(stream.name, "DELETING", now + VIDEO_CONTROL.deleteStreamMs);
      await this.scheduleAlarm();
    });
  }

  async tags(ref: StreamRef) {
    return capture(() => Object.fromEntries(this.store.tags(this.find(ref).name)));
  }

  async addTags(ref: StreamRef, tags: [string, string][]) {
    return capture(() => {
      const stream = this.find(ref);
      const merged = this.store.tags(stream.name);
      for (const [key, value] of tags) merged.set(key, value);
      if (merged.size > VIDEO_CONTROL.maxTagsPerStream) {
        throw new TagsPerResourceExceededLimitException(
          `The stream ${stream.name} can have at most ${VIDEO_CONTROL.maxTagsPerStream} tags; this request would give it ${merged.size}.`,
        );
      }
      this.store.putTags(stream.name, new Map(tags));
    });
  }

  async removeTags(ref: StreamRef, keys: string[]) {
    return capture(() => {
      this.store.removeTags(this.find(ref).name, keys);
    });
  }

  /** Destroys the media of streams that finished deleting, and tells stream objects the retention they missed. */
  override async alarm(): Promise<void> {
    await this.exclusive(async () => {
      const now = this.clock.now();
      for (const row of this.store.allStreams()) {
        if (row.status === "DELETING" && row.statusUntilMs !== null && row.statusUntilMs <= now) {
          // One stream object that cannot be reached must not hold up the others: it is retried.
          await this.purge(row).catch((error: unknown) => console.error(`video stream ${row.name}: its media were not destroyed; retrying`, error));
        } else if (row.retentionPending && row.status !== "DELETING") {
          await this.tellRetention(row.name, row.id, row.retentionHours);
        }
      }
    });
    await this.scheduleAlarm();
  }

  private async purge(row: VideoStreamRow): Promise<void> {
    await videoStreamStub(this.env, row.id).destroy();
    this.store.delete(row.name);
  }

  /** Tells the stream object its retention; if it cannot be reached, the alarm tells it again. */
  private async tellRetention(name: string, id: string, hours: number): Promise<void> {
    try {
      await videoStreamStub(this.env, id).retentionChanged(hours);
      this.store.retentionTold(name, hours);
    } catch (error) {
      console.error(`video stream ${name}: its object was not told its retention of ${hours} hours; retrying`, error);
      await this.scheduleAlarm();
    }
  }

  private async scheduleAlarm(): Promise<void> {
    const now = this.clock.now();
    const retry = now + VIDEO_CONTROL.retryMs;
    const rows = this.store.allStreams();
    // A deletion already due is one the alarm could not finish: it is retried later, not at once.
    const due = rows
      .filter((row) => row.status === "DELETING" && row.statusUntilMs !== null)
      .map((row) => ((row.statusUntilMs ?? 0) <= now ? retry : (row.statusUntilMs ?? 0)));
    if (rows.some((row) => row.retentionPending && row.status !== "DELETING")) due.push(retry);
    if (due.length === 0) return;
    await this.ctx.storage.setAlarm(Math.min(...due));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The stream a request names, as it stands now, or ResourceNotFoundException. */
  private find(ref: StreamRef): VideoStreamView {
    const now = this.clock.now();
    if (ref.arn !== undefined) {
      const row = this.store.streamByArn(ref.arn);
      const stream = row && this.effective(row, now);
      if (!stream || (ref.name !== undefined && ref.name !== stream.name)) throw streamNotFound();
      return stream;
    }
    if (ref.name !== undefined) {
      const stream = this.live(ref.name, now);
      if (!stream) throw streamNotFound();
      return stream;
    }
    throw new InvalidArgumentException("Either StreamName or StreamARN must be specified.");
  }

  /** An ACTIVE stream at the version the request names: what UpdateStream and its kind change. */
  private changeable(ref: StreamRef, currentVersion: string): VideoStreamView {
    const stream = this.find(ref);
    if (stream.status !== "ACTIVE") throw notActive(stream);
    if (currentVersion !== stream.version) throw versionMismatch(stream, currentVersion);
    return stream;
  }

  private live(name: string, now: number): VideoStreamView | undefined {
    const row = this.store.stream(name);
    return row && this.effective(row, now);
  }

  /** The stream as it stands at `now`, or undefined when it finished deleting. */
  private effective(row: VideoStreamRow, now: number): VideoStreamView | undefined {
    const due = row.statusUntilMs !== null && row.statusUntilMs <= now;
    if (row.status === "DELETING" && due) return undefined;
    const { retentionPending: _pending, ...rest } = row;
    return { ...rest, status: row.status === "CREATING" && due ? "ACTIVE" : row.status };
  }
}

function notActive(stream: VideoStreamView): AwsError {
  return new ResourceInUseException(`The stream ${stream.name} is ${stream.status}; it can be changed only when it is ACTIVE.`);
}

function versionMismatch(stream: VideoStreamView, given: string): AwsError {
  return new VersionMismatchException(
    `The version ${given} of stream ${stream.name} is not its latest version. To get the latest version, use the DescribeStream API.`,
  );
}
