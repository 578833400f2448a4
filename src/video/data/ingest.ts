/**
 * One PutMedia upload, read as it arrives: the body goes through the media layer's Matroska reader, and each
 * Cluster becomes a fragment, acknowledged as AWS does (acks.ts):
 *
 *   BUFFERING  when its Timecode has been read (the stream object numbers it then)
 *   RECEIVED   when the Cluster is complete (the next one starts, or the body ends)
 *   PERSISTED  once its media are in R2 and its index row is committed, so it survives a restart
 *              (not sent on a stream whose retention is 0: its fragments go to live readers only)
 *   ERROR      with AWS's ErrorId, after which the upload is over (the rest of the body is not read)
 *   IDLE       every VIDEO_DATA.idleAckMs without data; after VIDEO_DATA.idleCloseMs the response ends
 *
 * Fragments are stored one after another while reading goes on, at most two ahead of the reader, so a fast
 * producer is slowed to the storage's pace instead of filling memory. Once stored, a fragment goes on to the
 * stream's features (image generation, notifications, movement alerts: events/stored-fragments.ts), one at a
 * time beside the ingest, at most MAX_FOLLOWING behind; the answer ends once they are done. A deleted stream is noticed when the
 * registry says so (asked at most once a second, at a fragment's start) or when its object refuses a write:
 * ERROR 4008.
 */
import { AwsError, unwrap } from "../../aws/errors";
import type { Clock } from "../../clock";
import { videoRegistryFor, videoStreamStub } from "../../objects";
import type { Scope } from "../../aws/scope";
import { sessionHeader } from "../headers";
import {
  clusterElement,
  fragmentDuration,
  FragmentTimecodeNotMonotonicError,
  MkvReader,
  PUT_MEDIA_ERROR,
  PutMediaError,
  type Fragment,
  type MkvEvent,
  type PutMediaErrorId,
  type SegmentInfo,
  type TrackInfo,
} from "../media";
import { deleteFragments, putFragment } from "../media-objects";
import type { VideoStreamInfo } from "../stream-contract";
import type { BegunFragment, FragmentRow } from "../stream-types";
import { anyFeatureEnabled, StoredFragmentWork } from "../events/stored-fragments";
import type { StreamFeatures } from "../stream-features";
import { AckStream } from "./acks";
import { VIDEO_DATA } from "../limits";

/** IDLE timing; tests shorten it. */
export const ingestTiming = { idleAckMs: VIDEO_DATA.idleAckMs as number, idleCloseMs: VIDEO_DATA.idleCloseMs as number };

/** How often the registry is asked whether the stream still exists. */
const STATUS_CHECK_MS = 1000;
/** Fragments (and bytes of them) being stored behind the reader at most, so memory stays bounded. */
const MAX_IN_FLIGHT = 3;
const MAX_IN_FLIGHT_BYTES = 32 * 1024 * 1024;
/** Stored fragments waiting for their features' work at most, before reading waits for it. */
const MAX_FOLLOWING = 4;

export interface IngestOptions {
  env: Env;
  scope: Scope;
  clock: Clock;
  stream: VideoStreamInfo;
  /** RELATIVE timecodes are added to this; ABSOLUTE ones are used as they are (0). */
  producerStartMs: number;
}

/** A fragment between its BUFFERING and its end. */
interface OpenFragment {
  begun: BegunFragment;
  timecode: number;
}

/** Ends the upload with an ERROR ack. */
class IngestFailure extends Error {
  constructor(
    readonly errorId: PutMediaErrorId,
    message: string,
    /** The timecode of a fragment refused before it began (4004). */
    readonly timecode?: number,
  ) {
    super(message);
  }
}

export class IngestSession {
  readonly acks: AckStream;
  private readonly reader = new MkvReader();
  private readonly stub: ReturnType<typeof videoStreamStub>;
  private info: SegmentInfo = { timecodeScale: 1_000_000 };
  private tracks: TrackInfo[] = [];
  private headerId: number | undefined;
  private current: OpenFragment | undefined;
  private storing: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private inFlightBytes = 0;
  private failure: IngestFailure | undefined;
  /** Storing failed: the fragments still queued are given up (those received before a reading error are kept). */
  private storageFailed = false;
  private retentionHours: number;
  private checkedMs: number;
  private lastDataMs: number;
  private source: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** The stream's features as the registry last said (refreshed with its status). */
  private features: StreamFeatures;
  private readonly work: StoredFragmentWork;
  private following: Promise<void> = Promise.resolve();
  private followingCount = 0;

  constructor(private readonly options: IngestOptions) {
    this.stub = videoStreamStub(options.env, options.stream.streamId);
    this.retentionHours = options.stream.dataRetentionInHours;
    this.checkedMs = options.clock.now();
    this.lastDataMs = this.checkedMs;
    this.acks = new AckStream(() => void this.source?.cancel().catch(() => undefined));
    this.features = options.stream.features;
    this.work = new StoredFragmentWork(options.env, options.clock, options.scope.account, options.stream);
  }

