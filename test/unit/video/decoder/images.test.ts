import { decode as decodePng } from "fast-png";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { decodeFrames, encodeImage, ImageSizeError, outputSize, resize, toRgb, type DecodedFrame } from "../../../../src/video/decoder";
import { highBframes } from "../fixtures";
import { SQUARE, squareLeft, videoOf } from "./scene";

interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

/** One picture of the moving interval (square at x = 148) and one of the still end (x = 220). */
function pictures(): DecodedFrame[] {
  const { track, fragments } = videoOf(highBframes.bytes);
  const [, moving, still] = fragments;
  if (moving === undefined || still === undefined) throw new Error("fixture has fewer than three fragments");
  return [...decodeFrames(track, moving, [1600]), ...decodeFrames(track, still, [2533])];
}

function pixel(image: Pixels, x: number, y: number): number[] {
  const at = (Math.round(y) * image.width + Math.round(x)) * image.channels;
  return [image.data[at] ?? -1, image.data[at + 1] ?? -1, image.data[at + 2] ?? -1];
}

/** The square is white (inside, away from its edges) and the background grey, at the image's own scale. */
function expectSquareIn(image: Pixels, timeMs: number, tolerance: number) {
  const sx = image.width / 320;
  const sy = image.height / 240;
  const left = squareLeft(timeMs);
  const inside = [
    [left + 8, SQUARE.top + 8],
    [left + 24, SQUARE.top + 24],
    [left + 40, SQUARE.top + 40],
  ];
  const outside = [
    [left - 10, SQUARE.top + 24],
    [left + SQUARE.size + 10, SQUARE.top + 24],
    [left + 24, SQUARE.top - 12],
    [left + 24, SQUARE.top + SQUARE.size + 12],
    [5, 5],
    [314, 234],
  ];
  for (const [x = 0, y = 0] of inside) {
    for (const channel of pixel(image, x * sx, y * sy)) expect(channel, `inside at ${x},${y}`).toBeGreaterThanOrEqual(255 - tolerance);
  }
  for (const [x = 0, y = 0] of outside) {
    for (const channel of pixel(image, x * sx, y * sy)) expect(Math.abs(channel - 128), `outside at ${x},${y}`).toBeLessThanOrEqual(tolerance);
  }
}

describe("GetImages' images", () => {
  it("JPEG decodes back to the picture's size, the white square where it was, grey around it", async () => {
    for (const picture of pictures()) {
      const bytes = await encodeImage(picture, { format: "JPEG" });
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      expect([image.width, image.height]).toEqual([320, 240]);
      expectSquareIn({ ...image, channels: 4 }, picture.timecode, 12);
    }
  });

  it("JPEGQuality trades size for fidelity: 100 is largest and closest to the picture, 1 the furthest", async () => {
    const [picture] = pictures();
    if (picture === undefined) throw new Error("no picture");
    const original = toRgb(picture, 4).data;
    const results = [];
    for (const quality of [1, 50, 100]) {
      const bytes = await encodeImage(picture, { format: "JPEG", quality });
      const image = jpeg.decode(bytes, { useTArray: true });
      expectSquareIn({ ...image, channels: 4 }, picture.timecode, quality === 1 ? 40 : 12);
      let error = 0;
      for (let i = 0; i < original.length; i++) error += Math.abs((image.data[i] ?? 0) - (original[i] ?? 0));
      results.push({ size: bytes.length, error: error / original.length });
    }
    const [low, middle, high] = results;
    expect(high?.size).toBeGreaterThan(middle?.size ?? Infinity);
    expect(high?.error).toBeLessThan(middle?.error ?? 0);
    expect(middle?.error).toBeLessThan(low?.error ?? 0);
  });

  it("PNG is lossless: it decodes back to exactly the picture's RGB", async () => {
    for (const picture of pictures()) {
      const bytes = await encodeImage(picture, { format: "PNG", quality: 5 });
      const image = decodePng(bytes);
      expect([image.width, image.height, image.channels, image.depth]).toEqual([320, 240, 3, 8]);
      const rgb = toRgb(picture, 3).data;
      expect(image.data.length).toBe(rgb.length);
      expect(image.data.every((value, index) => value === rgb[index])).toBe(true);
      expectSquareIn(image, picture.timecode, 3);
    }
  });

  it("WidthPixels and HeightPixels together stretch the picture to exactly that size", async () => {
    for (const picture of pictures()) {
      for (const [width, height] of [
        [160, 60],
        [640, 480],
        [480, 120],
      ] as const) {
        const png = decodePng(await encodeImage(picture, { format: "PNG", width, height }));
        expect([png.width, png.height]).toEqual([width, height]);
        expectSquareIn(png, picture.timecode, 6);
        const jpg = jpeg.decode(await encodeImage(picture, { format: "JPEG", width, height }), { useTArray: true });
        expect([jpg.width, jpg.height]).toEqual([width, height]);
      }
    }
  });

  it("HeightPixels alone keeps the aspect ratio; WidthPixels alone is refused, as AWS refuses it", async () => {
    const [picture] = pictures();
    if (picture === undefined) throw new Error("no picture");
    const png = decodePng(await encodeImage(picture, { format: "PNG", height: 120 }));
    expect([png.width, png.height]).toEqual([160, 120]);
    expectSquareIn(png, picture.timecode, 6);
    expect(outputSize({ width: 1280, height: 720 }, { height: 2160 })).toEqual({ width: 3840, height: 2160 });
    expect(outputSize({ width: 1280, height: 720 }, {})).toEqual({ width: 1280, height: 720 });
    await expect(encodeImage(picture, { format: "JPEG", width: 100 })).rejects.toThrow(ImageSizeError);
  });

  it("resizing keeps flat colour flat and averages when shrinking", () => {
    const flat = { width: 7, height: 5, channels: 3 as const, data: new Uint8ClampedArray(7 * 5 * 3).fill(77) };
    expect(Array.from(resize(flat, { width: 3, height: 11 }).data).every((value) => value === 77)).toBe(true);
    // Alternating black and white columns shrink to mid grey, not to one of the two.
    const stripes = { width: 8, height: 2, channels: 3 as const, data: new Uint8ClampedArray(8 * 2 * 3).map((_, index) => (Math.floor(index / 3) % 2 === 0 ? 0 : 255)) };
    for (const value of resize(stripes, { width: 2, height: 2 }).data) expect(Math.abs(value - 128)).toBeLessThanOrEqual(20);
  });
});
