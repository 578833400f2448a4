/**
 * The image settings GetImages and image generation share: FormatConfig's JPEGQuality ("accepts ints from 1
 * to 100", default 80) and the output size. Image generation keeps the aspect ratio when only one of
 * WidthPixels / HeightPixels is given (ImageGenerationConfiguration's documentation); GetImages refuses
 * WidthPixels alone, as its own documentation says (data/images.ts).
 */
import { InvalidArgumentException } from "../../aws/errors";
import { DEFAULT_JPEG_QUALITY } from "../decoder";

export function jpegQuality(config: Record<string, string> | undefined): number {
  const value = config?.["JPEGQuality"];
  if (value === undefined) return DEFAULT_JPEG_QUALITY;
  const quality = /^[0-9]{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(quality >= 1 && quality <= 100)) throw new InvalidArgumentException(`FormatConfig JPEGQuality must be an integer from 1 to 100, not ${value}.`);
  return quality;
}

/** Width and height for a picture of `source` size when only one, both or neither is given, aspect kept for one. */
export function generatedSize(source: { width: number; height: number }, width: number | undefined, height: number | undefined): { width: number; height: number } {
  if (width !== undefined && height !== undefined) return { width, height };
  if (height !== undefined) return { width: Math.max(1, Math.round((height * source.width) / source.height)), height };
  if (width !== undefined) return { width, height: Math.max(1, Math.round((width * source.height) / source.width)) };
  return source;
}
