/**
 * A streaming Matroska reader for PutMedia bodies: push the body chunk by chunk (or hand it a ReadableStream) and
 * it yields the EBML header, Info, Tracks, Tags, and one fragment per Cluster as soon as the cluster is complete,
 * with a `fragmentStart` as soon as a cluster's timecode is known (PutMedia's BUFFERING ack). Segments and
 * Clusters of unknown size, as live producers send them, end where an element that cannot be their child starts.
 *
 * Memory: the reader holds at most one fragment (the cluster being read) plus one metadata element; everything
 * else (SeekHead, Cues, Void, attachments) is skipped as it streams by. Limits are checked as bytes arrive, so a
 * fragment over the size limit is refused before it is buffered.
 *
 * Our own reader rather than a library's demuxer (mediabunny's reads a random-access source): PutMedia needs
 * per-cluster events while bytes still arrive, limits checked before anything is buffered, and AWS's error ids.
 *
 * Errors are PutMediaErrors carrying AWS's ack ErrorId. Deliberate differences from AWS: a cluster may hold frames
 * of only some tracks (AWS can answer 4011); clusters need not start with a key frame (AWS starts fragments at key
 * frames on the producer side and does not document refusing others).
 */
import { ByteQueue } from "./byte-queue";
import { ID, SEGMENT_CHILDREN, UNKNOWN_SIZE, readId, readSize, readUint, vintLength } from "./ebml";
import {
  FragmentDurationReachedError,
  FragmentMetadataLimitError,
  FragmentSizeReachedError,
  FragmentTimecodeNotMonotonicError,
  InvalidMkvDataError,
  MoreThanAllowedTracksError,
  TrackNumberMismatchError,
} from "./errors";
import { MEDIA_LIMITS } from "./limits";
import { blockGroupFrames, parseEbmlHeader, parseInfo, parseTags, parseTracks, simpleBlockFrames, type EbmlHeader } from "./mkv-elements";
import type { Fragment, Frame, SegmentInfo, SimpleTag, TrackInfo } from "./types";

export type MkvEvent =
  | { type: "header"; header: EbmlHeader }
  | { type: "info"; info: SegmentInfo }
  | { type: "tracks"; tracks: TrackInfo[] }
  /** A Tags element outside clusters; the same tags also ride on the next fragment. */
  | { type: "tags"; tags: SimpleTag[] }
  /** A cluster's timecode has been read: the fragment has begun. */
  | { type: "fragmentStart"; timecode: number; timecodeScale: number }
  | { type: "fragment"; fragment: Fragment };

export interface MkvReaderOptions {
  maxFragmentBytes?: number;
  maxFragmentDurationMs?: number;
  maxTracks?: number;
  /** Refuse a first cluster earlier than this (the stream's previous fragment), in timecode units. */
  previousTimecode?: number;
  /**
   * Start inside a Segment with this Info and these Tracks, to read clusters stored on their own
   * (no EBML header is then expected).
   */
  context?: { info: SegmentInfo; tracks: TrackInfo[] };
}

interface OpenElement {
  id: number;
  /** Absolute offset of the element's end, or undefined for unknown size. */
  end: number | undefined;
}

interface ClusterState {
  start: number;
  timecode: number | undefined;
  frames: Frame[];
  tags: SimpleTag[];
  minTimecode: number;
  maxTimecode: number;
}

interface ElementHeader {
  id: number;
  size: number;
  headerLength: number;
}

const invalid = (message: string) => new InvalidMkvDataError(`Invalid Matroska: ${message}.`);

export class MkvReader {
  private readonly queue = new ByteQueue();
  /** Absolute offset of the first byte in the queue. */
  private position = 0;
  private skipping = 0;
  private readonly open: OpenElement[] = [];
  private sawHeader = false;
  private info: SegmentInfo = { timecodeScale: 1_000_000 };
  private tracks: Map<number, TrackInfo> | undefined;
  private cluster: ClusterState | undefined;
  private pendingTags: SimpleTag[] = [];
  private previousTimecode: number | undefined;
  private failure: Error | undefined;
  private readonly limits: { bytes: number; durationMs: number; tracks: number };

  constructor(options: MkvReaderOptions = {}) {
    this.limits = {
      bytes: options.maxFragmentBytes ?? MEDIA_LIMITS.maxFragmentBytes,
      durationMs: options.maxFragmentDurationMs ?? MEDIA_LIMITS.maxFragmentDurationMs,
      tracks: options.maxTracks ?? MEDIA_LIMITS.maxTracks,
    };
    this.previousTimecode = options.previousTimecode;
    if (options.context) {
      this.sawHeader = true;
      this.info = options.context.info;
      this.tracks = new Map(options.context.tracks.map((track) => [track.number, track]));
      this.open.push({ id: ID.Segment, end: undefined });
    }
  }

