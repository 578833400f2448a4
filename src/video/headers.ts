/**
 * Segment headers: the Info and Tracks a producer sends before its clusters, stored once per stream (and per
 * change) and read back for every chunk, init segment and clip made from the fragments sent under them. Also
 * the one place where the media layer's errors become the API's.
 */
import { concatBytes } from "../bytes";
import {
  AwsError,
  InvalidCodecPrivateDataException,
  MissingCodecPrivateDataException,
  UnsupportedStreamMediaTypeException,
} from "../aws/errors";
import {
  codecString,
  ebmlHeaderElement,
  infoElement,
  InvalidCodecPrivateDataError,
  MissingCodecPrivateDataError,
  readMkv,
  segmentStart,
  tracksElement,
  UnsupportedStreamMediaTypeError,
  type Fragment,
  type SegmentInfo,
  type TrackInfo,
} from "./media";
import type { HeaderRow, SessionHeader } from "./stream-types";

export interface ParsedHeader {
  info: SegmentInfo;
  tracks: TrackInfo[];
}

/** A session's header as stored: the elements as the media layer writes them, and their digest. */
export async function sessionHeader(info: SegmentInfo, tracks: readonly TrackInfo[]): Promise<SessionHeader> {
  const infoBytes = infoElement(info);
  const tracksBytes = tracksElement(tracks);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", concatBytes([infoBytes, tracksBytes])));
  return { digest: digest.toHex(), info: infoBytes, tracks: tracksBytes };
}

/** Parsed headers, by a key the caller gives (stream id and header id): they never change once stored. */
const parsed = new Map<string, ParsedHeader>();
const MAX_CACHED = 256;

export function parseHeader(header: HeaderRow, cacheKey?: string): ParsedHeader {
  const cached = cacheKey === undefined ? undefined : parsed.get(cacheKey);
  if (cached) return cached;
  const document = readMkv(concatBytes([ebmlHeaderElement(), segmentStart(), header.info, header.tracks]));
  const result = { info: document.info, tracks: document.tracks };
  if (cacheKey !== undefined) {
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(cacheKey, result);
  }
  return result;
}

/** A stored Cluster read back as a fragment of its header. */
export function readCluster(header: ParsedHeader, cluster: Uint8Array): Fragment {
  const fragment = readMkv(cluster, { context: { info: header.info, tracks: header.tracks } }).fragments[0];
  if (fragment === undefined) throw new Error("a stored fragment holds no Cluster");
  return fragment;
}

/** Checks that every track can be packaged as MP4 (HLS, DASH, GetClip), as AWS checks before a session. */
export function checkPackageable(tracks: readonly TrackInfo[]): void {
  mediaErrors(() => {
    for (const track of tracks) codecString(track);
  });
}

/** Runs media work, turning the media layer's packaging errors into the API's. */
export function mediaErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asApiError(error);
  }
}

function asApiError(error: unknown): unknown {
  if (error instanceof AwsError) return error;
  if (error instanceof UnsupportedStreamMediaTypeError) return new UnsupportedStreamMediaTypeException(error.message);
  if (error instanceof MissingCodecPrivateDataError) return new MissingCodecPrivateDataException(error.message);
  if (error instanceof InvalidCodecPrivateDataError) return new InvalidCodecPrivateDataException(error.message);
  return error;
}
