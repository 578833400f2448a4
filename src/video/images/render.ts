/**
 * One fragment's images at given times, encoded: GetImages' ImageContent and image generation's objects.
 * Each distinct picture is encoded once, however many sampled times show it.
 */
import { encodeImage, ImageSizeError, type DecodedFrame, type ImageOptions } from "../decoder";
import type { Fragment, TrackInfo } from "../media";
import { picturesAt, type ImageError } from "./pictures";

export type RenderedImage = { image: Uint8Array; picture: DecodedFrame } | { error: ImageError };

export async function renderImages(
  fragment: Fragment,
  tracks: readonly TrackInfo[],
  startMs: number,
  times: readonly number[],
  options: ImageOptions,
): Promise<Map<number, RenderedImage>> {
  const pictures = picturesAt(fragment, tracks, startMs, times);
  const encoded = new Map<DecodedFrame, Promise<RenderedImage>>();
  const result = new Map<number, RenderedImage>();
  for (const [time, picture] of pictures) {
    if (typeof picture === "string") {
      result.set(time, { error: picture });
      continue;
    }
    let image = encoded.get(picture);
    if (image === undefined) {
      image = encodeImage(picture, options).then(
        (bytes): RenderedImage => ({ image: bytes, picture }),
        (error: unknown): RenderedImage => {
          if (error instanceof ImageSizeError) throw error;
          return { error: "MEDIA_ERROR" };
        },
      );
      encoded.set(picture, image);
    }
    result.set(time, await image);
  }
  return result;
}