  /**
   * Feeds the next bytes of the body; returns what became complete. The chunk must not be reused by the caller.
   * When the bytes complete some events and then fail, the events are returned and the failure is kept for
   * `error` and the next call, so a fragment completed just before a bad one is not lost.
   */
  push(chunk: Uint8Array): MkvEvent[] {
    return this.guard((events) => {
      this.queue.push(chunk);
      this.drain(events);
    });
  }

  /** The body has ended: completes an unknown-size cluster, or throws if the body stopped inside an element. */
  end(): MkvEvent[] {
    return this.guard((events) => {
      this.drain(events);
      if (this.queue.length > 0 || this.skipping > 0) throw invalid(`the body ends inside an element at byte ${this.position}`);
      if (!this.sawHeader) throw invalid("an empty body");
      while (this.open.length > 0) {
        const top = this.open[this.open.length - 1];
        if (top?.end !== undefined && top.end > this.position) throw invalid(`the body ends inside element 0x${top.id.toString(16)}`);
        this.close(events);
      }
    });
  }

  /** The failure that ended the body, once there is one: every later call throws it (the connection is over). */
  get error(): Error | undefined {
    return this.failure;
  }

  private guard(work: (events: MkvEvent[]) => void): MkvEvent[] {
    if (this.failure) throw this.failure;
    const events: MkvEvent[] = [];
    try {
      work(events);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      if (events.length === 0) throw this.failure;
    }
    return events;
  }

  private drain(events: MkvEvent[]): void {
    for (;;) {
      this.closeEnded(events);
      if (this.skipping > 0) {
        const count = Math.min(this.skipping, this.queue.length);
        this.queue.skip(count);
        this.position += count;
        this.skipping -= count;
        if (this.skipping > 0) return;
        continue;
      }
      const header = this.peekHeader();
      if (header === undefined) return;
      this.closeUnknownSized(header.id, events);
      this.checkFits(header);
      if (!this.handle(header, events)) return;
    }
  }

  /** Reads an element's id and size without consuming them; undefined until enough bytes are here. */
  private peekHeader(): ElementHeader | undefined {
    if (this.queue.length === 0) return undefined;
    const first = this.queue.peek(0);
    // Fail on the first byte of a body that is not Matroska, without waiting for more.
    if (!this.sawHeader && this.position === 0 && first !== 0x1a) throw invalid("the body does not start with an EBML header");
    const idLength = vintLength(first);
    if (idLength === 0 || idLength > 4) throw invalid(`invalid element id at byte ${this.position}`);
    if (this.queue.length <= idLength) return undefined;
    const sizeLength = vintLength(this.queue.peek(idLength));
    if (sizeLength === 0) throw invalid(`invalid element size at byte ${this.position}`);
    const headerLength = idLength + sizeLength;
    if (this.queue.length < headerLength) return undefined;
    const bytes = new Uint8Array(headerLength);
    for (let i = 0; i < headerLength; i++) bytes[i] = this.queue.peek(i);
    return { id: readId(bytes, 0, idLength), size: readSize(bytes, idLength, sizeLength), headerLength };
  }

  /** Closes known-size elements whose last byte has been read. */
  private closeEnded(events: MkvEvent[]): void {
    for (let top = this.top(); top?.end !== undefined && this.position >= top.end; top = this.top()) this.close(events);
  }

  /** An unknown-size element ends where an element that cannot be its child begins. */
  private closeUnknownSized(id: number, events: MkvEvent[]): void {
    for (let top = this.top(); top !== undefined && top.end === undefined; top = this.top()) {
      const endsSegment = id === ID.EBML || id === ID.Segment;
      const endsCluster = endsSegment || SEGMENT_CHILDREN.has(id);
      if (top.id === ID.Cluster ? endsCluster : endsSegment) this.close(events);
      else return;
    }
  }

  private checkFits(header: ElementHeader): void {
    const top = this.top();
    if (header.size === UNKNOWN_SIZE) {
      if (header.id !== ID.Segment && header.id !== ID.Cluster) throw invalid(`element 0x${header.id.toString(16)} of unknown size`);
    } else if (top?.end !== undefined && this.position + header.headerLength + header.size > top.end) {
      throw invalid(`element 0x${header.id.toString(16)} runs past its parent`);
    }
    if (this.cluster !== undefined) {
      const end = header.size === UNKNOWN_SIZE ? this.position + header.headerLength : this.position + header.headerLength + header.size;
      if (end - this.cluster.start > this.limits.bytes) throw new FragmentSizeReachedError(this.limits.bytes);
    }
  }

