/**
 * Kinesis Video Streams' pictures: H.264 decoded inside the Worker (FFmpeg's decoder as wasm, see README.md
 * here for its build and license), JPEG and PNG as GetImages makes them, and the movement detector behind
 * movement alerts. Pure: no bindings, no I/O; the API and image generation call it with fragments they read.
 */
export { decodeFrames, frameShownAt } from "./decode";
export type { DecodedFrame, RgbImage } from "./picture";
export { toRgb } from "./picture";
export { encodeImage, DEFAULT_JPEG_QUALITY, type ImageFormat, type ImageOptions } from "./encode";
export { outputSize, resize, ImageSizeError, type Size } from "./scale";
export { MotionDetector, detectMotion, greyThumbnail, DEFAULT_MOTION_SETTINGS, type MotionSettings, type Movement, type Region, type GreyThumbnail } from "./motion";
export { UnsupportedCodecError, DecodeError } from "./errors";
