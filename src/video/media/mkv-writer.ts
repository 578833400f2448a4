/**
 * Matroska output: GetMedia / GetMediaForFragmentList chunks, and the layout AWS's producer SDK sends to PutMedia.
 *
 * A GetMedia chunk is a whole document per fragment, laid out as AWS's parser library expects (its
 * FragmentMetadataVisitor reads AWS_KINESISVIDEO_* tags seen between the Segment's start and the Cluster as the
 * fragment's metadata, and the Tags after the Cluster for MILLIS_BEHIND_NOW and CONTINUATION_TOKEN):
 *   EBML header, Segment (unknown size), Info, Tracks, Tags (the producer's tags, then FRAGMENT_NUMBER,
 *   SERVER_TIMESTAMP, PRODUCER_TIMESTAMP), Cluster, Tags (MILLIS_BEHIND_NOW, CONTINUATION_TOKEN).
 * Timestamps in tags are seconds with three decimals ("1511852108.513"), as AWS writes them.
 *
 * Differences from AWS: the Cluster is written with a known size (AWS forwards the producer's, usually unknown);
 * both parse the same. Frames with a BlockDuration are written as BlockGroups, all others as SimpleBlocks.
 *
 * The producer layout (PIC's MkvGenerator): Segment and Clusters of unknown size, 8-byte size fields on blocks
 * and tags, an 8-byte cluster Timecode followed by Position 0, and the fragment's tags just before its Cluster.
 */
import { concatBytes } from "../../bytes";
import {
  element,
  encodeId,
  encodeSize,
  encodeUnknownSize,
  fixedUintElement,
  floatElement,
  ID,
  stringElement,
  uintElement,
  type ElementOptions,
} from "./ebml";
import type { Fragment, Frame, SegmentInfo, SimpleTag, TrackInfo } from "./types";

const MUXING_APP = "Rivulet";

export function ebmlHeaderElement(): Uint8Array {
  return element(ID.EBML, [
    uintElement(ID.EBMLVersion, 1),
    uintElement(ID.EBMLReadVersion, 1),
    uintElement(ID.EBMLMaxIDLength, 4),
    uintElement(ID.EBMLMaxSizeLength, 8),
    stringElement(ID.DocType, "matroska"),
    uintElement(ID.DocTypeVersion, 2),
    uintElement(ID.DocTypeReadVersion, 2),
  ]);
}

/** A Segment's id and an unknown size: what follows is its content until the next EBML header. */
export function segmentStart(sizeWidth = 1): Uint8Array {
  return concatBytes([encodeId(ID.Segment), encodeUnknownSize(sizeWidth)]);
}

export function infoElement(info: SegmentInfo): Uint8Array {
  const parts = [uintElement(ID.TimecodeScale, info.timecodeScale)];
  if (info.title !== undefined) parts.push(stringElement(ID.Title, info.title));
  parts.push(stringElement(ID.MuxingApp, info.muxingApp ?? MUXING_APP), stringElement(ID.WritingApp, info.writingApp ?? MUXING_APP));
  if (info.duration !== undefined) parts.push(floatElement(ID.Duration, info.duration));
  return element(ID.Info, parts);
}

export function tracksElement(tracks: readonly TrackInfo[]): Uint8Array {
  return element(ID.Tracks, tracks.map(trackEntry));
}

