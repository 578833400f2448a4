/**
 * From Matroska's frames to MP4 samples. Matroska stores each frame's presentation time (PTS) and keeps frames in
 * decode order; MP4 wants decode times (DTS), durations between consecutive decode times, and the offset from
 * decode to presentation. With B-frames the two orders differ, so the decode times are reconstructed the usual way
 * (as ffmpeg's demuxer does): the sorted presentation times, handed out in decode order. A frame's composition
 * offset is then PTS - DTS, negative for frames shown before later-decoded ones would be, which MP4 carries in
 * version 1 of trun and ctts.
 *
 * Because a closed GOP's frames occupy exactly the presentation interval from its key frame to the next one, the
 * decode times of consecutive fragments join without gaps, and the first sample's decode time is the fragment's
 * earliest presentation time (so no edit list is needed for fragmented MP4).
 */
import { UnsupportedStreamMediaTypeError } from "./errors";
import type { Fragment, Frame, TrackInfo } from "./types";

export interface Sample {
  frame: Frame;
  /** Decode time, in the fragment's timecode units. */
  dts: number;
  /** Presentation minus decode time. */
  compositionOffset: number;
  duration: number;
}

/**
 * The samples of one track's frames (decode order). `nextStart` is where the track continues (the next fragment's
 * start), used for the last sample's duration when it agrees with the frame rate; otherwise the last sample lasts
 * as long as its BlockDuration, the track's DefaultDuration or the typical distance between frames.
 */
export function trackSamples(frames: readonly Frame[], track: TrackInfo | undefined, timecodeScale: number, nextStart?: number): Sample[] {
  const times = frames.map((frame) => frame.timecode).sort((a, b) => a - b);
  const samples = frames.map((frame, index) => {
    const dts = times[index] ?? frame.timecode;
    return { frame, dts, compositionOffset: frame.timecode - dts, duration: (times[index + 1] ?? dts) - dts };
  });
  const last = samples[samples.length - 1];
  if (last !== undefined) last.duration = lastDuration(last, samples, track, timecodeScale, nextStart);
  return samples;
}

function lastDuration(last: Sample, samples: readonly Sample[], track: TrackInfo | undefined, timecodeScale: number, nextStart: number | undefined): number {
  const typical =
    last.frame.duration ??
    (track?.defaultDuration === undefined ? undefined : Math.round(track.defaultDuration / timecodeScale)) ??
    median(samples.slice(0, -1).map((sample) => sample.duration));
  const untilNext = nextStart === undefined ? undefined : nextStart - last.dts;
  if (untilNext !== undefined && untilNext > 0 && (typical === undefined || Math.abs(untilNext - typical) <= typical / 2)) return untilNext;
  return typical ?? 0;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Nanoseconds per unit to an MP4 timescale (units per second): 1,000,000 ns is 1000/s. */
export function timescaleOf(timecodeScale: number): number {
  const timescale = 1e9 / timecodeScale;
  if (!Number.isInteger(timescale)) throw new UnsupportedStreamMediaTypeError(`TimecodeScale ${timecodeScale} ns does not divide a second.`);
  return timescale;
}

/**
 * How long a fragment lasts (FragmentLengthInMilliseconds, in timecode units): the longest of its tracks, each from
 * its first decode time to the end of its last sample. Known as soon as the fragment is, without the next one.
 */
export function fragmentDuration(fragment: Fragment, tracks: readonly TrackInfo[]): number {
  const numbers = new Set(fragment.frames.map((frame) => frame.track));
  return Math.max(
    0,
    ...[...numbers].map((number) => {
      const samples = trackSamples(
        fragment.frames.filter((frame) => frame.track === number),
        tracks.find((track) => track.number === number),
        fragment.timecodeScale,
      );
      return samples.reduce((sum, sample) => sum + sample.duration, 0);
    }),
  );
}
