/**
 * Kinesis Video Streams' media layer: pure TypeScript, no Worker bindings. The API, the Durable Objects and R2
 * call it to read PutMedia bodies, write GetMedia chunks, package HLS/DASH fMP4 and GetClip MP4, and write
 * playlists. Each module's header names its gaps and deliberate differences from AWS.
 */
export * from "./types";
export * from "./errors";
export { PUT_MEDIA_ERROR, MEDIA_LIMITS, PLAYLIST_LIMITS, CLIP_LIMITS, type PutMediaErrorId } from "./limits";
export { MkvReader, readMkv, readMkvStream, type MkvEvent, type MkvReaderOptions, type MkvDocument } from "./mkv-reader";
export type { EbmlHeader } from "./mkv-elements";
export {
  ebmlHeaderElement,
  segmentStart,
  infoElement,
  tracksElement,
  tagsElement,
  getMediaChunk,
  getMediaErrorChunk,
  producerStreamStart,
  producerFragment,
  clusterElement,
  formatTagTimestamp,
  GET_MEDIA_TAG,
  type GetMediaChunkInput,
} from "./mkv-writer";
export { codecString, codecKind } from "./codecs";
export { initSegment, mediaSegment, type MediaSegmentOptions } from "./fmp4";
export { clipMp4 } from "./mp4-clip";
export { fragmentDuration, timescaleOf } from "./timing";
export { selectFragments, type PlaybackMode, type PlaylistFragment, type FragmentSelection, type NumberedFragment, type Selection } from "./playlist-select";
export { hlsMasterPlaylist, hlsMediaPlaylist, peakBandwidth, defaultDiscontinuityMode, type DiscontinuityMode } from "./hls";
export { dashManifest } from "./dash";
