/**
 * Decoding of the Matroska elements the reader buffers whole: the EBML header, Info, Tracks, Tags and blocks.
 * Elements we do not use are ignored (Matroska lets readers skip what they do not know). Gaps: ContentEncodings
 * (compressed or encrypted tracks) are not applied, so such tracks' frames come out as stored; Targets of tags
 * are dropped; a block's lace timestamps beyond the first are spread by DefaultDuration when the track has one.
 */
import { InvalidMkvDataError } from "./errors";
import { ID, readBigUint, readFloat, readSize, readString, readUint, UNKNOWN_SIZE, vintLength, walkChildren, type Child } from "./ebml";
import type { Frame, SegmentInfo, SimpleTag, TrackInfo } from "./types";

const fail = (message: string) => new InvalidMkvDataError(`Invalid Matroska: ${message}.`);

function children(body: Uint8Array): Child[] {
  return walkChildren(body, fail);
}

export interface EbmlHeader {
  docType: string;
  docTypeVersion: number;
  docTypeReadVersion: number;
}

/** The EBML header; only Matroska and WebM documents with ids up to 4 bytes and sizes up to 8 are accepted. */
export function parseEbmlHeader(body: Uint8Array): EbmlHeader {
  const header: EbmlHeader = { docType: "matroska", docTypeVersion: 1, docTypeReadVersion: 1 };
  for (const child of children(body)) {
    if (child.id === ID.DocType) header.docType = readString(child.body);
    else if (child.id === ID.DocTypeVersion) header.docTypeVersion = readUint(child.body);
    else if (child.id === ID.DocTypeReadVersion) header.docTypeReadVersion = readUint(child.body);
    else if (child.id === ID.EBMLMaxIDLength && readUint(child.body) > 4) throw fail("ids longer than 4 bytes");
    else if (child.id === ID.EBMLMaxSizeLength && readUint(child.body) > 8) throw fail("sizes longer than 8 bytes");
  }
  if (header.docType !== "matroska" && header.docType !== "webm") throw fail(`DocType "${header.docType}" is not matroska`);
  return header;
}

export function parseInfo(body: Uint8Array): SegmentInfo {
  const info: SegmentInfo = { timecodeScale: 1_000_000 };
  for (const child of children(body)) {
    if (child.id === ID.TimecodeScale) info.timecodeScale = readUint(child.body);
    else if (child.id === ID.Duration) info.duration = readFloat(child.body);
    else if (child.id === ID.Title) info.title = readString(child.body);
    else if (child.id === ID.MuxingApp) info.muxingApp = readString(child.body);
    else if (child.id === ID.WritingApp) info.writingApp = readString(child.body);
  }
  if (info.timecodeScale <= 0) throw fail("TimecodeScale 0");
  return info;
}

export function parseTracks(body: Uint8Array): TrackInfo[] {
  const tracks: TrackInfo[] = [];
  for (const entry of children(body)) {
    if (entry.id !== ID.TrackEntry) continue;
    const track: TrackInfo = { number: 0, type: 0, codecId: "" };
    for (const child of children(entry.body)) {
      switch (child.id) {
        case ID.TrackNumber:
          track.number = readUint(child.body);
          break;
        case ID.TrackUID:
          track.uid = readBigUint(child.body);
          break;
        case ID.TrackType:
          track.type = readUint(child.body);
          break;
        case ID.CodecID:
          track.codecId = readString(child.body);
          break;
        case ID.CodecPrivate:
          // A copy, so the track does not keep the network chunk it arrived in alive.
          track.codecPrivate = child.body.slice();
          break;
        case ID.Name:
          track.name = readString(child.body);
          break;
        case ID.Language:
          track.language = readString(child.body);
          break;
        case ID.DefaultDuration:
          track.defaultDuration = readUint(child.body);
          break;
        case ID.CodecDelay:
          track.codecDelay = readUint(child.body);
          break;
        case ID.SeekPreRoll:
          track.seekPreRoll = readUint(child.body);
          break;
        case ID.Video:
          track.video = parseVideo(child.body);
          break;
        case ID.Audio:
          track.audio = parseAudio(child.body);
          break;
      }
    }
    if (track.number === 0) throw fail("a TrackEntry without TrackNumber");
    if (tracks.some((other) => other.number === track.number)) throw fail(`track number ${track.number} used twice`);
    tracks.push(track);
  }
  return tracks;
}

function parseVideo(body: Uint8Array): TrackInfo["video"] {
  const video = { pixelWidth: 0, pixelHeight: 0 } as NonNullable<TrackInfo["video"]>;
  for (const child of children(body)) {
    if (child.id === ID.PixelWidth) video.pixelWidth = readUint(child.body);
    else if (child.id === ID.PixelHeight) video.pixelHeight = readUint(child.body);
    else if (child.id === ID.DisplayWidth) video.displayWidth = readUint(child.body);
    else if (child.id === ID.DisplayHeight) video.displayHeight = readUint(child.body);
  }
  return video;
}

function parseAudio(body: Uint8Array): TrackInfo["audio"] {
  const audio = { samplingFrequency: 8000, channels: 1 } as NonNullable<TrackInfo["audio"]>;
  for (const child of children(body)) {
    if (child.id === ID.SamplingFrequency) audio.samplingFrequency = readFloat(child.body);
    else if (child.id === ID.Channels) audio.channels = readUint(child.body);
    else if (child.id === ID.BitDepth) audio.bitDepth = readUint(child.body);
  }
  return audio;
}

/** The SimpleTags of a Tags element, in order, Tag boundaries and Targets dropped. */
export function parseTags(body: Uint8Array): SimpleTag[] {
  const tags: SimpleTag[] = [];
  for (const tag of children(body)) {
    if (tag.id !== ID.Tag) continue;
    for (const child of children(tag.body)) {
      if (child.id === ID.SimpleTag) tags.push(parseSimpleTag(child.body));
    }
  }
  return tags;
}

