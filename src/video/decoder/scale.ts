/**
 * GetImages' output size and the resampling that gets there.
 *
 * AWS's model documents WidthPixels and HeightPixels: both given, the picture is stretched to exactly that size
 * (aspect ratio not kept); HeightPixels alone keeps the source's aspect ratio and derives the width; neither,
 * the source size. WidthPixels alone is a ValidationException in AWS's words, which the API layer raises before
 * anything is decoded; here it is an ImageSizeError. Limits (1..3840 x 1..2160) are the API's validation too.
 *
 * Resampling is separable and linear ("triangle"): bilinear when enlarging, and widened to the scale factor
 * when shrinking, so every source pixel contributes (no aliasing from skipped pixels), as FFmpeg's bilinear
 * scaler does.
 */
import type { RgbImage } from "./picture";

/** WidthPixels without HeightPixels (AWS: ValidationException). */
export class ImageSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageSizeError";
  }
}

export interface Size {
  width: number;
  height: number;
}

/** The size GetImages returns for a `source` picture given WidthPixels / HeightPixels. */
export function outputSize(source: Size, requested: { width?: number; height?: number }): Size {
  const { width, height } = requested;
  if (width !== undefined && height !== undefined) return { width, height };
  if (height !== undefined) return { width: Math.max(1, Math.round((height * source.width) / source.height)), height };
  if (width !== undefined) throw new ImageSizeError("WidthPixels needs HeightPixels.");
  return { width: source.width, height: source.height };
}

// For each output position along one axis: the first source index and the weights of the source samples from it.
interface Taps {
  first: Int32Array;
  weights: Float32Array[];
}

function taps(sourceLength: number, targetLength: number): Taps {
  const scale = sourceLength / targetLength;
  const support = Math.max(1, scale);
  const first = new Int32Array(targetLength);
  const weights: Float32Array[] = [];
  for (let target = 0; target < targetLength; target++) {
    const centre = (target + 0.5) * scale - 0.5;
    const low = Math.max(0, Math.ceil(centre - support));
    const high = Math.min(sourceLength - 1, Math.floor(centre + support));
    const row = new Float32Array(Math.max(1, high - low + 1));
    let total = 0;
    for (let source = low; source <= high; source++) {
      const weight = Math.max(0, 1 - Math.abs(source - centre) / support);
      row[source - low] = weight;
      total += weight;
    }
    if (total === 0) {
      // The centre sits beyond the last sample: take the nearest one.
      row.fill(0);
      row[0] = 1;
      total = 1;
    }
    for (let i = 0; i < row.length; i++) row[i] = (row[i] ?? 0) / total;
    first[target] = Math.min(low, sourceLength - 1);
    weights.push(row);
  }
  return { first, weights };
}

/** `image` resampled to `size`; the same image when the size is unchanged. */
export function resize(image: RgbImage, size: Size): RgbImage {
  if (size.width === image.width && size.height === image.height) return image;
  const { channels } = image;
  const across = taps(image.width, size.width);
  const down = taps(image.height, size.height);
  // Horizontal pass into floats (no rounding between passes), then vertical into bytes.
  const wide = new Float32Array(size.width * image.height * channels);
  for (let row = 0; row < image.height; row++) {
    const sourceRow = row * image.width * channels;
    const targetRow = row * size.width * channels;
    for (let x = 0; x < size.width; x++) {
      const start = sourceRow + (across.first[x] ?? 0) * channels;
      const weights = across.weights[x] ?? new Float32Array(0);
      for (let channel = 0; channel < channels; channel++) {
        let sum = 0;
        for (let tap = 0; tap < weights.length; tap++) sum += (weights[tap] ?? 0) * (image.data[start + tap * channels + channel] ?? 0);
        wide[targetRow + x * channels + channel] = sum;
      }
    }
  }
  const data = new Uint8ClampedArray(size.width * size.height * channels);
  const stride = size.width * channels;
  for (let y = 0; y < size.height; y++) {
    const start = (down.first[y] ?? 0) * stride;
    const weights = down.weights[y] ?? new Float32Array(0);
    const targetRow = y * stride;
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (let tap = 0; tap < weights.length; tap++) sum += (weights[tap] ?? 0) * (wide[start + tap * stride + i] ?? 0);
      data[targetRow + i] = sum;
    }
  }
  return { width: size.width, height: size.height, channels, data };
}