  /** Acts on the element at the front of the queue; false when it needs bytes that have not arrived. */
  private handle(header: ElementHeader, events: MkvEvent[]): boolean {
    const parent = this.top()?.id;
    const { id } = header;
    if (parent === undefined) {
      if (id === ID.EBML) {
        const body = this.takeWhole(header, MEDIA_LIMITS.maxMetadataElementBytes);
        if (body === undefined) return false;
        events.push({ type: "header", header: parseEbmlHeader(body) });
        this.sawHeader = true;
        return true;
      }
      if (!this.sawHeader) throw invalid("the body does not start with an EBML header");
      if (id === ID.Segment) return this.enter(header);
      if (id === ID.Void || id === ID.CRC32) return this.skip(header);
      throw invalid(`element 0x${id.toString(16)} outside a Segment`);
    }
    if (parent === ID.Segment) {
      switch (id) {
        case ID.Info: {
          const body = this.takeWhole(header, MEDIA_LIMITS.maxMetadataElementBytes);
          if (body === undefined) return false;
          this.info = parseInfo(body);
          events.push({ type: "info", info: this.info });
          return true;
        }
        case ID.Tracks: {
          const body = this.takeWhole(header, MEDIA_LIMITS.maxMetadataElementBytes);
          if (body === undefined) return false;
          const tracks = parseTracks(body);
          if (tracks.length > this.limits.tracks) throw new MoreThanAllowedTracksError(tracks.length, this.limits.tracks);
          this.tracks = new Map(tracks.map((track) => [track.number, track]));
          events.push({ type: "tracks", tracks });
          return true;
        }
        case ID.Tags: {
          const body = this.takeWhole(header, MEDIA_LIMITS.maxMetadataElementBytes);
          if (body === undefined) return false;
          const tags = parseTags(body);
          this.pendingTags.push(...tags);
          checkFragmentMetadata(this.pendingTags);
          events.push({ type: "tags", tags });
          return true;
        }
        case ID.Cluster:
          if (this.tracks === undefined) throw invalid("a Cluster before Tracks");
          if (header.size !== UNKNOWN_SIZE && header.headerLength + header.size > this.limits.bytes) throw new FragmentSizeReachedError(this.limits.bytes);
          this.cluster = { start: this.position, timecode: undefined, frames: [], tags: this.pendingTags, minTimecode: Infinity, maxTimecode: -Infinity };
          this.pendingTags = [];
          return this.enter(header);
        default:
          return this.skip(header);
      }
    }
    // Inside a Cluster (the only other element we enter).
    const cluster = this.cluster;
    if (cluster === undefined) throw invalid("a cluster child outside a Cluster");
    switch (id) {
      case ID.Timecode: {
        const body = this.takeWhole(header, 8);
        if (body === undefined) return false;
        if (cluster.timecode !== undefined) throw invalid("a Cluster with two Timecodes");
        const timecode = readUint(body);
        if (this.previousTimecode !== undefined && timecode < this.previousTimecode) throw new FragmentTimecodeNotMonotonicError(timecode, this.previousTimecode);
        this.previousTimecode = timecode;
        cluster.timecode = timecode;
        events.push({ type: "fragmentStart", timecode, timecodeScale: this.info.timecodeScale });
        return true;
      }
      case ID.SimpleBlock:
      case ID.BlockGroup: {
        const body = this.takeWhole(header, this.limits.bytes);
        if (body === undefined) return false;
        if (cluster.timecode === undefined) throw invalid("a block before its Cluster's Timecode");
        const read = id === ID.SimpleBlock ? simpleBlockFrames : blockGroupFrames;
        for (const frame of read(body, cluster.timecode, (number) => this.track(number), this.info.timecodeScale)) this.addFrame(cluster, frame);
        return true;
      }
      default:
        return this.skip(header);
    }
  }

  private track(number: number): TrackInfo {
    const track = this.tracks?.get(number);
    if (track === undefined) throw new TrackNumberMismatchError(number);
    return track;
  }

  private addFrame(cluster: ClusterState, frame: Frame): void {
    cluster.frames.push(frame);
    cluster.minTimecode = Math.min(cluster.minTimecode, frame.timecode, cluster.timecode ?? frame.timecode);
    cluster.maxTimecode = Math.max(cluster.maxTimecode, frame.timecode);
    const spanMs = ((cluster.maxTimecode - cluster.minTimecode) * this.info.timecodeScale) / 1e6;
    if (spanMs > this.limits.durationMs) throw new FragmentDurationReachedError(this.limits.durationMs);
  }