function parseSimpleTag(body: Uint8Array): SimpleTag {
  const tag: SimpleTag = { name: "" };
  for (const child of children(body)) {
    if (child.id === ID.TagName) tag.name = readString(child.body);
    else if (child.id === ID.TagString) tag.value = readString(child.body);
    else if (child.id === ID.TagBinary) tag.binary = child.body.slice();
    else if (child.id === ID.SimpleTag) (tag.children ??= []).push(parseSimpleTag(child.body));
  }
  return tag;
}

/** What a block says before its frames. */
interface BlockHeader {
  track: number;
  /** Signed, relative to the cluster's timecode. */
  relativeTimecode: number;
  flags: number;
  /** Where the frame data (or the lacing header) starts. */
  dataOffset: number;
}

function parseBlockHeader(body: Uint8Array): BlockHeader {
  const trackLength = vintLength(body[0] ?? 0);
  if (trackLength === 0 || body.length < trackLength + 3) throw fail("a block too short for its header");
  const track = readSize(body, 0, trackLength);
  if (track === UNKNOWN_SIZE) throw fail("a block with an invalid track number");
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  return { track, relativeTimecode: view.getInt16(trackLength), flags: body[trackLength + 2] ?? 0, dataOffset: trackLength + 3 };
}

/** A block's frames: one, or several when laced (Xiph, fixed-size or EBML lacing). */
function blockFrames(body: Uint8Array, header: BlockHeader): Uint8Array[] {
  const lacing = (header.flags >> 1) & 0x03;
  if (lacing === 0) return [body.subarray(header.dataOffset)];
  let offset = header.dataOffset;
  const count = (body[offset++] ?? 0) + 1;
  const sizes: number[] = [];
  if (lacing === 1) {
    // Xiph: each size but the last as a run of 255s and a final byte below 255.
    for (let i = 0; i < count - 1; i++) {
      let size = 0;
      let byte = 255;
      while (byte === 255) {
        if (offset >= body.length) throw fail("a Xiph lace header past the block");
        byte = body[offset++] ?? 0;
        size += byte;
      }
      sizes.push(size);
    }
  } else if (lacing === 3) {
    // EBML: the first size as a vint, then signed differences.
    let previous = 0;
    for (let i = 0; i < count - 1; i++) {
      const length = vintLength(body[offset] ?? 0);
      if (length === 0 || offset + length > body.length) throw fail("an EBML lace header past the block");
      const raw = readSize(body, offset, length);
      offset += length;
      previous = i === 0 ? raw : previous + raw - (2 ** (7 * length - 1) - 1);
      sizes.push(previous);
    }
  } else {
    const total = body.length - offset;
    if (total % count !== 0) throw fail("fixed-size lacing that does not divide the block");
    for (let i = 0; i < count - 1; i++) sizes.push(total / count);
  }
  const used = sizes.reduce((sum, size) => sum + size, 0);
  if (used > body.length - offset || sizes.some((size) => size < 0)) throw fail("laced frames larger than their block");
  sizes.push(body.length - offset - used);
  return sizes.map((size) => {
    const frame = body.subarray(offset, offset + size);
    offset += size;
    return frame;
  });
}

/** Finds a block's track; throws when Tracks does not declare it. */
export type TrackLookup = (number: number) => TrackInfo;

/** The frames of a SimpleBlock whose cluster starts at `clusterTimecode`. */
export function simpleBlockFrames(body: Uint8Array, clusterTimecode: number, trackOf: TrackLookup, timecodeScale: number): Frame[] {
  const header = parseBlockHeader(body);
  return framesOf(body, header, clusterTimecode, trackOf(header.track), timecodeScale, {
    keyframe: (header.flags & 0x80) !== 0,
    invisible: (header.flags & 0x08) !== 0,
    discardable: (header.flags & 0x01) !== 0,
  });
}

/** The frames of a BlockGroup: a Block, a key frame unless a ReferenceBlock says otherwise, with its BlockDuration. */
export function blockGroupFrames(body: Uint8Array, clusterTimecode: number, trackOf: TrackLookup, timecodeScale: number): Frame[] {
  let block: Uint8Array | undefined;
  let duration: number | undefined;
  let referenced = false;
  for (const child of children(body)) {
    if (child.id === ID.Block) block = child.body;
    else if (child.id === ID.BlockDuration) duration = readUint(child.body);
    else if (child.id === ID.ReferenceBlock) referenced = true;
  }
  if (block === undefined) throw fail("a BlockGroup without a Block");
  const header = parseBlockHeader(block);
  return framesOf(block, header, clusterTimecode, trackOf(header.track), timecodeScale, {
    keyframe: !referenced,
    invisible: (header.flags & 0x08) !== 0,
    ...(duration === undefined ? {} : { duration }),
  });
}

function framesOf(body: Uint8Array, header: BlockHeader, clusterTimecode: number, track: TrackInfo, timecodeScale: number, flags: Pick<Frame, "keyframe" | "invisible" | "discardable" | "duration">): Frame[] {
  const datas = blockFrames(body, header);
  const step = track.defaultDuration === undefined ? 0 : track.defaultDuration / timecodeScale;
  return datas.map((data, index) => {
    const frame: Frame = { track: header.track, timecode: clusterTimecode + header.relativeTimecode + Math.round(index * step), keyframe: flags.keyframe, data };
    if (flags.invisible) frame.invisible = true;
    if (flags.discardable) frame.discardable = true;
    if (flags.duration !== undefined && datas.length === 1) frame.duration = flags.duration;
    return frame;
  });
}
