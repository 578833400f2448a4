/**
 * Video Streams' stream object: one per video stream (named by its stream id, see ./stream-contract.ts), owning
 * the fragment index in its SQLite (stream-store.ts) while the fragments' media are in R2 (media-objects.ts).
 *
 * Ingest (PutMedia, data/put-media.ts): `begin` numbers a fragment when its first bytes arrive (BUFFERING);
 * the Worker writes its media to R2, then `commit` adds its index row in one write (PERSISTED is sent only
 * after both). On a stream with DataRetentionInHours 0, `publish` hands the fragment to live readers from
 * memory instead (live-buffer.ts) and nothing is stored.
 *
 * Readers see fragments in ingestion order and never past one still being received: with two PutMedia
 * sessions at once, a fragment that finished first waits until the one begun before it is stored or given up
 * (or is older than VIDEO_DATA.pendingFragmentMs), so a GetMedia reader misses none. `read` waits for news:
 * `commit` and `publish` wake the waiting readers at once.
 *
 * Retention: an alarm deletes expired fragments from R2 and then the index, at the moment the oldest
 * expires; reads run that work first when it is overdue, so they never see an expired fragment.
 *
 * Every method answers with an Outcome (aws/errors.ts): RPC loses error classes.
 */
import { DurableObject } from "cloudflare:workers";
import { capture, NotAuthorizedException, VideoResourceNotFoundException } from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import { CLIP_LIMITS, selectFragments } from "./media";
import { comparableFragmentNumber, formatFragmentNumber, streamPrefix } from "./fragment-numbers";
import { checkPackageable, parseHeader } from "./headers";
import { VIDEO_DATA } from "./limits";
import { LiveBuffer } from "./live-buffer";
import { deleteFragments, deleteMotionPicturesUpTo, deleteStreamMedia } from "./media-objects";
import { inSession, noFragments, selectSession, sessionStart } from "./playback-select";
import { signSession, verifySession, type PlaybackSession, type TimestampSelector } from "./session-token";
import type { VideoStreamLifecycle } from "./stream-contract";
import { VideoStreamStore, type FragmentRow, type HeaderRow } from "./stream-store";
import type {
  BegunFragment,
  ClipPlan,
  FragmentPage,
  FragmentsAt,
  MediaStart,
  PlaybackRequest,
  PlaybackView,
  ReadBatch,
  ReadFragment,
  SessionHeader,
  SessionMedia,
} from "./stream-types";

const HOUR_MS = 3_600_000;