  /** Consumes a whole element and returns its body; undefined until all of it is here. */
  private takeWhole(header: ElementHeader, limit: number): Uint8Array | undefined {
    if (header.size === UNKNOWN_SIZE) throw invalid(`element 0x${header.id.toString(16)} of unknown size`);
    if (header.size > limit) {
      if (this.cluster !== undefined) throw new FragmentSizeReachedError(this.limits.bytes);
      throw invalid(`element 0x${header.id.toString(16)} of ${header.size} bytes is larger than we accept`);
    }
    if (this.queue.length < header.headerLength + header.size) return undefined;
    this.queue.skip(header.headerLength);
    const body = this.queue.take(header.size);
    this.position += header.headerLength + header.size;
    return body;
  }

  private enter(header: ElementHeader): boolean {
    this.queue.skip(header.headerLength);
    this.position += header.headerLength;
    this.open.push({ id: header.id, end: header.size === UNKNOWN_SIZE ? undefined : this.position + header.size });
    return true;
  }

  private skip(header: ElementHeader): boolean {
    if (header.size === UNKNOWN_SIZE) throw invalid(`element 0x${header.id.toString(16)} of unknown size`);
    this.queue.skip(header.headerLength);
    this.position += header.headerLength;
    this.skipping = header.size;
    return true;
  }

  private top(): OpenElement | undefined {
    return this.open[this.open.length - 1];
  }

  private close(events: MkvEvent[]): void {
    const closed = this.open.pop();
    // Tags after a Segment's last cluster belong to that Segment, not to the next one's first fragment; and the
    // next Segment is a timeline of its own (GetMedia's chunks are one Segment each, in any timecode order).
    if (closed?.id === ID.Segment) {
      this.pendingTags = [];
      this.previousTimecode = undefined;
    }
    if (closed?.id !== ID.Cluster) return;
    const cluster = this.cluster;
    this.cluster = undefined;
    if (cluster === undefined) return;
    if (cluster.timecode === undefined) throw invalid("a Cluster without a Timecode");
    events.push({
      type: "fragment",
      fragment: {
        timecode: cluster.timecode,
        timecodeScale: this.info.timecodeScale,
        frames: cluster.frames,
        tags: cluster.tags,
        byteLength: this.position - cluster.start,
      },
    });
  }
}

/** Producer metadata limits (PIC: at most 10 tags, names up to 128 and values up to 256 characters). */
function checkFragmentMetadata(tags: readonly SimpleTag[]): void {
  if (tags.length > MEDIA_LIMITS.maxFragmentMetadataTags) throw new FragmentMetadataLimitError(`${tags.length} tags before one fragment; at most ${MEDIA_LIMITS.maxFragmentMetadataTags} are allowed.`);
  for (const tag of tags) {
    if (tag.name.length > MEDIA_LIMITS.maxTagNameLength) throw new FragmentMetadataLimitError(`Tag name longer than ${MEDIA_LIMITS.maxTagNameLength} characters.`);
    if ((tag.value ?? "").length > MEDIA_LIMITS.maxTagValueLength) throw new FragmentMetadataLimitError(`Tag value longer than ${MEDIA_LIMITS.maxTagValueLength} characters.`);
    checkFragmentMetadata(tag.children ?? []);
  }
}

/** Reads a whole body from a stream, yielding events as they complete. */
export async function* readMkvStream(body: ReadableStream<Uint8Array>, options?: MkvReaderOptions): AsyncGenerator<MkvEvent> {
  const reader = new MkvReader(options);
  const source = body.getReader();
  try {
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      yield* reader.push(value);
    }
    yield* reader.end();
  } finally {
    source.releaseLock();
  }
}

/** Everything in a complete Matroska document, read at once (tests, stored fragments, GetClip input). */
export interface MkvDocument {
  header: EbmlHeader | undefined;
  info: SegmentInfo;
  tracks: TrackInfo[];
  fragments: Fragment[];
  /** Tags outside clusters, in order (including any after the last cluster). */
  tags: SimpleTag[];
}

export function readMkv(bytes: Uint8Array, options?: MkvReaderOptions): MkvDocument {
  const reader = new MkvReader(options);
  const document: MkvDocument = {
    header: undefined,
    info: options?.context?.info ?? { timecodeScale: 1_000_000 },
    tracks: options?.context?.tracks ?? [],
    fragments: [],
    tags: [],
  };
  for (const event of [...reader.push(bytes), ...reader.end()]) {
    if (event.type === "header") document.header = event.header;
    else if (event.type === "info") document.info = event.info;
    else if (event.type === "tracks") document.tracks = event.tracks;
    else if (event.type === "tags") document.tags.push(...event.tags);
    else if (event.type === "fragment") document.fragments.push(event.fragment);
  }
  return document;
}
