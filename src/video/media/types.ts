/**
 * What the media layer passes around: tracks, frames, fragments and tags, as Matroska describes them.
 * Times stay in the segment's TimecodeScale units (nanoseconds per unit; 1,000,000, i.e. milliseconds, for AWS's
 * producer SDKs and ffmpeg), so nothing is rounded between reading a fragment and writing it again.
 */

/** Matroska TrackType values we act on (others pass through as numbers). */
export const TRACK_TYPE = { video: 1, audio: 2 } as const;

export interface VideoSettings {
  pixelWidth: number;
  pixelHeight: number;
  displayWidth?: number;
  displayHeight?: number;
}

export interface AudioSettings {
  samplingFrequency: number;
  channels: number;
  bitDepth?: number;
}

/** One TrackEntry. */
export interface TrackInfo {
  number: number;
  /** TrackUID: up to 64 bits, so a bigint. */
  uid?: bigint;
  type: number;
  codecId: string;
  /** avcC for V_MPEG4/ISO/AVC, hvcC for V_MPEGH/ISO/HEVC, AudioSpecificConfig for A_AAC. */
  codecPrivate?: Uint8Array;
  name?: string;
  language?: string;
  /** Nanoseconds per frame, when the producer says. */
  defaultDuration?: number;
  /** Nanoseconds. */
  codecDelay?: number;
  seekPreRoll?: number;
  video?: VideoSettings;
  audio?: AudioSettings;
}

/** Segment Info: what the fragment times mean. */
export interface SegmentInfo {
  /** Nanoseconds per timecode unit (default 1,000,000). */
  timecodeScale: number;
  title?: string;
  muxingApp?: string;
  writingApp?: string;
  /** In timecode units, as a float (Matroska's Duration). */
  duration?: number;
}

/** A SimpleTag, possibly with nested SimpleTags (how AWS_KINESISVIDEO_NOTIFICATION carries its pairs). */
export interface SimpleTag {
  name: string;
  value?: string;
  binary?: Uint8Array;
  children?: SimpleTag[];
}

/** One coded frame. */
export interface Frame {
  track: number;
  /** Presentation time, absolute, in timecode units (cluster timecode + the block's relative timecode). */
  timecode: number;
  keyframe: boolean;
  /** From a BlockGroup's BlockDuration, in timecode units. */
  duration?: number;
  invisible?: boolean;
  discardable?: boolean;
  data: Uint8Array;
}

/** One Cluster: what Kinesis Video Streams calls a fragment. Frames are in the order they were sent (decode order). */
export interface Fragment {
  /** The Cluster's Timecode, in timecode units. */
  timecode: number;
  timecodeScale: number;
  frames: Frame[];
  /** The Tags elements sent between the previous cluster and this one: the producer's fragment metadata. */
  tags: SimpleTag[];
  /** The Cluster element's size on the wire, header included. */
  byteLength: number;
}
