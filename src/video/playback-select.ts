/**
 * Which fragments an HLS or DASH session lists right now, from the stream's index: the candidates of its mode
 * (LIVE: everything ingested since the session's first fragment; ON_DEMAND and LIVE_REPLAY: fragments starting
 * in its range), handed to the media layer's selectFragments for the window, numbering, deduplication and
 * timeline. Runs inside the stream object.
 *
 * A session looks at no more than SESSION_CANDIDATES fragments at once: a LIVE session open for hours numbers
 * its window by counting (exact), but counts discontinuities only among those (ours; AWS documents no bound).
 */
import { NoDataRetentionException, VideoResourceNotFoundException, type AwsError } from "../aws/errors";
import { selectFragments, type PlaylistFragment } from "./media";
import { VIDEO_DATA } from "./limits";
import type { PlaybackSession } from "./session-token";
import type { FragmentRow, VideoStreamStore } from "./stream-store";
import type { SessionFragment } from "./stream-types";

const SESSION_CANDIDATES = 10_000;

export interface SessionSelection {
  fragments: SessionFragment[];
  before: SessionFragment[];
  ended: boolean;
}

export function noFragments(): AwsError {
  return new VideoResourceNotFoundException("No fragments found in the stream for the streaming request.");
}

export function noRetention(): AwsError {
  return new NoDataRetentionException("The stream does not retain data (its DataRetentionInHours is 0).");
}

function startOf(row: FragmentRow, session: Pick<PlaybackSession, "selector">): number {
  return session.selector === "PRODUCER_TIMESTAMP" ? row.producerMs : row.serverMs;
}

/** The candidates of a session, oldest first, and the session number of the first. */
function candidates(store: VideoStreamStore, session: PlaybackSession): { rows: FragmentRow[]; firstNumber: number } {
  if (session.mode === "LIVE") {
    const from = session.fromSeq ?? 1;
    const rows = store.newestFrom(from, SESSION_CANDIDATES);
    return { rows, firstNumber: 1 + store.countBetween(from, rows[0]?.seq ?? from) };
  }
  const end = session.endMs ?? Number.MAX_SAFE_INTEGER;
  const rows = store.byTime(session.selector, session.startMs ?? 0, end, SESSION_CANDIDATES);
  return { rows, firstNumber: 1 };
}

export function selectSession(store: VideoStreamStore, session: PlaybackSession, nowMs: number): SessionSelection {
  const { rows, firstNumber } = candidates(store, session);
  const byNumber = new Map(rows.map((row) => [row.number, row]));
  const list: PlaylistFragment[] = rows.map((row) => ({ fragmentNumber: row.number, startMs: startOf(row, session), durationMs: row.durationMs, sizeBytes: row.sizeBytes }));
  const selection = selectFragments(list, {
    mode: session.mode,
    maxResults: session.maxResults,
    elapsedMs: nowMs - session.createdMs,
    firstNumber,
  });
  const toSession = (fragment: (typeof selection.fragments)[number]): SessionFragment[] => {
    const row = byNumber.get(fragment.fragmentNumber);
    return row ? [{ row, number: fragment.number, startMs: fragment.startMs, timelineMs: fragment.timelineMs, gapBefore: fragment.gapBefore }] : [];
  };
  const fragments = selection.fragments.flatMap(toSession);
  const lastCandidate = list.reduce<PlaylistFragment | undefined>((latest, each) => (latest === undefined || each.startMs >= latest.startMs ? each : latest), undefined);
  const ended = session.mode === "LIVE_REPLAY" && session.endMs !== undefined && lastCandidate !== undefined && fragments.at(-1)?.row.number === lastCandidate.fragmentNumber;
  return { fragments, before: selection.before.flatMap(toSession), ended };
}

/**
 * Checks that a new session has something to play, as AWS checks. Answers a fragment it will play (whose
 * tracks the caller checks) and, for LIVE, the first fragment of its first window.
 */
export function sessionStart(
  store: VideoStreamStore,
  request: Pick<PlaybackSession, "mode" | "selector" | "startMs" | "endMs" | "maxResults">,
  nowMs: number,
): { firstSeq: number; fromSeq?: number } {
  if (request.mode === "LIVE") {
    const newest = store.newestServerMs();
    const window = store.newestFrom(1, request.maxResults);
    const first = window[0];
    const last = window.at(-1);
    if (newest === undefined || newest < nowMs - VIDEO_DATA.liveWindowMs || !first || !last) throw noFragments();
    return { firstSeq: last.seq, fromSeq: first.seq };
  }
  const found = store.byTime(request.selector, request.startMs ?? 0, request.endMs ?? Number.MAX_SAFE_INTEGER, 1)[0];
  if (!found) throw noFragments();
  return { firstSeq: found.seq };
}

/** Whether a fragment is one the session may serve (its range, or for LIVE, ingested since it began). */
export function inSession(row: FragmentRow, session: PlaybackSession): boolean {
  if (session.mode === "LIVE") return row.seq >= (session.fromSeq ?? 1);
  const start = startOf(row, session);
  return start >= (session.startMs ?? 0) && start <= (session.endMs ?? Number.MAX_SAFE_INTEGER);
}
