/**
 * Pictures out of one fragment: what GetImages and image generation ask for. Decoding starts at the fragment's
 * first key frame (a Kinesis Video fragment opens with one), feeds access units in decode order, and stops after
 * the last one a wanted picture needs: frames after it in decode order are never read, and frames before it
 * that nothing wants and nothing refers to (non-reference B-frames, nal_ref_idc 0) are skipped. The decoder's
 * reordering (B-frames) is drained at the end, so every wanted picture comes out, in presentation order.
 *
 * Only H.264 decodes; an H.265 track (which AWS's GetImages serves) is an UnsupportedCodecError that the caller
 * reports as MEDIA_ERROR. Times are the Matroska frames' own timecodes: a wanted time that is no frame's
 * presentation time gets no picture (frameShownAt picks the frame on screen at a given time).
 */
import { isReference, nalLengthSize } from "./avc";
import { DecodeError, UnsupportedCodecError } from "./errors";
import { H264Decoder, type RawPicture } from "./h264-wasm";
import type { DecodedFrame } from "./picture";
import type { Fragment, Frame, TrackInfo } from "../media/types";

const AVC_CODEC_IDS = new Set(["V_MPEG4/ISO/AVC", "V_MPEG/ISO/AVC"]);
const HEVC_CODEC_IDS = new Set(["V_MPEGH/ISO/HEVC", "V_MPEG/ISO/HEVC"]);

/** The track's avcC, or the error that says why this track cannot be decoded here. */
function decodableAvcC(track: TrackInfo): Uint8Array {
  if (HEVC_CODEC_IDS.has(track.codecId)) throw new UnsupportedCodecError(track.codecId, `Track ${track.number} is H.265, which this service does not decode.`);
  if (!AVC_CODEC_IDS.has(track.codecId)) throw new UnsupportedCodecError(track.codecId, `Track ${track.number} has codec ${track.codecId}, which is not video this service decodes.`);
  if (track.codecPrivate === undefined || track.codecPrivate.length === 0) throw new DecodeError(`Track ${track.number} has no avcC record.`);
  return track.codecPrivate;
}

/** The track's frames in the fragment, in decode order, from its first key frame on. */
function decodableFrames(track: TrackInfo, fragment: Fragment): Frame[] {
  const frames = fragment.frames.filter((frame) => frame.track === track.number);
  const start = frames.findIndex((frame) => frame.keyframe);
  return start < 0 ? [] : frames.slice(start);
}

/**
 * The pictures whose presentation times are in `wanted` (timecodes of the fragment's frames), in presentation
 * order, each once. Times no decodable frame carries are left out; a frame the decoder could not rebuild is left
 * out too, so the caller can tell "no such frame" (it knows the fragment's times) from "frame broken".
 */
export function decodeFrames(track: TrackInfo, fragment: Fragment, wanted: Iterable<number>): DecodedFrame[] {
  const avcc = decodableAvcC(track);
  const lengthSize = nalLengthSize(avcc);
  const frames = decodableFrames(track, fragment);
  const wantedTimes = new Set(wanted);
  let last = -1;
  frames.forEach((frame, index) => {
    if (wantedTimes.has(frame.timecode)) last = index;
  });
  if (last < 0) return [];

  const decoder = new H264Decoder(avcc);
  const found = new Map<number, DecodedFrame>();
  const keep = (pictures: RawPicture[]) => {
    for (const picture of pictures) {
      const frame = frames[picture.tag];
      if (frame !== undefined && wantedTimes.has(frame.timecode)) found.set(frame.timecode, decodedFrame(frame.timecode, picture));
    }
  };
  try {
    for (let index = 0; index <= last; index++) {
      const frame = frames[index];
      if (frame === undefined) continue;
      if (!wantedTimes.has(frame.timecode) && !isReference(frame.data, lengthSize)) continue;
      decoder.send(frame.data, index);
      keep(decoder.receive());
    }
    decoder.flush();
    keep(decoder.receive());
  } finally {
    decoder.close();
  }
  return [...found.values()].sort((a, b) => a.timecode - b.timecode);
}

function decodedFrame(timecode: number, picture: RawPicture): DecodedFrame {
  const { width, height, chromaWidth, chromaHeight, fullRange, y, u, v } = picture;
  return { timecode, width, height, chromaWidth, chromaHeight, fullRange, matrix: picture.matrix === 1 ? "bt709" : "bt601", y, u, v };
}

/**
 * The presentation time of the track's frame on screen at `time` (the latest frame presented at or before it), or
 * undefined when the fragment shows nothing of this track then. `time` is in the fragment's timecode units.
 */
export function frameShownAt(track: TrackInfo, fragment: Fragment, time: number): number | undefined {
  let shown: number | undefined;
  for (const frame of decodableFrames(track, fragment)) {
    if (frame.timecode <= time && (shown === undefined || frame.timecode > shown)) shown = frame.timecode;
  }
  return shown;
}
