import { describe, expect, it } from "vitest";
import { decodeFrames, detectMotion, greyThumbnail, MotionDetector, type DecodedFrame, type Movement } from "../../../../src/video/decoder";
import { baseline, highBframes } from "../fixtures";
import { movedBetween, SQUARE, squareLeft, timesOf, videoOf } from "./scene";

function allPictures(bytes: Uint8Array): DecodedFrame[] {
  const { track, fragments } = videoOf(bytes);
  return fragments.flatMap((fragment) => decodeFrames(track, fragment, timesOf(track, fragment)));
}

/** Runs the detector over pictures in time order: [earlier time, later time, movement] per pair. */
function detections(pictures: readonly DecodedFrame[], detector = new MotionDetector()): [number, number, Movement | undefined][] {
  const results: [number, number, Movement | undefined][] = [];
  let previous: number | undefined;
  for (const picture of pictures) {
    const movement = detector.next(picture);
    if (previous !== undefined) results.push([previous, picture.timecode, movement]);
    previous = picture.timecode;
  }
  return results;
}

describe("movement detection", () => {
  for (const fixture of [baseline, highBframes]) {
    it(`${fixture.name}: fires for every pair of pictures during 1-2 s, never while the square rests`, () => {
      for (const [earlier, later, movement] of detections(allPictures(fixture.bytes))) {
        expect(movement !== undefined, `${earlier} -> ${later} ms`).toBe(movedBetween(earlier, later));
        if (movement === undefined) continue;
        // The region covers where the square was and where it went, and little more.
        const { x, y, width, height } = movement.region;
        expect(x).toBeLessThanOrEqual(squareLeft(earlier) + 2);
        expect(x + width).toBeGreaterThanOrEqual(squareLeft(later) + SQUARE.size - 4);
        expect(x + width).toBeLessThanOrEqual(squareLeft(later) + SQUARE.size + 8);
        expect(y).toBeGreaterThanOrEqual(SQUARE.top - 8);
        expect(y).toBeLessThanOrEqual(SQUARE.top);
        expect(y + height).toBeGreaterThanOrEqual(SQUARE.top + SQUARE.size);
        expect(y + height).toBeLessThanOrEqual(SQUARE.top + SQUARE.size + 8);
      }
    });
  }

  it("works on sampled pictures too (one every 200 ms, as image generation samples)", () => {
    const sampled = allPictures(baseline.bytes).filter((picture) => picture.timecode % 200 === 0 || picture.timecode === 2933);
    const fired = detections(sampled).filter(([, , movement]) => movement !== undefined).map(([earlier, later]) => [earlier, later]);
    expect(fired).toEqual([
      [1000, 1200],
      [1200, 1400],
      [1400, 1600],
      [1600, 1800],
      [1800, 2000],
    ]);
  });

  it("sensitivity and minimum area are the knobs: too insensitive or too large an area sees nothing", () => {
    const pictures = allPictures(baseline.bytes);
    const moving = pictures.filter((picture) => picture.timecode >= 1000 && picture.timecode <= 2000);
    const count = (settings: ConstructorParameters<typeof MotionDetector>[0]) => detections(moving, new MotionDetector(settings)).filter(([, , movement]) => movement !== undefined).length;
    expect(count({ sensitivity: 90, minAreaPercent: 0.5, gridWidth: 80 })).toBe(moving.length - 1);
    // White on grey is about 110 levels of luma: sensitivity 50 (a 127-level threshold) does not see it.
    expect(count({ sensitivity: 50, minAreaPercent: 0.5, gridWidth: 80 })).toBe(0);
    // The square's change covers a few percent of the picture, never a quarter of it.
    expect(count({ sensitivity: 90, minAreaPercent: 25, gridWidth: 80 })).toBe(0);
  });

  it("ignores noise below the threshold and pictures of another size", () => {
    const plain = (width: number, height: number, level: (x: number, y: number) => number): DecodedFrame => {
      const y = new Uint8Array(width * height);
      for (let row = 0; row < height; row++) for (let column = 0; column < width; column++) y[row * width + column] = level(column, row);
      const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
      return { timecode: 0, width, height, chromaWidth: width / 2, chromaHeight: height / 2, fullRange: false, matrix: "bt601", y, u: chroma, v: chroma };
    };
    const calm = greyThumbnail(plain(640, 360, () => 100));
    const noisy = greyThumbnail(plain(640, 360, (x, y) => 100 + (((x * 7 + y * 13) % 21) - 10)));
    expect(detectMotion(calm, noisy)).toBeUndefined();
    const person = greyThumbnail(plain(640, 360, (x, y) => (x >= 400 && x < 480 && y >= 100 && y < 300 ? 30 : 100)));
    expect(detectMotion(calm, person)?.region).toEqual({ x: 400, y: 96, width: 80, height: 208 });
    expect(detectMotion(calm, greyThumbnail(plain(320, 180, () => 200)))).toBeUndefined();
  });
});
