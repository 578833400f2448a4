import { describe, expect, it } from "vitest";
import { decodeFrames, frameShownAt, UnsupportedCodecError, type DecodedFrame } from "../../../../src/video/decoder";
import type { Fragment } from "../../../../src/video/media/types";
import { baseline, highBframes, highBframesAac } from "../fixtures";
import { expectSquareAt, squareLeft, timesOf, videoOf } from "./scene";

describe("decoding H.264 fragments", () => {
  for (const fixture of [baseline, highBframes, highBframesAac]) {
    describe(fixture.name, () => {
      const { track, fragments, start } = videoOf(fixture.bytes);
      const decodedAll = () => fragments.flatMap((fragment) => decodeFrames(track, fragment, timesOf(track, fragment)));

      it("decodes every frame, once, in presentation order, with the times ffprobe reads", () => {
        const frames = decodedAll();
        const expected = fixture.frames.filter((frame) => frame.track === track.number).map((frame) => frame.pts).sort((a, b) => a - b);
        expect(frames.map((frame) => frame.timecode)).toEqual(expected);
        expect(frames).toHaveLength(45);
        for (const frame of frames) {
          expect([frame.width, frame.height, frame.chromaWidth, frame.chromaHeight]).toEqual([320, 240, 160, 120]);
          expect(frame.y).toHaveLength(320 * 240);
        }
      });

      it("shows the white square where the video puts it at every frame's time, and nothing bright elsewhere", () => {
        for (const frame of decodedAll()) expectSquareAt(frame, start);
      });
    });
  }

  it("keeps B-frames in presentation order: each picture's content matches its own time, not its decode position", () => {
    const { track, fragments } = videoOf(highBframes.bytes);
    const moving = fragments[1];
    if (moving === undefined) throw new Error("no second fragment");
    // In decode order, B-frames follow the later P-frame they refer to: the order differs from presentation.
    const decodeOrder = moving.frames.map((frame) => frame.timecode);
    expect(decodeOrder).not.toEqual([...decodeOrder].sort((a, b) => a - b));
    const frames = decodeFrames(track, moving, decodeOrder);
    expect(frames.map((frame) => frame.timecode)).toEqual([...decodeOrder].sort((a, b) => a - b));
    // The square moves 12 px per frame here, so a picture swapped with its neighbour would be caught.
    for (const frame of frames) expectSquareAt(frame);
  });

  it("returns only the pictures asked for, and stops reading after the last one it needs", () => {
    const { track, fragments } = videoOf(highBframes.bytes);
    const moving = fragments[1];
    if (moving === undefined) throw new Error("no second fragment");
    const wanted = [1400, 1200];
    const lastNeeded = Math.max(...moving.frames.flatMap((frame, index) => (wanted.includes(frame.timecode) ? [index] : [])));
    // Frames after the last one needed, in decode order, are damaged: decoding must never reach them.
    const damaged: Fragment = {
      ...moving,
      frames: moving.frames.map((frame, index) => (index > lastNeeded ? { ...frame, data: new Uint8Array(frame.data.length).fill(0xff) } : frame)),
    };
    const frames = decodeFrames(track, damaged, wanted);
    expect(frames.map((frame) => frame.timecode)).toEqual([1200, 1400]);
    for (const frame of frames) expectSquareAt(frame);
  });

  it("skips pictures nobody wants and nothing refers to without changing the ones it returns", () => {
    const { track, fragments } = videoOf(highBframes.bytes);
    const moving = fragments[1];
    if (moving === undefined) throw new Error("no second fragment");
    const every = decodeFrames(track, moving, timesOf(track, moving));
    const one = decodeFrames(track, moving, [1867]);
    const same = every.find((frame: DecodedFrame) => frame.timecode === 1867);
    expect(one).toHaveLength(1);
    expect(one[0]?.y).toEqual(same?.y);
    expect(one[0]?.u).toEqual(same?.u);
  });

  it("answers nothing for a time that is no frame's, and picks the frame on screen at any time", () => {
    const { track, fragments } = videoOf(baseline.bytes);
    const second = fragments[1];
    if (second === undefined) throw new Error("no second fragment");
    expect(decodeFrames(track, second, [1001, 5000])).toEqual([]);
    expect(frameShownAt(track, second, 1100)).toBe(1067);
    expect(frameShownAt(track, second, 1067)).toBe(1067);
    expect(frameShownAt(track, second, 999)).toBeUndefined();
    const [shown] = decodeFrames(track, second, [frameShownAt(track, second, 1500) ?? -1]);
    expect(shown?.timecode).toBe(1467);
    expect(squareLeft(1467)).toBeCloseTo(124, 0);
  });

  it("refuses H.265 with a typed error, which the API reports as MEDIA_ERROR", () => {
    const { track, fragments } = videoOf(baseline.bytes);
    const fragment = fragments[0];
    if (fragment === undefined) throw new Error("no fragment");
    const hevc = { ...track, codecId: "V_MPEGH/ISO/HEVC" };
    expect(() => decodeFrames(hevc, fragment, [0])).toThrow(UnsupportedCodecError);
  });
});