function trackEntry(track: TrackInfo): Uint8Array {
  const parts = [
    uintElement(ID.TrackNumber, track.number),
    uintElement(ID.TrackUID, track.uid ?? BigInt(track.number)),
    uintElement(ID.TrackType, track.type),
    stringElement(ID.CodecID, track.codecId),
  ];
  if (track.name !== undefined) parts.push(stringElement(ID.Name, track.name));
  if (track.language !== undefined) parts.push(stringElement(ID.Language, track.language));
  if (track.defaultDuration !== undefined) parts.push(uintElement(ID.DefaultDuration, track.defaultDuration));
  if (track.codecDelay !== undefined) parts.push(uintElement(ID.CodecDelay, track.codecDelay));
  if (track.seekPreRoll !== undefined) parts.push(uintElement(ID.SeekPreRoll, track.seekPreRoll));
  if (track.video) {
    const video = [uintElement(ID.PixelWidth, track.video.pixelWidth), uintElement(ID.PixelHeight, track.video.pixelHeight)];
    if (track.video.displayWidth !== undefined) video.push(uintElement(ID.DisplayWidth, track.video.displayWidth));
    if (track.video.displayHeight !== undefined) video.push(uintElement(ID.DisplayHeight, track.video.displayHeight));
    parts.push(element(ID.Video, video));
  }
  if (track.audio) {
    const audio = [floatElement(ID.SamplingFrequency, track.audio.samplingFrequency), uintElement(ID.Channels, track.audio.channels)];
    if (track.audio.bitDepth !== undefined) audio.push(uintElement(ID.BitDepth, track.audio.bitDepth));
    parts.push(element(ID.Audio, audio));
  }
  if (track.codecPrivate !== undefined) parts.push(element(ID.CodecPrivate, track.codecPrivate));
  return element(ID.TrackEntry, parts);
}

/** One Tags element holding one Tag with these SimpleTags (nested SimpleTags kept). */
export function tagsElement(tags: readonly SimpleTag[], options: ElementOptions = {}): Uint8Array {
  return element(ID.Tags, element(ID.Tag, tags.map((tag) => simpleTag(tag, options)), options), options);
}

function simpleTag(tag: SimpleTag, options: ElementOptions): Uint8Array {
  const parts = [stringElement(ID.TagName, tag.name, options)];
  if (tag.binary !== undefined) parts.push(element(ID.TagBinary, tag.binary, options));
  else parts.push(stringElement(ID.TagString, tag.value ?? "", options));
  for (const child of tag.children ?? []) parts.push(simpleTag(child, options));
  return element(ID.SimpleTag, parts, options);
}

/** A block's header: track number, int16 timecode relative to the cluster, flags. */
function blockBody(frame: Frame, clusterTimecode: number, flags: number): Uint8Array {
  const relative = frame.timecode - clusterTimecode;
  if (!Number.isInteger(relative) || relative < -32768 || relative > 32767) {
    throw new RangeError(`frame at ${frame.timecode} is too far from its cluster's timecode ${clusterTimecode} for a block`);
  }
  const header = new Uint8Array(3);
  new DataView(header.buffer).setInt16(0, relative);
  header[2] = flags;
  return concatBytes([encodeSize(frame.track), header, frame.data]);
}

function blockElement(frame: Frame, clusterTimecode: number, previous: Frame | undefined, options: ElementOptions): Uint8Array {
  const hidden = frame.invisible ? 0x08 : 0;
  if (frame.duration === undefined) {
    const flags = (frame.keyframe ? 0x80 : 0) | hidden | (frame.discardable ? 0x01 : 0);
    return element(ID.SimpleBlock, blockBody(frame, clusterTimecode, flags), options);
  }
  const parts = [element(ID.Block, blockBody(frame, clusterTimecode, hidden), options), uintElement(ID.BlockDuration, frame.duration)];
  // A ReferenceBlock (the previous frame, relative to this one) is what marks a BlockGroup's frame as not a key frame.
  if (!frame.keyframe) parts.push(signedElement(ID.ReferenceBlock, previous === undefined ? -1 : previous.timecode - frame.timecode || -1));
  return element(ID.BlockGroup, parts, options);
}

function signedElement(id: number, value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(value));
  return element(id, bytes);
}

export interface ClusterOptions {
  /** Unknown size, as live producers send clusters. */
  unknownSize?: boolean;
  /** Width of the blocks' size fields (PIC writes 8); shortest when absent. */
  sizeWidth?: number;
  /** PIC writes the Timecode in 8 bytes and a Position of 0. */
  producerTimecode?: boolean;
}

export function clusterElement(fragment: Fragment, options: ClusterOptions = {}): Uint8Array {
  const elementOptions: ElementOptions = options.sizeWidth === undefined ? {} : { sizeWidth: options.sizeWidth };
  const parts = options.producerTimecode
    ? [fixedUintElement(ID.Timecode, fragment.timecode, 8), uintElement(ID.Position, 0)]
    : [uintElement(ID.Timecode, fragment.timecode)];
  let previous: Frame | undefined;
  for (const frame of fragment.frames) {
    parts.push(blockElement(frame, fragment.timecode, previous, elementOptions));
    previous = frame;
  }
  if (!options.unknownSize) return element(ID.Cluster, parts);
  // One 0xFF byte, as PIC and ffmpeg mark a live cluster's unknown size.
  return concatBytes([encodeId(ID.Cluster), encodeUnknownSize(), ...parts]);
}

