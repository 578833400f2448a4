/**
 * GetHLSStreamingSessionURL and GetDASHStreamingSessionURL: the arguments checked as AWS documents them, then
 * the stream object checks that the session has media to play (and that its tracks can be packaged as MP4)
 * and signs a token (session-token.ts) that the URL carries. The URL is on the origin the client addressed,
 * like GetDataEndpoint's answer: `<origin>/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=...`,
 * `<origin>/dash/v1/getDASHManifest.mpd?SessionToken=...`. What the URLs serve is playback.ts.
 *
 * Difference from AWS: ContainerFormat MPEG_TS is refused (InvalidArgumentException); only fragmented MP4 is made.
 */
import { InvalidArgumentException, unwrap, type AwsError } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import type {
  GetDASHStreamingSessionURLInput,
  GetDASHStreamingSessionURLOutput,
  GetHLSStreamingSessionURLInput,
  GetHLSStreamingSessionURLOutput,
} from "../archived-media-shapes.generated";
import { defaultDiscontinuityMode, PLAYLIST_LIMITS, type PlaybackMode } from "../media";
import { VIDEO_DATA } from "../limits";
import { noRetention } from "../playback-select";
import type { PlaybackRequest, TimestampSelector } from "../stream-types";
import { resolveStream } from "./stream-ref";

export async function getHLSStreamingSessionURL(input: GetHLSStreamingSessionURLInput, context: RestRequestContext): Promise<GetHLSStreamingSessionURLOutput> {
  if (input.ContainerFormat === "MPEG_TS") throw new InvalidArgumentException("ContainerFormat MPEG_TS is not offered here; use FRAGMENTED_MP4.");
  const mode = input.PlaybackMode ?? "LIVE";
  const selector = input.HLSFragmentSelector?.FragmentSelectorType ?? "SERVER_TIMESTAMP";
  const range = checkedRange(mode, selector, input.HLSFragmentSelector?.TimestampRange, context.clock.now());
  const request: PlaybackRequest = {
    protocol: "HLS",
    mode,
    selector,
    ...range,
    maxResults: input.MaxMediaPlaylistFragmentResults ?? defaultResults(mode),
    discontinuity: input.DiscontinuityMode ?? defaultDiscontinuityMode(selector),
    displayTimestamp: input.DisplayFragmentTimestamp ?? "NEVER",
    expiresSeconds: input.Expires ?? VIDEO_DATA.sessionDefaultExpiresSeconds,
  };
  const token = await openSession(input, context, request);
  return { HLSStreamingSessionURL: `${context.origin}/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=${token}` };
}

export async function getDASHStreamingSessionURL(input: GetDASHStreamingSessionURLInput, context: RestRequestContext): Promise<GetDASHStreamingSessionURLOutput> {
  const mode = input.PlaybackMode ?? "LIVE";
  const selector = input.DASHFragmentSelector?.FragmentSelectorType ?? "SERVER_TIMESTAMP";
  const range = checkedRange(mode, selector, input.DASHFragmentSelector?.TimestampRange, context.clock.now());
  const request: PlaybackRequest = {
    protocol: "DASH",
    mode,
    selector,
    ...range,
    maxResults: input.MaxManifestFragmentResults ?? defaultResults(mode),
    displayTimestamp: input.DisplayFragmentTimestamp ?? "NEVER",
    displayNumber: input.DisplayFragmentNumber ?? "NEVER",
    expiresSeconds: input.Expires ?? VIDEO_DATA.sessionDefaultExpiresSeconds,
  };
  const token = await openSession(input, context, request);
  return { DASHStreamingSessionURL: `${context.origin}/dash/v1/getDASHManifest.mpd?SessionToken=${token}` };
}

async function openSession(
  input: { StreamName?: string | undefined; StreamARN?: string | undefined },
  context: RestRequestContext,
  request: PlaybackRequest,
): Promise<string> {
  const stream = await resolveStream(context, input);
  if (stream.dataRetentionInHours === 0) throw noRetention();
  return unwrap(await videoStreamStub(context.env, stream.streamId).openPlayback(stream.streamId, request));
}

function defaultResults(mode: PlaybackMode): number {
  return mode === "ON_DEMAND" ? PLAYLIST_LIMITS.defaultOnDemandFragments : PLAYLIST_LIMITS.defaultLiveFragments;
}

/**
 * The session's range, as the documentation has it: none for LIVE; a StartTimestamp for LIVE_REPLAY and
 * ON_DEMAND, an EndTimestamp for ON_DEMAND, later than the start and within 24 hours of it, and in the past
 * when the timestamps are the server's.
 */
function checkedRange(
  mode: PlaybackMode,
  selector: TimestampSelector,
  range: { StartTimestamp?: Date | undefined; EndTimestamp?: Date | undefined } | undefined,
  nowMs: number,
): { startMs?: number; endMs?: number } {
  if (mode === "LIVE") {
    if (range !== undefined) throw invalid("TimestampRange must not be set when PlaybackMode is LIVE.");
    return {};
  }
  const start = range?.StartTimestamp?.getTime();
  const end = range?.EndTimestamp?.getTime();
  if (start === undefined) throw invalid(`A TimestampRange with a StartTimestamp is required when PlaybackMode is ${mode}.`);
  if (mode === "ON_DEMAND" && end === undefined) throw invalid("TimestampRange.EndTimestamp is required when PlaybackMode is ON_DEMAND.");
  if (end !== undefined) checkEnd(selector, start, end, nowMs);
  return { startMs: start, ...(end !== undefined && { endMs: end }) };
}

export function checkEnd(selector: TimestampSelector, startMs: number, endMs: number, nowMs: number): void {
  if (endMs <= startMs) throw invalid("TimestampRange.EndTimestamp must be later than its StartTimestamp.");
  if (endMs - startMs > VIDEO_DATA.maxRangeMs) throw invalid("TimestampRange.EndTimestamp must be within 24 hours of its StartTimestamp.");
  if (selector === "SERVER_TIMESTAMP" && endMs > nowMs) throw invalid("TimestampRange.EndTimestamp must be in the past when FragmentSelectorType is SERVER_TIMESTAMP.");
}

function invalid(message: string): AwsError {
  return new InvalidArgumentException(message);
}