  /** Reads the whole body, acknowledging as it goes; never throws. */
  async run(body: ReadableStream<Uint8Array>): Promise<void> {
    const source = body.getReader();
    this.source = source;
    const { clock } = this.options;
    let lastIdleAck = clock.now();
    let idleClosed = false;
    const idle = setInterval(
      () => {
        const now = clock.now();
        const quiet = now - this.lastDataMs;
        if (quiet >= ingestTiming.idleCloseMs) {
          idleClosed = true;
          void source.cancel().catch(() => undefined);
        } else if (quiet >= ingestTiming.idleAckMs && now - lastIdleAck >= ingestTiming.idleAckMs) {
          lastIdleAck = now;
          this.acks.send({ type: "IDLE" });
        }
      },
      Math.max(10, Math.min(ingestTiming.idleAckMs, 1000)),
    );
    try {
      for (;;) {
        const { done, value } = await source.read();
        if (done) break;
        this.lastDataMs = clock.now();
        await this.handleAll(() => this.reader.push(value));
        if (this.failure || !this.acks.isOpen) break;
      }
      // A body that went quiet is closed as it stands, as AWS closes it; one that ended is read to its end.
      if (!this.failure && !idleClosed && this.acks.isOpen) await this.handleAll(() => this.reader.end());
    } catch (error) {
      // Reading stops with an error when the upload was cut off by us (idle) or by the producer (gone).
      if (!idleClosed && this.acks.isOpen) this.fail(new IngestFailure(PUT_MEDIA_ERROR.streamReadError, `The body could not be read: ${String(error)}`));
    } finally {
      clearInterval(idle);
    }
    await this.storing;
    await this.following;
    const open = this.current;
    if (open) await this.stub.abandon(open.begun.seq);
    if (this.failure) {
      this.acks.send({ type: "ERROR", errorId: this.failure.errorId, timecode: open?.timecode ?? this.failure.timecode, fragmentNumber: open?.begun.fragmentNumber });
      void source.cancel().catch(() => undefined);
    }
    this.acks.close();
  }

  private fail(failure: IngestFailure): void {
    this.failure ??= failure;
  }

  private async handleAll(read: () => MkvEvent[]): Promise<void> {
    let events: MkvEvent[];
    try {
      events = read();
    } catch (error) {
      if (error instanceof PutMediaError) return this.fail(new IngestFailure(error.errorId, error.message));
      throw error;
    }
    for (const event of events) {
      if (this.failure) return;
      try {
        await this.handle(event);
      } catch (error) {
        this.fail(asFailure(error));
      }
    }
    // The bytes that completed these events went on to fail.
    const failed = this.reader.error;
    if (failed) this.fail(asFailure(failed));
  }

  private async handle(event: MkvEvent): Promise<void> {
    switch (event.type) {
      case "info":
        this.info = event.info;
        this.headerId = undefined;
        return;
      case "tracks":
        this.tracks = event.tracks;
        this.headerId = undefined;
        return;
      case "fragmentStart":
        await this.begin(event.timecode);
        return;
      case "fragment":
        await this.finish(event.fragment);
        return;
      case "header":
      case "tags":
        return;
    }
  }

  private async begin(timecode: number): Promise<void> {
    await this.checkStream();
    if (this.headerId === undefined) {
      const header = await sessionHeader(this.info, this.tracks);
      this.headerId = unwrap(await this.stub.registerHeader(this.options.stream.streamId, header));
    }
    const begun = unwrap(await this.stub.begin(this.retentionHours));
    this.current = { begun, timecode };
    this.acks.send({ type: "BUFFERING", timecode, fragmentNumber: begun.fragmentNumber });
  }

  private async finish(fragment: Fragment): Promise<void> {
    const open = this.current;
    const headerId = this.headerId;
    if (!open || headerId === undefined) throw new IngestFailure(PUT_MEDIA_ERROR.internalError, "A fragment ended that never began.");
    this.current = undefined;
    this.acks.send({ type: "RECEIVED", timecode: open.timecode, fragmentNumber: open.begun.fragmentNumber });
    const scale = fragment.timecodeScale / 1e6;
    const row: FragmentRow = {
      seq: open.begun.seq,
      number: open.begun.fragmentNumber,
      producerMs: this.options.producerStartMs + Math.round(fragment.timecode * scale),
      serverMs: open.begun.serverMs,
      durationMs: Math.round(fragmentDuration(fragment, this.tracks) * scale),
      sizeBytes: fragment.byteLength,
      timecode: fragment.timecode,
      headerId,
      tags: fragment.tags,
    };
    const cluster = clusterElement(fragment);
    // The tracks it was sent under (a new segment header may follow while it is being stored).
    const tracks = this.tracks;
    // The media go to R2 at once, beside the fragments still being stored; the index rows (and so the
    // PERSISTED acks) follow in order, each once its own media are there.
    const media = open.begun.persist && !this.storageFailed ? this.putMedia(row, cluster) : Promise.resolve();
    this.inFlight += 1;
    this.inFlightBytes += cluster.length;
    this.storing = this.storing
      .then(() => this.store(open, row, cluster, media, fragment, tracks))
      .finally(() => {
        this.inFlight -= 1;
        this.inFlightBytes -= cluster.length;
      });
    if (this.inFlight > MAX_IN_FLIGHT || this.inFlightBytes > MAX_IN_FLIGHT_BYTES) await this.storing;
    if (this.followingCount > MAX_FOLLOWING) await this.following;
  }

