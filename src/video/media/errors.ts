/**
 * The media layer's errors. Ingest errors carry the PutMedia ack ErrorId the caller sends in its ERROR ack;
 * output errors are named after the AWS exception the caller answers with (GetHLSStreamingSessionURL,
 * GetClip, ...), so mapping them is one lookup. Nothing here knows about HTTP.
 */
import { PUT_MEDIA_ERROR, type PutMediaErrorId } from "./limits";

/** A PutMedia body the service refuses; `errorId` is the ack's ErrorId. */
export class PutMediaError extends Error {
  constructor(
    readonly errorId: PutMediaErrorId,
    message: string,
  ) {
    super(message);
    this.name = "PutMediaError";
  }
}

/** Not Matroska, or Matroska we cannot follow (4006). */
export class InvalidMkvDataError extends PutMediaError {
  constructor(message: string) {
    super(PUT_MEDIA_ERROR.invalidMkvData, message);
  }
}

/** A fragment whose timecode is earlier than the previous fragment's (4004). */
export class FragmentTimecodeNotMonotonicError extends PutMediaError {
  constructor(
    readonly timecode: number,
    readonly previousTimecode: number,
  ) {
    super(PUT_MEDIA_ERROR.fragmentTimecodeNotMonotonic, `Fragment timecode ${timecode} is earlier than the previous fragment's ${previousTimecode}.`);
  }
}

/** A fragment above the size limit (4001); raised as soon as the limit is passed, before the rest is read. */
export class FragmentSizeReachedError extends PutMediaError {
  constructor(limitBytes: number) {
    super(PUT_MEDIA_ERROR.fragmentSizeReached, `Fragment is larger than ${limitBytes} bytes.`);
  }
}

/** A fragment above the duration limit (4002). */
export class FragmentDurationReachedError extends PutMediaError {
  constructor(limitMs: number) {
    super(PUT_MEDIA_ERROR.fragmentDurationReached, `Fragment is longer than ${limitMs} ms.`);
  }
}

/** A block for a track that Tracks does not declare (4010). */
export class TrackNumberMismatchError extends PutMediaError {
  constructor(track: number) {
    super(PUT_MEDIA_ERROR.trackNumberMismatch, `Block for track ${track}, which Tracks does not declare.`);
  }
}

/** More tracks than a stream may have (4012). */
export class MoreThanAllowedTracksError extends PutMediaError {
  constructor(count: number, limit: number) {
    super(PUT_MEDIA_ERROR.moreThanAllowedTracksFound, `${count} tracks; at most ${limit} are allowed.`);
  }
}

/** Fragment metadata (Tags before a cluster) over the count or length limits (4009). */
export class FragmentMetadataLimitError extends PutMediaError {
  constructor(message: string) {
    super(PUT_MEDIA_ERROR.fragmentMetadataLimitReached, message);
  }
}

/** Media that cannot be packaged as MP4 for HLS, DASH or GetClip (AWS: UnsupportedStreamMediaTypeException). */
export class UnsupportedStreamMediaTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedStreamMediaTypeException";
  }
}

/** A track without the codec private data MP4 needs (AWS: MissingCodecPrivateDataException). */
export class MissingCodecPrivateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingCodecPrivateDataException";
  }
}

/** Codec private data that does not parse (AWS: InvalidCodecPrivateDataException). */
export class InvalidCodecPrivateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidCodecPrivateDataException";
  }
}
