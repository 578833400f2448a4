/**
 * What HLS and DASH session URLs serve, to any player on any origin (no SigV4: the SessionToken is the
 * credential; CORS for any origin in aws/cors.ts): the master and media playlists, the DASH manifest, and the fMP4 init and
 * media fragments they name, with AWS's relative URLs:
 *
 *   /hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=T            -> getHLSMediaPlaylist.m3u8?SessionToken=T&TrackNumber=N
 *   /hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=T&TrackNumber=N
 *                -> getMP4InitFragment.mp4?SessionToken=T&TrackNumber=N, getMP4MediaFragment.mp4?...&FragmentNumber=F
 *   /dash/v1/getDASHManifest.mpd?SessionToken=T                 -> the same init, and ...&SequenceNumber=$Number$
 *
 * HLS fragments sit on the producer's timeline (their timestamps as sent); DASH's on the session's gapless
 * timeline, as AWS adjusts it, so a DASH fragment is found by its number in the session. The init fragment
 * comes from the newest listed fragment's tracks (a session assumes its codec private data does not change).
 *
 * The stream object checks the token (signature, expiry) on every request; this module only reads which
 * stream it names to find that object.
 */
import { NotAuthorizedException, unwrap, VideoResourceNotFoundException } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import { parseHeader, mediaErrors, readCluster, type ParsedHeader } from "../headers";
import {
  dashManifest,
  hlsMasterPlaylist,
  hlsMediaPlaylist,
  initSegment,
  mediaSegment,
  peakBandwidth,
  TRACK_TYPE,
  type NumberedFragment,
  type PlaylistFragment,
  type TrackInfo,
} from "../media";
import { getFragment } from "../media-objects";
import type { DASHFragmentInput, HLSFragmentInput, SessionInput, TrackInput } from "../playback-shapes.generated";
import { readSession } from "../session-token";
import type { PlaybackView, SessionFragment, SessionMedia } from "../stream-types";

const M3U8 = "application/vnd.apple.mpegurl";

export async function getHLSMasterPlaylist(input: SessionInput, context: RestRequestContext): Promise<Response> {
  const view = await sessionView(input.SessionToken, context);
  const { tracks } = newestHeader(view);
  const token = encodeURIComponent(input.SessionToken);
  const body = mediaErrors(() =>
    hlsMasterPlaylist({
      tracks,
      bandwidth: peakBandwidth(view.fragments.map(playlistFragment)),
      ...frameRate(tracks),
      mediaPlaylistUrl: (track) => `getHLSMediaPlaylist.m3u8?SessionToken=${token}&TrackNumber=${track}`,
    }),
  );
  return answer(body, M3U8);
}

export async function getHLSMediaPlaylist(input: TrackInput, context: RestRequestContext): Promise<Response> {
  const view = await sessionView(input.SessionToken, context);
  const track = trackOf(newestHeader(view).tracks, input.TrackNumber);
  const token = encodeURIComponent(input.SessionToken);
  const body = hlsMediaPlaylist({
    mode: view.session.mode,
    selection: { fragments: view.fragments.map(numbered), before: view.before.map(numbered) },
    discontinuityMode: view.session.discontinuity ?? "ALWAYS",
    displayFragmentTimestamp: view.session.displayTimestamp,
    initUrl: `getMP4InitFragment.mp4?SessionToken=${token}&TrackNumber=${track.number}`,
    fragmentUrl: (fragment) => `getMP4MediaFragment.mp4?SessionToken=${token}&TrackNumber=${track.number}&FragmentNumber=${fragment.fragmentNumber}`,
    ended: view.ended,
  });
  return answer(body, M3U8);
}

export async function getDASHManifest(input: SessionInput, context: RestRequestContext): Promise<Response> {
  const view = await sessionView(input.SessionToken, context);
  const { tracks } = newestHeader(view);
  const token = encodeURIComponent(input.SessionToken);
  const body = mediaErrors(() =>
    dashManifest({
      mode: view.session.mode,
      selection: { fragments: view.fragments.map(numbered), before: view.before.map(numbered) },
      tracks,
      bandwidth: peakBandwidth(view.fragments.map(playlistFragment)),
      ...frameRate(tracks),
      displayFragmentTimestamp: view.session.displayTimestamp,
      displayFragmentNumber: view.session.displayNumber ?? "NEVER",
      initUrl: (track) => `getMP4InitFragment.mp4?SessionToken=${token}&TrackNumber=${track}`,
      mediaTemplate: (track) => `getMP4MediaFragment.mp4?SessionToken=${token}&TrackNumber=${track}&SequenceNumber=$Number$`,
      nowMs: view.nowMs,
    }),
  );
  return answer(body, "application/dash+xml");
}

