/**
 * What the test videos show (test/fixtures/video/make.sh), as the decoder tests check it: a grey background
 * and a white 48x48 square at y=96 that rests at x=40 until 1 s, moves right at 180 px/s until 2 s, and rests
 * at x=220 from 2 s on. ffmpeg places the square on even columns, so its left edge may sit up to 2 px left of
 * the exact position; the checks keep a margin around every edge.
 */
import { expect } from "vitest";
import { readMkv } from "../../../../src/video/media/mkv-reader";
import type { Fragment, TrackInfo } from "../../../../src/video/media/types";
import type { DecodedFrame } from "../../../../src/video/decoder";

export const SQUARE = { size: 48, top: 96 } as const;

/** The square's left edge at `ms` (presentation time, milliseconds), in a 320x240 picture. */
export function squareLeft(ms: number): number {
  const seconds = ms / 1000;
  return 40 + Math.min(1, Math.max(0, seconds - 1)) * 180;
}

/** Whether the square moved between two presentation times. */
export function movedBetween(earlierMs: number, laterMs: number): boolean {
  return squareLeft(earlierMs) !== squareLeft(laterMs);
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The bounding box of the bright (white) luma samples, and how many there are (grey is luma 126, white 235). */
export function brightBox(frame: DecodedFrame): { box: Box | undefined; count: number } {
  let count = 0;
  let box: Box | undefined;
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      if ((frame.y[y * frame.width + x] ?? 0) < 180) continue;
      count++;
      box = box === undefined ? { left: x, top: y, right: x, bottom: y } : { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) };
    }
  }
  return { box, count };
}

/**
 * A fixture's video track, fragments, and the presentation time of its first picture, the scene's time zero (23 ms
 * in the file with AAC, whose encoder delay ffmpeg moves the video by).
 */
export function videoOf(bytes: Uint8Array): { track: TrackInfo; fragments: Fragment[]; start: number } {
  const document = readMkv(bytes);
  const track = document.tracks.find((candidate) => candidate.type === 1);
  if (track === undefined) throw new Error("fixture has no video track");
  const times = document.fragments.flatMap((fragment) => timesOf(track, fragment));
  return { track, fragments: document.fragments, start: Math.min(...times) };
}

/** Every presentation time of the track in a fragment, ascending. */
export function timesOf(track: TrackInfo, fragment: Fragment): number[] {
  return fragment.frames.filter((frame) => frame.track === track.number).map((frame) => frame.timecode).sort((a, b) => a - b);
}

/** Checks that `frame` shows the square where the video puts it at its time, and nothing else bright. */
export function expectSquareAt(frame: DecodedFrame, start = 0): void {
  const { box, count } = brightBox(frame);
  const left = squareLeft(frame.timecode - start);
  const where = `frame at ${frame.timecode} ms`;
  expect(box?.left, where).toBeGreaterThanOrEqual(Math.floor(left) - 3);
  expect(box?.left, where).toBeLessThanOrEqual(Math.floor(left) + 1);
  expect(box?.top, where).toBeGreaterThanOrEqual(SQUARE.top - 1);
  expect(box?.top, where).toBeLessThanOrEqual(SQUARE.top + 1);
  expect((box?.right ?? 0) - (box?.left ?? 0) + 1, where).toBeGreaterThanOrEqual(SQUARE.size - 2);
  expect((box?.right ?? 0) - (box?.left ?? 0) + 1, where).toBeLessThanOrEqual(SQUARE.size + 2);
  expect((box?.bottom ?? 0) - (box?.top ?? 0) + 1, where).toBeGreaterThanOrEqual(SQUARE.size - 2);
  expect((box?.bottom ?? 0) - (box?.top ?? 0) + 1, where).toBeLessThanOrEqual(SQUARE.size + 2);
  // Only the square is bright: about 48 x 48 samples.
  expect(count, where).toBeGreaterThanOrEqual(SQUARE.size * SQUARE.size * 0.9);
  expect(count, where).toBeLessThanOrEqual(SQUARE.size * SQUARE.size * 1.1);
}
