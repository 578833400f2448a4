/**
 * Video Streams' data-plane limits and timings (the media layer's own are in media/limits.ts), each with its
 * source: AWS's API reference and quota page (docs.aws.amazon.com/kinesisvideostreams/latest/dg/limits.html), or
 * ours where AWS documents none.
 */
export const VIDEO_DATA = {
  /** PutMedia: "sends this acknowledgement periodically for up to 30 seconds after the last received data". */
  idleCloseMs: 30_000,
  /** How often IDLE is sent while nothing arrives: ours (AWS says "periodically"). */
  idleAckMs: 3_000,
  /**
   * A fragment begun (BUFFERING) but neither stored nor abandoned after this long no longer holds back the
   * fragments after it from readers: its session is taken as gone. Ours; well above a 10 s fragment sent in real time.
   */
  pendingFragmentMs: 60_000,
  /** How long one reader call waits for new fragments before answering empty (the Worker then asks again). Ours. */
  readerWaitMs: 5_000,
  /** A GetMedia response ends after this long without a new fragment; the reader continues with its last token. Ours. */
  getMediaIdleEndMs: 30_000,
  /** Fragments a GetMedia reader takes per call to its stream. Ours. */
  getMediaBatch: 20,
  /** Fragments a retention 0 stream keeps in memory for live readers (it stores none). Ours. */
  liveBufferFragments: 8,
  /** ... and at most this many bytes of them. Ours. */
  liveBufferBytes: 32 * 1024 * 1024,
  /** ListFragments: MaxResults 1..1000 (the model); the default when absent is ours. */
  listFragmentsMax: 1000,
  listFragmentsDefault: 100,
  /** GetMediaForFragmentList: Fragments is 1..1000 numbers (the model's FragmentNumberList). */
  fragmentListMax: 1000,
  /** Session URLs: "This value can be between 300 (5 minutes) and 43200 (12 hours) ... The default is 300". */
  sessionDefaultExpiresSeconds: 300,
  /** A LIVE session needs fragments "within the last 30 seconds" (ResourceNotFoundException's documentation). */
  liveWindowMs: 30_000,
  /** "This value must be within 24 hours of the specified StartTimestamp" (EndTimestamp of HLS/DASH/GetClip ranges). */
  maxRangeMs: 24 * 3600 * 1000,
  /** GetImages: "more than 300 seconds above StartTimestamp, you will receive an IllegalArgumentException". */
  imagesMaxRangeMs: 300_000,
  /** GetImages / ImageGenerationConfiguration: "The minimum value that can be provided is 200 ms". */
  imagesMinSamplingMs: 200,
  /** GetImages without SamplingInterval (the model makes it optional; AWS documents no default): ours. */
  imagesDefaultSamplingMs: 1_000,
  /** GetImages: "The default limit is 25 images per API response. Providing a MaxResults greater than this value will result in a page size of 25." */
  imagesPageSize: 25,
  /** Retention is enforced by an alarm; deletes go to R2 in batches of at most this many keys (R2's delete limit). */
  deleteBatch: 1000,
} as const;