// GetMedia.

export const GET_MEDIA_TAG = {
  fragmentNumber: "AWS_KINESISVIDEO_FRAGMENT_NUMBER",
  serverTimestamp: "AWS_KINESISVIDEO_SERVER_TIMESTAMP",
  producerTimestamp: "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP",
  millisBehindNow: "AWS_KINESISVIDEO_MILLIS_BEHIND_NOW",
  continuationToken: "AWS_KINESISVIDEO_CONTINUATION_TOKEN",
  errorCode: "AWS_KINESISVIDEO_ERROR_CODE",
  errorId: "AWS_KINESISVIDEO_ERROR_ID",
} as const;

/** Epoch milliseconds as AWS writes them in tags: seconds with three decimals. */
export function formatTagTimestamp(epochMs: number): string {
  return (epochMs / 1000).toFixed(3);
}

export interface GetMediaChunkInput {
  info: SegmentInfo;
  tracks: readonly TrackInfo[];
  fragment: Fragment;
  fragmentNumber: string;
  serverTimestampMs: number;
  producerTimestampMs: number;
  millisBehindNow: number;
  continuationToken: string;
}

/** One GetMedia chunk: a whole Matroska document carrying one fragment and AWS's tags. */
export function getMediaChunk(input: GetMediaChunkInput): Uint8Array {
  const before: SimpleTag[] = [
    ...input.fragment.tags,
    { name: GET_MEDIA_TAG.fragmentNumber, value: input.fragmentNumber },
    { name: GET_MEDIA_TAG.serverTimestamp, value: formatTagTimestamp(input.serverTimestampMs) },
    { name: GET_MEDIA_TAG.producerTimestamp, value: formatTagTimestamp(input.producerTimestampMs) },
  ];
  const after: SimpleTag[] = [
    { name: GET_MEDIA_TAG.millisBehindNow, value: String(Math.max(0, Math.round(input.millisBehindNow))) },
    { name: GET_MEDIA_TAG.continuationToken, value: input.continuationToken },
  ];
  return concatBytes([
    ebmlHeaderElement(),
    segmentStart(),
    infoElement(input.info),
    tracksElement(input.tracks),
    tagsElement(before),
    clusterElement(input.fragment),
    tagsElement(after),
  ]);
}

/** The chunk GetMedia ends with when it stops on an error: a Segment with only the error tags. */
export function getMediaErrorChunk(input: { errorId: number; errorCode: string; fragmentNumber?: string }): Uint8Array {
  const tags: SimpleTag[] = [];
  if (input.fragmentNumber !== undefined) tags.push({ name: GET_MEDIA_TAG.fragmentNumber, value: input.fragmentNumber });
  tags.push({ name: GET_MEDIA_TAG.errorCode, value: input.errorCode }, { name: GET_MEDIA_TAG.errorId, value: String(input.errorId) });
  return concatBytes([ebmlHeaderElement(), segmentStart(), tagsElement(tags)]);
}

// PutMedia, as AWS's producer SDK lays it out.

/** The start of a PutMedia body: EBML header, Segment of unknown size, Info and Tracks. */
export function producerStreamStart(info: SegmentInfo, tracks: readonly TrackInfo[]): Uint8Array {
  return concatBytes([ebmlHeaderElement(), segmentStart(), infoElement(info), tracksElement(tracks)]);
}

/** One fragment of a PutMedia body: its tags (if any), then a Cluster of unknown size. */
export function producerFragment(fragment: Fragment): Uint8Array {
  const parts: Uint8Array[] = [];
  if (fragment.tags.length > 0) parts.push(tagsElement(fragment.tags, { sizeWidth: 8 }));
  parts.push(clusterElement(fragment, { unknownSize: true, sizeWidth: 8, producerTimecode: true }));
  return concatBytes(parts);
}
