/**
 * The decoder's errors, named for what the caller answers. GetImages reports a frame it cannot make as the
 * image's `Error: MEDIA_ERROR` (AWS: "the media for the specified time does not allow an image to be
 * extracted"), so neither error is an API exception by itself: the caller maps both to MEDIA_ERROR, and
 * image generation skips the frame.
 */

/** A track whose codec this decoder does not handle: H.265 (HEVC) and anything that is not H.264. */
export class UnsupportedCodecError extends Error {
  constructor(
    readonly codecId: string,
    message: string,
  ) {
    super(message);
    this.name = "UnsupportedCodecError";
  }
}

/** H.264 the decoder refuses: a broken avcC record, a pixel format we do not convert (over 8 bits), no memory. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecodeError";
  }
}
