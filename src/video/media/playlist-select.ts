/**
 * Which fragments an HLS media playlist or a DASH manifest lists, as GetHLSStreamingSessionURL and
 * GetDASHStreamingSessionURL describe their playback modes:
 * - LIVE: the newest fragments (MaxMediaPlaylistFragmentResults, default 5); a fragment that arrives with an
 *   earlier timestamp than one already ingested is never added (the gap is not filled).
 * - LIVE_REPLAY: from the range's start, fragments become available as the session's playing time passes the
 *   durations of those before them; the newest of those, up to the maximum, are listed.
 * - ON_DEMAND: the oldest fragments in the range, up to the maximum (default 1000).
 * A range takes fragments starting at or after Start and at or before End. Fragments with equal start timestamps
 * are deduplicated, keeping the largest fragment number (the newest).
 *
 * Numbers: a fragment's number in the session is its position in the ordered list the caller passes, plus
 * `firstNumber` (default 1). A caller that passes every fragment since the session began gets numbers that stay
 * put as a live window slides: HLS's MEDIA-SEQUENCE, DASH's $Number$ and mfhd's sequence_number all use them.
 */
import { PLAYLIST_LIMITS } from "./limits";

export type PlaybackMode = "LIVE" | "LIVE_REPLAY" | "ON_DEMAND";

/** What a playlist needs to know of a fragment (from the stream's fragment index). */
export interface PlaylistFragment {
  fragmentNumber: string;
  /** Start, epoch milliseconds: the producer or server timestamp, as the session's selector type says. */
  startMs: number;
  durationMs: number;
  /** Bytes, for the master playlist's BANDWIDTH. */
  sizeBytes?: number;
}

export interface FragmentSelection {
  mode: PlaybackMode;
  maxResults?: number;
  startMs?: number;
  endMs?: number;
  /** LIVE_REPLAY: how long the session has been playing. */
  elapsedMs?: number;
  firstNumber?: number;
}

export interface NumberedFragment extends PlaylistFragment {
  /** The fragment's number in the session. */
  number: number;
  /** Its place on the session's gapless timeline (milliseconds from the first listed-able fragment's start). */
  timelineMs: number;
  /** Whether a discontinuity (gap or overlap over 50 ms) separates it from the fragment before it. */
  gapBefore: boolean;
}

export interface Selection {
  /** The listed fragments, oldest first. */
  fragments: NumberedFragment[];
  /** Every candidate before the listed ones (for counting discontinuities out of a live window). */
  before: NumberedFragment[];
}

const compareNumbers = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

export function selectFragments(all: readonly PlaylistFragment[], selection: FragmentSelection): Selection {
  const max = selection.maxResults ?? (selection.mode === "ON_DEMAND" ? PLAYLIST_LIMITS.defaultOnDemandFragments : PLAYLIST_LIMITS.defaultLiveFragments);
  let candidates = all.filter((fragment) => (selection.startMs === undefined || fragment.startMs >= selection.startMs) && (selection.endMs === undefined || fragment.startMs <= selection.endMs));
  if (selection.mode === "LIVE") {
    // In ingestion order, a fragment older than one already seen is left out for good; one with the same start
    // replaces it (the larger fragment number wins).
    const kept: PlaylistFragment[] = [];
    for (const fragment of [...candidates].sort((a, b) => compareNumbers(a.fragmentNumber, b.fragmentNumber))) {
      const newest = kept[kept.length - 1];
      if (newest === undefined || fragment.startMs > newest.startMs) kept.push(fragment);
      else if (fragment.startMs === newest.startMs) kept[kept.length - 1] = fragment;
    }
    candidates = kept;
  } else {
    candidates = dedupe(candidates);
  }
  const numbered = timeline(candidates, selection.firstNumber ?? 1);
  let listed: NumberedFragment[];
  if (selection.mode === "ON_DEMAND") listed = numbered.slice(0, max);
  else if (selection.mode === "LIVE_REPLAY") {
    const elapsed = selection.elapsedMs ?? 0;
    const released = numbered.filter((fragment) => fragment.timelineMs <= elapsed);
    listed = released.slice(-max);
  } else listed = numbered.slice(-max);
  const firstListed = listed[0];
  return { fragments: listed, before: firstListed === undefined ? [] : numbered.slice(0, firstListed.number - (selection.firstNumber ?? 1)) };
}

/** Sorted by start; of equal starts only the largest fragment number stays. */
function dedupe(fragments: readonly PlaylistFragment[]): PlaylistFragment[] {
  const sorted = [...fragments].sort((a, b) => a.startMs - b.startMs || compareNumbers(a.fragmentNumber, b.fragmentNumber));
  return sorted.filter((fragment, index) => sorted[index + 1]?.startMs !== fragment.startMs);
}

function timeline(fragments: readonly PlaylistFragment[], firstNumber: number): NumberedFragment[] {
  let timelineMs = 0;
  return fragments.map((fragment, index) => {
    const previous = fragments[index - 1];
    const gap = previous === undefined ? 0 : fragment.startMs - (previous.startMs + previous.durationMs);
    const numbered = { ...fragment, number: firstNumber + index, timelineMs, gapBefore: previous !== undefined && Math.abs(gap) > PLAYLIST_LIMITS.discontinuityToleranceMs };
    timelineMs += fragment.durationMs;
    return numbered;
  });
}
