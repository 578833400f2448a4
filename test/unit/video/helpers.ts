/** Shared pieces of the video media tests. */
import { MkvReader, type MkvEvent, type MkvReaderOptions } from "../../../src/video/media/mkv-reader";
import type { Fragment, Frame, TrackInfo } from "../../../src/video/media/types";

/** Feeds `bytes` to a reader in chunks cut at `cuts` (ascending offsets) and returns every event in order. */
export function readInChunks(bytes: Uint8Array, cuts: readonly number[], options?: MkvReaderOptions): MkvEvent[] {
  const reader = new MkvReader(options);
  const events: MkvEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    // A copy per chunk, as a network would hand them over.
    events.push(...reader.push(bytes.slice(start, cut)));
    start = cut;
  }
  events.push(...reader.end());
  return events;
}

export function fragmentsOf(events: readonly MkvEvent[]): Fragment[] {
  return events.flatMap((event) => (event.type === "fragment" ? [event.fragment] : []));
}

/** A deterministic pseudo-random generator (mulberry32), so a failing split can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const VIDEO_TRACK: TrackInfo = {
  number: 1,
  type: 1,
  codecId: "V_MPEG4/ISO/AVC",
  codecPrivate: Uint8Array.from([1, 0x42, 0xc0, 0x1e, 0xff, 0xe1, 0, 0, 0xe0]),
  video: { pixelWidth: 320, pixelHeight: 240 },
};

/** A small fragment of synthetic frames, one every 100 ms from `timecode`, the first a key frame. */
export function syntheticFragment(timecode: number, count = 3, track = 1): Fragment {
  const frames: Frame[] = Array.from({ length: count }, (_, index) => ({
    track,
    timecode: timecode + index * 100,
    keyframe: index === 0,
    data: Uint8Array.from([index, timecode & 0xff, 0xab]),
  }));
  return { timecode, timecodeScale: 1_000_000, frames, tags: [], byteLength: 0 };
}
