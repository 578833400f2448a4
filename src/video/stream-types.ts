/**
 * What the stream object's RPC methods take and answer (stream.ts), shared with the data plane's handlers.
 * Plain data only: it crosses the Durable Object boundary by structured clone.
 */
import type { FragmentRow, HeaderRow } from "./stream-store";
import type { PlaybackSession, TimestampSelector } from "./session-token";

export type { FragmentRow, HeaderRow, PlaybackSession, TimestampSelector };

/** The segment header (Info and Tracks elements) a session sends its fragments under. */
export interface SessionHeader {
  digest: string;
  info: Uint8Array;
  tracks: Uint8Array;
}

/** A fragment just begun (its BUFFERING ack): its number, its server timestamp and whether it is to be stored. */
export interface BegunFragment {
  seq: number;
  fragmentNumber: string;
  serverMs: number;
  /** False on a stream whose retention is 0: the fragment goes to live readers only. */
  persist: boolean;
}

/** A fragment as readers get it; `media` (its Cluster) travels inline only for fragments kept in memory. */
export interface ReadFragment extends FragmentRow {
  media?: Uint8Array;
}

export interface ReadBatch {
  fragments: ReadFragment[];
  /** The headers the fragments refer to. */
  headers: HeaderRow[];
  /** The stream object's clock, for MILLIS_BEHIND_NOW. */
  nowMs: number;
  /** The stream was deleted: the reader ends. */
  deleted: boolean;
}

/** Where GetMedia starts, as the stream object resolves it. */
export type MediaStart =
  | { type: "NOW" | "EARLIEST" }
  | { type: "AFTER_NUMBER"; fragmentNumber: string }
  | { type: TimestampSelector; ms: number };

export interface FragmentPage {
  fragments: FragmentRow[];
  /** The seq to continue after, when there are more. */
  continueAfter: number | undefined;
}

/** What GetHLSStreamingSessionURL / GetDASHStreamingSessionURL ask of the stream, checked before a token is made. */
export type PlaybackRequest = Omit<PlaybackSession, "streamId" | "createdMs" | "expiresMs" | "fromSeq"> & { expiresSeconds: number };

/** A fragment listed in a session, with its place in the session. */
export interface SessionFragment {
  row: FragmentRow;
  /** Its number in the session (HLS MEDIA-SEQUENCE, DASH $Number$). */
  number: number;
  /** Start on the session's timestamp type. */
  startMs: number;
  /** Its place on the session's gapless timeline (DASH). */
  timelineMs: number;
  gapBefore: boolean;
}

/** A session's current playlist: the listed fragments, those before them (for counting discontinuities). */
export interface PlaybackView {
  session: PlaybackSession;
  fragments: SessionFragment[];
  before: SessionFragment[];
  /** LIVE_REPLAY whose range has ended and been released whole: the list will not grow. */
  ended: boolean;
  headers: HeaderRow[];
  nowMs: number;
}

/** One fragment of a session, for a media segment: the row, its header and where the stream continues. */
export interface SessionMedia {
  session: PlaybackSession;
  row: FragmentRow;
  header: HeaderRow;
  /** The next fragment's timecode when it continues this one (same header), to end the last samples exactly. */
  nextTimecode: number | undefined;
  /** Added to the fragment's times (DASH's gapless timeline), in milliseconds. */
  timelineMs: number | undefined;
}

/** Fragments for a clip, in order, with their headers. */
export interface ClipPlan {
  fragments: FragmentRow[];
  headers: HeaderRow[];
}

/** GetImages' fragments: per sampled time, the fragment holding it (null: none), and their headers. */
export interface FragmentsAt {
  at: (FragmentRow | null)[];
  headers: HeaderRow[];
}