export class VideoStream extends DurableObject<Env> implements VideoStreamLifecycle {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: VideoStreamStore;
  private readonly prefix: string;
  /** Fragments begun and not yet stored or given up, with when they began. */
  private readonly pending = new Map<number, number>();
  private readonly live = new LiveBuffer();
  private readonly waiters = new Set<() => void>();
  /** When the alarm is set for, as far as this object knows. */
  private alarmMs: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new VideoStreamStore(ctx.storage);
    this.prefix = streamPrefix(ctx.id.toString());
    void ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      this.alarmMs = await ctx.storage.getAlarm();
    });
  }

  // -------------------------------------------------------------------------------------------
  // The control plane's calls (the contract)

  async retentionChanged(dataRetentionInHours: number): Promise<void> {
    this.store.setRetentionHours(dataRetentionInHours);
    await this.expire();
  }

  async destroy(): Promise<void> {
    this.store.markDestroyed();
    this.pending.clear();
    this.live.clear();
    this.wakeReaders();
    const streamId = this.streamId();
    if (streamId !== undefined) await deleteStreamMedia(this.env.RIVULET_VIDEO, streamId);
    this.store.forgetAll();
    await this.ctx.storage.deleteAlarm();
    this.alarmMs = null;
  }

  override async alarm(): Promise<void> {
    this.alarmMs = null;
    await this.expire();
  }

  // -------------------------------------------------------------------------------------------
  // Ingest

  /** Stores a session's segment header once; answers its id. */
  async registerHeader(streamId: string, header: SessionHeader) {
    return capture(() => {
      this.requireStream();
      this.store.setStreamId(streamId);
      return this.store.header(header.digest, header.info, header.tracks);
    });
  }

  /** Numbers a fragment whose first bytes arrived, under the retention the registry has now. */
  async begin(retentionHours: number) {
    return capture((): BegunFragment => {
      this.requireStream();
      if (this.store.retentionHours() !== retentionHours) this.store.setRetentionHours(retentionHours);
      const now = this.clock.now();
      const { counter, ms } = this.store.nextNumberParts(now);
      this.pending.set(counter, now);
      return { seq: counter, fragmentNumber: formatFragmentNumber(this.prefix, ms, counter), serverMs: ms, persist: retentionHours > 0 };
    });
  }

  /** Indexes a fragment whose media are in R2: from now on readers get it and it survives restarts. */
  async commit(row: FragmentRow) {
    return capture(async () => {
      this.requireStream();
      this.store.insert(row);
      this.pending.delete(row.seq);
      this.wakeReaders();
      await this.scheduleExpiry();
    });
  }

  /** Hands a fragment of a stream that keeps nothing to its live readers. */
  async publish(row: FragmentRow, media: Uint8Array) {
    return capture(() => {
      this.requireStream();
      this.live.add({ ...row, media });
      this.pending.delete(row.seq);
      this.wakeReaders();
    });
  }

  /** A fragment begun and never finished (its session failed): readers stop waiting for it. */
  async abandon(seq: number) {
    this.pending.delete(seq);
    this.wakeReaders();
  }

  // -------------------------------------------------------------------------------------------
  // GetMedia and GetMediaForFragmentList

  /** The seq GetMedia reads after, for its StartSelector. */
  async startAfter(start: MediaStart) {
    return capture(async () => {
      this.requireStream();
      await this.expireIfDue();
      const upTo = this.visibleUpTo();
      let first: number | undefined;
      switch (start.type) {
        case "EARLIEST":
          first = minDefined(this.store.bounds()?.first, this.live.first()?.seq);
          break;
        case "NOW":
          first = maxDefined(this.store.newestAtMost(upTo), this.live.after(0, upTo).at(-1)?.seq);
          break;
        case "AFTER_NUMBER": {
          const comparable = comparableFragmentNumber(start.fragmentNumber);
          if (comparable !== undefined) {
            first = minDefined(this.store.firstAfterNumber(comparable), this.live.after(0, upTo).find((entry) => entry.number > comparable)?.seq);
          }
          break;
        }
        case "PRODUCER_TIMESTAMP":
        case "SERVER_TIMESTAMP":
          first = this.store.startingAt(start.type, start.ms);
          break;
      }
      return first === undefined ? upTo : first - 1;
    });
  }

  /** Fragments after `after`, waiting up to `waitMs` for one when there is none yet. */
  async read(after: number, limit: number, waitMs: number) {
    return capture(async (): Promise<ReadBatch> => {
      await this.expireIfDue();
      let batch = this.collect(after, limit);
      if (batch.fragments.length === 0 && !batch.deleted && waitMs > 0) {
        await this.waitForNews(waitMs);
        batch = this.collect(after, limit);
      }
      return batch;
    });
  }

  /** The fragments of these numbers that exist, and the numbers that do not. */
  async fragmentsByNumber(numbers: readonly string[]) {
    return capture(async () => {
      this.requireStream();
      await this.expireIfDue();
      const found: ReadFragment[] = [];
      const missing: string[] = [];
      const upTo = this.visibleUpTo();
      for (const number of numbers) {
        const row = this.store.byNumber(number) ?? this.live.after(0, upTo).find((entry) => entry.number === number);
        if (row) found.push(row);
        else missing.push(number);
      }
      return { fragments: found, missing, headers: this.headersOf(found) };
    });
  }

  // -------------------------------------------------------------------------------------------
  // ListFragments

  async listFragments(selector: TimestampSelector, startMs: number, endMs: number, afterSeq: number, limit: number) {
    return capture(async (): Promise<FragmentPage> => {
      this.requireStream();
      await this.expireIfDue();
      const rows = this.store.inRange(selector, startMs, endMs, afterSeq, limit + 1);
      const page = rows.slice(0, limit);
      return { fragments: page, continueAfter: rows.length > limit ? page.at(-1)?.seq : undefined };
    });
  }

  // -------------------------------------------------------------------------------------------
  // HLS and DASH sessions

  /** Checks that the session has media to play and answers its token. */
  async openPlayback(streamId: string, request: PlaybackRequest) {
    return capture(async () => {
      this.requireStream();
      await this.expireIfDue();
      const now = this.clock.now();
      const { expiresSeconds, ...parameters } = request;
      const start = sessionStart(this.store, parameters, now);
      const first = this.store.bySeq(start.firstSeq);
      const header = first && this.store.headerById(first.headerId);
      if (header) checkPackageable(parseHeader(header).tracks);
      const session: PlaybackSession = {
        ...parameters,
        streamId,
        createdMs: now,
        expiresMs: now + expiresSeconds * 1000,
        ...(start.fromSeq !== undefined && { fromSeq: start.fromSeq }),
      };
      return signSession(session, this.store.sessionKey());
    });
  }

  /** A session's playlist as it stands now. */
  async playback(token: string) {
    return capture(async (): Promise<PlaybackView> => {
      const session = await this.verifiedSession(token);
      await this.expireIfDue();
      const now = this.clock.now();
      const view = selectSession(this.store, session, now);
      return { session, ...view, headers: this.headersOf(view.fragments.map((fragment) => fragment.row)), nowMs: now };
    });
  }

  /** One fragment of a session: by its fragment number (HLS) or its number in the session (DASH). */
  async playbackMedia(token: string, ref: { fragmentNumber: string } | { sequence: number }) {
    return capture(async (): Promise<SessionMedia> => {
      const session = await this.verifiedSession(token);
      await this.expireIfDue();
      let row: FragmentRow | undefined;
      let timelineMs: number | undefined;
      if ("fragmentNumber" in ref) {
        row = this.store.byNumber(ref.fragmentNumber);
        if (row && !inSession(row, session)) row = undefined;
      } else {
        const view = selectSession(this.store, session, this.clock.now());
        const listed = [...view.before, ...view.fragments].find((fragment) => fragment.number === ref.sequence);
        row = listed?.row;
        timelineMs = listed?.timelineMs;
      }
      const header = row && this.store.headerById(row.headerId);
      if (!row || !header) throw new VideoResourceNotFoundException("The requested fragment is not in this session, or no longer exists.");
      const next = this.store.after(row.seq, Number.MAX_SAFE_INTEGER, 1)[0];
      return { session, row, header, nextTimecode: next?.headerId === row.headerId ? next.timecode : undefined, timelineMs };
    });
  }

  // -------------------------------------------------------------------------------------------
  // GetClip

  /** The whole fragments starting in the range, deduplicated, up to 200 fragments or 100 MB. */
  async clip(selector: TimestampSelector, startMs: number, endMs: number) {
    return capture(async (): Promise<ClipPlan> => {
      this.requireStream();
      await this.expireIfDue();
      const rows = this.store.byTime(selector, startMs, endMs, CLIP_LIMITS.maxFragments * 4);
      const byNumber = new Map(rows.map((row) => [row.number, row]));
      const listed = selectFragments(
        rows.map((row) => ({ fragmentNumber: row.number, startMs: selector === "PRODUCER_TIMESTAMP" ? row.producerMs : row.serverMs, durationMs: row.durationMs })),
        { mode: "ON_DEMAND", maxResults: CLIP_LIMITS.maxFragments },
      ).fragments;
      const fragments: FragmentRow[] = [];
      let bytes = 0;
      for (const each of listed) {
        const row = byNumber.get(each.fragmentNumber);
        if (!row || (fragments.length > 0 && bytes + row.sizeBytes > CLIP_LIMITS.maxBytes)) break;
        fragments.push(row);
        bytes += row.sizeBytes;
      }
      if (fragments.length === 0) throw noFragments();
      return { fragments, headers: this.headersOf(fragments) };
    });
  }

  // -------------------------------------------------------------------------------------------
  // GetImages

  /** For each time, the stored fragment whose span holds it (or null), with the headers they need. */
  async fragmentsAt(selector: TimestampSelector, times: readonly number[]) {
    return capture(async (): Promise<FragmentsAt> => {
      this.requireStream();
      await this.expireIfDue();
      const at = times.map((ms) => this.store.containing(selector, ms) ?? null);
      return { at, headers: this.headersOf(at.filter((row) => row !== null)) };
    });
  }

  // -------------------------------------------------------------------------------------------

  private requireStream(): void {
    if (this.store.destroyed()) throw new VideoResourceNotFoundException("The requested stream is not found or not active.");
  }

  private streamId(): string | undefined {
    return this.store.streamId() ?? this.ctx.id.name;
  }

  private async verifiedSession(token: string): Promise<PlaybackSession> {
    this.requireStream();
    const session = await verifySession(token, this.store.sessionKey());
    if (!session) throw new NotAuthorizedException("The session token is not valid.");
    if (this.clock.now() > session.expiresMs) throw new NotAuthorizedException("The session token has expired.");
    return session;
  }

  /** The newest seq readers may see: everything before the oldest fragment still being received. */
  private visibleUpTo(): number {
    const now = this.clock.now();
    let oldest: number | undefined;
    for (const [seq, beganMs] of this.pending) {
      if (now - beganMs > VIDEO_DATA.pendingFragmentMs) this.pending.delete(seq);
      else oldest = oldest === undefined ? seq : Math.min(oldest, seq);
    }
    return oldest === undefined ? this.store.lastSeq() : oldest - 1;
  }

  private collect(after: number, limit: number): ReadBatch {
    const nowMs = this.clock.now();
    if (this.store.destroyed()) return { fragments: [], headers: [], nowMs, deleted: true };
    const upTo = this.visibleUpTo();
    const fragments: ReadFragment[] = [...this.store.after(after, upTo, limit), ...this.live.after(after, upTo)]
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    return { fragments, headers: this.headersOf(fragments), nowMs, deleted: false };
  }

  private headersOf(rows: readonly FragmentRow[]): HeaderRow[] {
    const ids = [...new Set(rows.map((row) => row.headerId))];
    return ids.flatMap((id) => {
      const header = this.store.headerById(id);
      return header ? [header] : [];
    });
  }

  private waitForNews(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private wakeReaders(): void {
    for (const wake of [...this.waiters]) wake();
  }

  // Retention.

  private cutoff(): number | undefined {
    const hours = this.store.retentionHours();
    return hours === undefined ? undefined : this.clock.now() - hours * HOUR_MS;
  }

  private async expireIfDue(): Promise<void> {
    const cutoff = this.cutoff();
    const oldest = this.store.oldestServerMs();
    if (cutoff !== undefined && oldest !== undefined && oldest < cutoff) await this.expire();
  }

  /** Deletes the expired fragments' media, then their rows (a crash between leaves rows whose media are gone, which reads skip). */
  private async expire(): Promise<void> {
    const cutoff = this.cutoff();
    if (cutoff === undefined) return;
    const streamId = this.streamId();
    for (;;) {
      const expired = this.store.expired(cutoff, VIDEO_DATA.deleteBatch);
      const last = expired.at(-1);
      if (last === undefined) break;
      if (streamId !== undefined) {
        await deleteFragments(this.env.RIVULET_VIDEO, streamId, expired.map((each) => each.number));
        await deleteMotionPicturesUpTo(this.env.RIVULET_VIDEO, streamId, last.number);
      }
      this.store.forgetExpired(cutoff, last.seq);
    }
    await this.scheduleExpiry();
  }

  /** Sets the alarm for when the oldest fragment expires. */
  private async scheduleExpiry(): Promise<void> {
    const hours = this.store.retentionHours();
    const oldest = this.store.oldestServerMs();
    if (hours === undefined || oldest === undefined) return;
    const due = oldest + hours * HOUR_MS;
    if (this.alarmMs !== null && this.alarmMs <= due) return;
    await this.ctx.storage.setAlarm(due);
    this.alarmMs = due;
  }
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
