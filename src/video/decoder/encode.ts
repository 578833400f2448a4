/**
 * A decoded picture as GetImages' JPEG or PNG, at the size WidthPixels / HeightPixels ask for (scale.ts).
 *
 * JPEG: MozJPEG compiled to wasm (@jsquash/jpeg, made to run in Workers), sequential (not progressive) with the
 * standard JPEG quantisation tables scaled by quality as libjpeg does, 4:2:0 chroma; quality is AWS's JPEGQuality
 * (1..100, default 80). Trellis quantisation stays on as MozJPEG ships it. PNG: fast-png (pure JavaScript), 8-bit
 * RGB. AWS does not document its encoders' settings, so bytes differ from AWS's; sizes and pixels agree.
 *
 * Cost: at 1280x720 the JPEG encoder is most of an image's time (about 60 ms, trellis included, against about
 * 10 ms to decode a picture and 9 ms to convert it to RGB; scripts/measure-images). A faster JPEG path, if needed,
 * is encoding straight from the YUV planes (no RGB step), e.g. with FFmpeg's own MJPEG encoder in h264.wasm.
 */
import encodeJpeg, { init as initJpeg } from "@jsquash/jpeg/encode";
import mozjpegModule from "@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm";
import { encode as encodePng } from "fast-png";
import { toRgb, type DecodedFrame } from "./picture";
import { outputSize, resize } from "./scale";

export type ImageFormat = "JPEG" | "PNG";

export interface ImageOptions {
  format: ImageFormat;
  /** JPEGQuality, 1..100; AWS's default is 80. Ignored for PNG. */
  quality?: number;
  /** WidthPixels and HeightPixels (see scale.ts for how they combine). */
  width?: number;
  height?: number;
}

export const DEFAULT_JPEG_QUALITY = 80;

let jpegReady: Promise<void> | undefined;

// The encoder's emscripten glue would fetch its wasm by URL; a Worker has it as a compiled module instead, which
// init takes (the package's documented route for Workers; its .d.ts only lists the options form).
function jpegEncoder(): Promise<void> {
  jpegReady ??= initJpeg(mozjpegModule);
  return jpegReady;
}

/** The picture encoded as `options.format`, scaled as GetImages scales. */
export async function encodeImage(frame: DecodedFrame, options: ImageOptions): Promise<Uint8Array> {
  const size = outputSize(frame, options);
  if (options.format === "PNG") {
    const image = resize(toRgb(frame, 3), size);
    return encodePng({ width: image.width, height: image.height, data: image.data, channels: 3, depth: 8 });
  }
  const quality = Math.min(100, Math.max(1, Math.round(options.quality ?? DEFAULT_JPEG_QUALITY)));
  const image = resize(toRgb(frame, 4), size);
  await jpegEncoder();
  const bytes = await encodeJpeg(
    { width: image.width, height: image.height, data: image.data, colorSpace: "srgb" },
    { quality, progressive: false, baseline: false, optimize_coding: true, quant_table: 0, auto_subsample: false, chroma_subsample: 2 },
  );
  return new Uint8Array(bytes);
}