export async function getMP4InitFragment(input: TrackInput, context: RestRequestContext): Promise<Response> {
  const view = await sessionView(input.SessionToken, context);
  const header = newestHeader(view);
  const track = trackOf(header.tracks, input.TrackNumber);
  return answer(mediaErrors(() => initSegment([track], header.info.timecodeScale)), "video/mp4");
}

export async function getHLSMP4MediaFragment(input: HLSFragmentInput, context: RestRequestContext): Promise<Response> {
  const media = await sessionMedia(input.SessionToken, { fragmentNumber: input.FragmentNumber }, context);
  return mediaFragment(media, input.TrackNumber, context);
}

export async function getDASHMP4MediaFragment(input: DASHFragmentInput, context: RestRequestContext): Promise<Response> {
  const media = await sessionMedia(input.SessionToken, { sequence: input.SequenceNumber }, context);
  return mediaFragment(media, input.TrackNumber, context);
}

/** One fragment's frames of one track as moof + mdat. */
async function mediaFragment(media: SessionMedia, trackNumber: number | undefined, context: RestRequestContext): Promise<Response> {
  const header = parseHeader(media.header, `${media.session.streamId}/${media.header.id}`);
  const track = trackOf(header.tracks, trackNumber);
  const cluster = await getFragment(context.env.RIVULET_VIDEO, media.session.streamId, media.row.number);
  if (!cluster) throw new VideoResourceNotFoundException(`Fragment ${media.row.number} is no longer stored.`);
  const fragment = readCluster(header, cluster);
  const unitsPerMs = 1e6 / header.info.timecodeScale;
  // HLS: where the producer put it (the Cluster's timecode is the producer timestamp). DASH: the fragment's
  // earliest frame at its place on the session's gapless timeline (S@t), every track moved by as much, so
  // none goes below zero (a Cluster may hold audio from before its own timecode).
  const timeOffset =
    media.timelineMs === undefined
      ? Math.round(media.row.producerMs * unitsPerMs) - fragment.timecode
      : Math.round(media.timelineMs * unitsPerMs) - Math.min(fragment.timecode, ...fragment.frames.map((frame) => frame.timecode));
  const bytes = mediaErrors(() =>
    mediaSegment(fragment, [track], {
      sequenceNumber: media.row.seq,
      ...(media.nextTimecode !== undefined && { nextTimecode: media.nextTimecode }),
      timeOffset,
    }),
  );
  return answer(bytes, "video/mp4");
}

async function sessionView(token: string, context: RestRequestContext): Promise<PlaybackView> {
  return unwrap(await videoStreamStub(context.env, streamOf(token)).playback(token));
}

async function sessionMedia(token: string, ref: { fragmentNumber: string } | { sequence: number }, context: RestRequestContext): Promise<SessionMedia> {
  return unwrap(await videoStreamStub(context.env, streamOf(token)).playbackMedia(token, ref));
}

function streamOf(token: string): string {
  const session = readSession(token);
  if (!session) throw new NotAuthorizedException("The session token is not valid.");
  return session.streamId;
}

/** The tracks of the newest listed fragment. */
function newestHeader(view: PlaybackView): ParsedHeader {
  const newest = view.fragments.at(-1)?.row;
  const header = newest && view.headers.find((each) => each.id === newest.headerId);
  if (!header) throw new VideoResourceNotFoundException("No fragments found in the stream for the streaming request.");
  return parseHeader(header, `${view.session.streamId}/${header.id}`);
}

function trackOf(tracks: readonly TrackInfo[], number: number | undefined): TrackInfo {
  const track = number === undefined ? (tracks.find((each) => each.type === TRACK_TYPE.video) ?? tracks[0]) : tracks.find((each) => each.number === number);
  if (!track) throw new VideoResourceNotFoundException(`The stream has no track ${number ?? ""}.`.replace(" .", "."));
  return track;
}

/** FRAME-RATE / frameRate, when the video track says how long its frames last. */
function frameRate(tracks: readonly TrackInfo[]): { frameRate?: number } {
  const duration = tracks.find((track) => track.type === TRACK_TYPE.video)?.defaultDuration;
  return duration ? { frameRate: 1e9 / duration } : {};
}

function playlistFragment(fragment: SessionFragment): PlaylistFragment {
  return { fragmentNumber: fragment.row.number, startMs: fragment.startMs, durationMs: fragment.row.durationMs, sizeBytes: fragment.row.sizeBytes };
}

function numbered(fragment: SessionFragment): NumberedFragment {
  return { ...playlistFragment(fragment), number: fragment.number, timelineMs: fragment.timelineMs, gapBefore: fragment.gapBefore };
}

function answer(body: string | Uint8Array, contentType: string): Response {
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-cache" } });
}
