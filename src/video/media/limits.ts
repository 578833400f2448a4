/**
 * Kinesis Video Streams' media limits and PutMedia's acknowledgement error ids, each with its source.
 *
 * Sources: AWS's PutMedia and quota pages (docs.aws.amazon.com/kinesisvideostreams/latest/dg/
 * API_dataplane_PutMedia.html, limits.html) and the producer SDK's PIC (`SERVICE_CALL_RESULT_*` in
 * src/client/include/.../client/Include.h, which is what a producer's ack parser understands).
 * Where the two disagree the SDK wins: it is what reads our acks. The SDK names 4008 "stream not active"
 * and gives a deleted stream its own id, 4507; the documentation calls 4008 "stream deleted". We send
 * 4008 for a stream that is deleted or not ACTIVE, which both readings accept.
 */

/** PutMedia ERROR ack `ErrorId`s (PIC's SERVICE_CALL_RESULT_* values). */
export const PUT_MEDIA_ERROR = {
  /** Error reading the request body. */
  streamReadError: 4000,
  /** A fragment above the size limit. */
  fragmentSizeReached: 4001,
  /** A fragment above the duration limit. */
  fragmentDurationReached: 4002,
  /** A PutMedia connection open longer than allowed. */
  connectionDurationReached: 4003,
  /** A fragment timecode earlier than the previous fragment's. */
  fragmentTimecodeNotMonotonic: 4004,
  /** Historic: more than one track (now allowed up to maxTracks). */
  multiTrackMkv: 4005,
  /** The body is not valid Matroska. */
  invalidMkvData: 4006,
  /** A producer timestamp that cannot be right (e.g. before 1970 or far in the future). */
  invalidProducerTimestamp: 4007,
  /** The stream is not ACTIVE (deleted or being deleted). */
  streamNotActive: 4008,
  /** Fragment metadata (tags) over the name, value or count limit. */
  fragmentMetadataLimitReached: 4009,
  /** A block's track number that is not in Tracks. */
  trackNumberMismatch: 4010,
  /** A fragment without frames for one of the tracks in Tracks. */
  framesMissingForTrack: 4011,
  /** More tracks than allowed. */
  moreThanAllowedTracksFound: 4012,
  /** The stream is deleted (SDK id; see the header). */
  streamDeleted: 4507,
  /** Our fault. */
  internalError: 5000,
  /** The fragment could not be stored. */
  fragmentArchivalError: 5001,
} as const;

export type PutMediaErrorId = (typeof PUT_MEDIA_ERROR)[keyof typeof PUT_MEDIA_ERROR];

/** Ingest limits (AWS's quota page; PIC's MAX_SUPPORTED_TRACK_COUNT_PER_STREAM for tracks). */
export const MEDIA_LIMITS = {
  /** A fragment (one Matroska Cluster) may hold at most 50 MB. */
  maxFragmentBytes: 50 * 1024 * 1024,
  /** ... and last at most 10 seconds. */
  maxFragmentDurationMs: 10_000,
  /** Tracks per stream. */
  maxTracks: 3,
  /** Fragment metadata: at most 10 tags per fragment (PIC's MAX_FRAGMENT_METADATA_TAGS); name and value lengths
   * as PIC's MKV_MAX_TAG_NAME_LEN / MKV_MAX_TAG_VALUE_LEN. */
  maxFragmentMetadataTags: 10,
  maxTagNameLength: 128,
  maxTagValueLength: 256,
  /** Largest metadata element (EBML header, Info, Tracks, Tags) the reader buffers before giving up: CodecPrivate
   * in PIC is at most 1 MiB (MKV_MAX_CODEC_PRIVATE_LEN), so Tracks fits with room to spare. */
  maxMetadataElementBytes: 2 * 1024 * 1024,
} as const;

/** Reading (GetHLSStreamingSessionURL / GetDASHStreamingSessionURL model docs). */
export const PLAYLIST_LIMITS = {
  /** MaxMediaPlaylistFragmentResults / MaxManifestFragmentResults defaults. */
  defaultLiveFragments: 5,
  defaultOnDemandFragments: 1000,
  /** HLS allows up to 5,000; DASH up to 1,000 (DASHMaxResults in the model says 5,000, its doc 1,000). */
  maxHlsFragments: 5000,
  maxDashFragments: 5000,
  /** ON_DISCONTINUITY: a gap or overlap above this between fragments gets a discontinuity marker. */
  discontinuityToleranceMs: 50,
} as const;

/** GetClip: "the first 100 MB or the first 200 fragments" (GetClipOutput's documentation). */
export const CLIP_LIMITS = {
  maxBytes: 100 * 1024 * 1024,
  maxFragments: 200,
} as const;
