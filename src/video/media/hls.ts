/**
 * HLS playlists as Kinesis Video Streams serves them (fMP4 only): a master playlist naming one media playlist per
 * track, and media playlists of fragments chosen by playlist-select.ts. URLs come from the caller, which knows the
 * session token and its routes (AWS's are relative: getHLSMediaPlaylist.m3u8?SessionToken=...&TrackNumber=1,
 * getMP4InitFragment.mp4?..., getMP4MediaFragment.mp4?...&FragmentNumber=...).
 *
 * Media playlist: VERSION 7, TARGETDURATION (every EXTINF rounds to at most it), MEDIA-SEQUENCE (the first
 * listed fragment's session number), DISCONTINUITY-SEQUENCE when discontinuities left a live window,
 * INDEPENDENT-SEGMENTS, EXT-X-MAP (the init segment), then per fragment an optional DISCONTINUITY (DiscontinuityMode
 * ALWAYS between all fragments, ON_DISCONTINUITY across gaps or overlaps over 50 ms), PROGRAM-DATE-TIME
 * (DisplayFragmentTimestamp ALWAYS) and EXTINF with three decimals. ON_DEMAND is a VOD playlist with ENDLIST.
 * Deliberate difference: EXT-X-PLAYLIST-TYPE:VOD for ON_DEMAND (AWS's exact header lines are undocumented; players
 * treat ENDLIST the same way). MPEG_TS packaging is not offered.
 */
import { codecKind, codecString } from "./codecs";
import type { NumberedFragment, PlaybackMode, PlaylistFragment, Selection } from "./playlist-select";
import type { TrackInfo } from "./types";

export type DiscontinuityMode = "ALWAYS" | "NEVER" | "ON_DISCONTINUITY";

export interface MasterPlaylistInput {
  tracks: readonly TrackInfo[];
  /** Peak bits per second (see peakBandwidth). */
  bandwidth: number;
  /** Frames per second of the video track, when known. */
  frameRate?: number;
  mediaPlaylistUrl: (trackNumber: number) => string;
}

/** The master playlist: the video track's media playlist as the variant, an audio track as its audio rendition. */
export function hlsMasterPlaylist(input: MasterPlaylistInput): string {
  const video = input.tracks.find((track) => codecKind(track) !== "aac");
  const audio = input.tracks.find((track) => codecKind(track) === "aac");
  const lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"];
  const attributes = [`BANDWIDTH=${Math.max(1, Math.round(input.bandwidth))}`, `CODECS="${input.tracks.filter((track) => track === video || track === audio).map(codecString).join(",")}"`];
  if (video?.video) attributes.push(`RESOLUTION=${video.video.pixelWidth}x${video.video.pixelHeight}`);
  if (video && input.frameRate !== undefined) attributes.push(`FRAME-RATE=${input.frameRate.toFixed(3)}`);
  if (video && audio) {
    lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Track ${audio.number}",DEFAULT=YES,AUTOSELECT=YES,URI="${input.mediaPlaylistUrl(audio.number)}"`);
    attributes.push(`AUDIO="audio"`);
  }
  const main = video ?? audio;
  if (main === undefined) throw new RangeError("a master playlist needs a video or an audio track");
  lines.push(`#EXT-X-STREAM-INF:${attributes.join(",")}`, input.mediaPlaylistUrl(main.number));
  return lines.join("\n") + "\n";
}

/** The highest bit rate of any fragment: what BANDWIDTH promises. */
export function peakBandwidth(fragments: readonly PlaylistFragment[]): number {
  return Math.max(0, ...fragments.map((fragment) => (fragment.durationMs > 0 ? ((fragment.sizeBytes ?? 0) * 8 * 1000) / fragment.durationMs : 0)));
}

export interface MediaPlaylistInput {
  mode: PlaybackMode;
  selection: Selection;
  discontinuityMode: DiscontinuityMode;
  displayFragmentTimestamp: "ALWAYS" | "NEVER";
  initUrl: string;
  fragmentUrl: (fragment: NumberedFragment) => string;
  /** LIVE_REPLAY whose range has ended and been fully released: the list will not grow. */
  ended?: boolean;
}

export function hlsMediaPlaylist(input: MediaPlaylistInput): string {
  const { fragments, before } = input.selection;
  const discontinuity = (fragment: NumberedFragment) => input.discontinuityMode === "ALWAYS" ? fragment.number !== (before[0] ?? fragments[0])?.number : input.discontinuityMode === "ON_DISCONTINUITY" && fragment.gapBefore;
  const first = fragments[0];
  // Discontinuities before the first listed fragment, its own included: its tag is not repeated at the top.
  const discontinuitySequence = [...before, ...(first ? [first] : [])].filter(discontinuity).length;
  const target = Math.max(1, ...fragments.map((fragment) => Math.ceil(fragment.durationMs / 1000)));
  const lines = ["#EXTM3U", "#EXT-X-VERSION:7", `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-MEDIA-SEQUENCE:${first?.number ?? 0}`];
  if (discontinuitySequence > 0) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence}`);
  if (input.mode === "ON_DEMAND") lines.push("#EXT-X-PLAYLIST-TYPE:VOD");
  lines.push("#EXT-X-INDEPENDENT-SEGMENTS", `#EXT-X-MAP:URI="${input.initUrl}"`);
  for (const fragment of fragments) {
    if (fragment !== first && discontinuity(fragment)) lines.push("#EXT-X-DISCONTINUITY");
    if (input.displayFragmentTimestamp === "ALWAYS") lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(fragment.startMs).toISOString()}`);
    lines.push(`#EXTINF:${(fragment.durationMs / 1000).toFixed(3)},`, input.fragmentUrl(fragment));
  }
  if (input.mode === "ON_DEMAND" || input.ended) lines.push("#EXT-X-ENDLIST");
  return lines.join("\n") + "\n";
}

/** AWS's default: ALWAYS for SERVER_TIMESTAMP sessions, NEVER for PRODUCER_TIMESTAMP ones. */
export function defaultDiscontinuityMode(selectorType: "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP"): DiscontinuityMode {
  return selectorType === "SERVER_TIMESTAMP" ? "ALWAYS" : "NEVER";
}