  /** Hands a stored fragment to the stream's features, after those before it. */
  private follow(row: FragmentRow, fragment: Fragment, tracks: readonly TrackInfo[]): void {
    const features = this.features;
    if (!anyFeatureEnabled(features)) return;
    this.followingCount += 1;
    this.following = this.following
      // Decoding holds the isolate: let the PERSISTED ack just written go out first.
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(() => this.work.handle(row, fragment, tracks, features))
      .catch((error: unknown) => console.error("PutMedia: a stored fragment's features failed", error))
      .finally(() => {
        this.followingCount -= 1;
      });
  }

  /** The fragment's media in R2; a failure is ERROR 5001 (settles either way, for store() to act on). */
  private putMedia(row: FragmentRow, cluster: Uint8Array): Promise<IngestFailure | undefined> {
    return putFragment(this.options.env.RIVULET_VIDEO, this.options.stream.streamId, row.number, cluster).then(
      () => undefined,
      (error: unknown) => new IngestFailure(PUT_MEDIA_ERROR.fragmentArchivalError, `The fragment could not be stored: ${String(error)}`),
    );
  }

  /** Indexes one fragment once its media are stored (or hands it to live readers); a failure ends the upload. */
  private async store(open: OpenFragment, row: FragmentRow, cluster: Uint8Array, media: Promise<IngestFailure | undefined | void>, fragment: Fragment, tracks: readonly TrackInfo[]): Promise<void> {
    const stored = await media;
    if (this.storageFailed) {
      await this.forget(row, open.begun.persist && !stored);
      return;
    }
    try {
      if (!open.begun.persist) {
        unwrap(await this.stub.publish(row, cluster));
        return;
      }
      if (stored) throw stored;
      unwrap(await this.stub.commit(row));
      this.acks.send({ type: "PERSISTED", timecode: row.timecode, fragmentNumber: row.number });
      this.follow(row, fragment, tracks);
    } catch (error) {
      this.storageFailed = true;
      await this.forget(row, open.begun.persist && !stored);
      this.fail(asFailure(error));
    }
  }

  /** A fragment that will not be indexed: readers stop waiting for it, and its media, if stored, go. */
  private async forget(row: FragmentRow, mediaStored: boolean): Promise<void> {
    await this.stub.abandon(row.seq);
    if (mediaStored) await deleteFragments(this.options.env.RIVULET_VIDEO, this.options.stream.streamId, [row.number]).catch(() => undefined);
  }

  /** Whether the stream still exists (the registry knows before its object is destroyed). */
  private async checkStream(): Promise<void> {
    const now = this.options.clock.now();
    if (now - this.checkedMs < STATUS_CHECK_MS) return;
    this.checkedMs = now;
    const { streamName, streamArn, streamId } = this.options.stream;
    const outcome = await videoRegistryFor(this.options.env, this.options.scope).resolve(streamName, streamArn);
    if (!outcome.ok || outcome.value.streamId !== streamId || outcome.value.status !== "ACTIVE") {
      throw new IngestFailure(PUT_MEDIA_ERROR.streamNotActive, "The stream is deleted or not active.");
    }
    this.retentionHours = outcome.value.dataRetentionInHours;
    this.features = outcome.value.features;
  }
}

/** The ErrorId an error ends an upload with: the stream's object refusing a write means the stream is gone. */
function asFailure(error: unknown): IngestFailure {
  if (error instanceof IngestFailure) return error;
  if (error instanceof FragmentTimecodeNotMonotonicError) return new IngestFailure(error.errorId, error.message, error.timecode);
  if (error instanceof PutMediaError) return new IngestFailure(error.errorId, error.message);
  if (error instanceof AwsError && error.type === "ResourceNotFoundException") {
    return new IngestFailure(PUT_MEDIA_ERROR.streamNotActive, "The stream is deleted or not active.");
  }
  console.error("PutMedia: internal error", error);
  return new IngestFailure(PUT_MEDIA_ERROR.internalError, String(error));
}
