/**
 * The pictures of one fragment shown at given times: what GetImages, image generation and movement alerts
 * all ask of a stored fragment. Times are milliseconds on one of the stream's timelines (producer or server
 * timestamps): the fragment's frames sit on it at the fragment's start plus their offset in the Cluster.
 *
 * A time gets the picture on screen then (the latest frame presented at or before it, decode/decoder.ts's
 * frameShownAt), decoded from the fragment's key frame up to the last frame wanted, once per distinct frame.
 * What AWS's Image.Error reports: NO_MEDIA when the fragment shows no picture at that time; MEDIA_ERROR when
 * the media cannot give one: no video track (audio only), a codec this service does not decode (H.265), or
 * H.264 the decoder could not rebuild.
 */
import { decodeFrames, DecodeError, frameShownAt, UnsupportedCodecError, type DecodedFrame } from "../decoder";
import { TRACK_TYPE, type Fragment, type TrackInfo } from "../media";

export type ImageError = "NO_MEDIA" | "MEDIA_ERROR";

/** The fragment's first video track: the one GetImages reads (AWS: "Video playback track requirements"). */
export function videoTrack(tracks: readonly TrackInfo[]): TrackInfo | undefined {
  return tracks.find((track) => track.type === TRACK_TYPE.video);
}

/**
 * For each time (ms on the timeline where the fragment starts at `startMs`), the picture shown then, or why
 * there is none. Pictures shown at several of the times are decoded once and shared.
 */
export function picturesAt(fragment: Fragment, tracks: readonly TrackInfo[], startMs: number, times: readonly number[]): Map<number, DecodedFrame | ImageError> {
  const result = new Map<number, DecodedFrame | ImageError>();
  const track = videoTrack(tracks);
  if (track === undefined) {
    for (const time of times) result.set(time, "MEDIA_ERROR");
    return result;
  }
  const msPerUnit = fragment.timecodeScale / 1_000_000;
  const shown = new Map<number, number>();
  for (const time of times) {
    const frame = frameShownAt(track, fragment, fragment.timecode + (time - startMs) / msPerUnit);
    if (frame === undefined) result.set(time, "NO_MEDIA");
    else shown.set(time, frame);
  }
  if (shown.size === 0) return result;
  let decoded: Map<number, DecodedFrame>;
  try {
    decoded = new Map(decodeFrames(track, fragment, new Set(shown.values())).map((frame) => [frame.timecode, frame]));
  } catch (error) {
    if (!(error instanceof UnsupportedCodecError || error instanceof DecodeError)) throw error;
    decoded = new Map();
  }
  for (const [time, frame] of shown) result.set(time, decoded.get(frame) ?? "MEDIA_ERROR");
  return result;
}

/** A picture's time on the timeline where its fragment starts at `startMs`. */
export function pictureTimeMs(fragment: Fragment, startMs: number, picture: DecodedFrame): number {
  return startMs + Math.round(((picture.timecode - fragment.timecode) * fragment.timecodeScale) / 1_000_000);
}
