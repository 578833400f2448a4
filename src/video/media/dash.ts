/**
 * The MPEG-DASH manifest of GetDASHStreamingSessionURL: one Period, an AdaptationSet per track (video, then an
 * AAC track), each Representation with a SegmentTemplate whose $Number$ is the fragment's number in the session
 * and a SegmentTimeline of the listed fragments.
 *
 * As AWS documents, the manifest's timeline is adjusted so fragments follow each other without gaps (players
 * handle gaps badly): S@t is the fragment's place on the session's gapless timeline (NumberedFragment.timelineMs),
 * so the caller packages each media segment with `timeOffset = timelineMs - fragment timecode` to match.
 * DisplayFragmentTimestamp / DisplayFragmentNumber ALWAYS add `kvs:ts` (epoch seconds, three decimals) and
 * `kvs:fn` to each S element; the kvs namespace URI is ours, AWS documents only the attribute names.
 * ON_DEMAND is a static MPD with mediaPresentationDuration; LIVE and LIVE_REPLAY are dynamic, refreshed every second.
 */
import { codecKind, codecString } from "./codecs";
import type { PlaybackMode, Selection } from "./playlist-select";
import type { TrackInfo } from "./types";

export interface DashManifestInput {
  mode: PlaybackMode;
  selection: Selection;
  tracks: readonly TrackInfo[];
  /** Peak bits per second. */
  bandwidth: number;
  frameRate?: number;
  displayFragmentTimestamp: "ALWAYS" | "NEVER";
  displayFragmentNumber: "ALWAYS" | "NEVER";
  /** The init segment's URL for a track. */
  initUrl: (trackNumber: number) => string;
  /** A track's media segment URL template containing `$Number$`. */
  mediaTemplate: (trackNumber: number) => string;
  /** Wall clock for a dynamic MPD's publishTime, epoch milliseconds. */
  nowMs: number;
}

const escapeXml = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function duration(ms: number): string {
  return `PT${(ms / 1000).toFixed(3)}S`;
}

export function dashManifest(input: DashManifestInput): string {
  const { fragments, before } = input.selection;
  const first = fragments[0];
  const last = fragments[fragments.length - 1];
  const dynamic = input.mode !== "ON_DEMAND";
  const total = first && last ? last.timelineMs + last.durationMs - first.timelineMs : 0;
  const sessionStart = (before[0] ?? first)?.startMs ?? input.nowMs;
  const mpd = [
    `xmlns="urn:mpeg:dash:schema:mpd:2011"`,
    `xmlns:kvs="urn:rivulet:kinesisvideo:dash"`,
    `profiles="urn:mpeg:dash:profile:isoff-live:2011"`,
    `type="${dynamic ? "dynamic" : "static"}"`,
    `minBufferTime="${duration(Math.min(total || 2000, 2000))}"`,
  ];
  if (dynamic) {
    mpd.push(
      `availabilityStartTime="${new Date(sessionStart).toISOString()}"`,
      `publishTime="${new Date(input.nowMs).toISOString()}"`,
      `minimumUpdatePeriod="PT1S"`,
      `timeShiftBufferDepth="${duration(Math.max(total, 1000))}"`,
    );
  } else {
    mpd.push(`mediaPresentationDuration="${duration(total)}"`);
  }
  const timeline = fragments
    .map((fragment) => {
      const attributes = [`t="${fragment.timelineMs}"`, `d="${fragment.durationMs}"`];
      if (input.displayFragmentTimestamp === "ALWAYS") attributes.push(`kvs:ts="${(fragment.startMs / 1000).toFixed(3)}"`);
      if (input.displayFragmentNumber === "ALWAYS") attributes.push(`kvs:fn="${fragment.fragmentNumber}"`);
      return `<S ${attributes.join(" ")}/>`;
    })
    .join("");
  const sets = orderedTracks(input.tracks).map((track, index) => {
    const audio = codecKind(track) === "aac";
    const representation = [`id="${track.number}"`, `codecs="${codecString(track)}"`, `bandwidth="${Math.max(1, Math.round(input.bandwidth))}"`];
    if (!audio && track.video) representation.push(`width="${track.video.pixelWidth}"`, `height="${track.video.pixelHeight}"`);
    if (!audio && input.frameRate !== undefined) representation.push(`frameRate="${Number(input.frameRate.toFixed(3))}"`);
    if (audio && track.audio) representation.push(`audioSamplingRate="${Math.round(track.audio.samplingFrequency)}"`);
    const template = [
      `timescale="1000"`,
      `initialization="${escapeXml(input.initUrl(track.number))}"`,
      `media="${escapeXml(input.mediaTemplate(track.number))}"`,
      `startNumber="${first?.number ?? 1}"`,
    ];
    return (
      `<AdaptationSet id="${index}" contentType="${audio ? "audio" : "video"}" mimeType="${audio ? "audio" : "video"}/mp4" segmentAlignment="true" startWithSAP="1">` +
      `<Representation ${representation.join(" ")}>` +
      `<SegmentTemplate ${template.join(" ")}><SegmentTimeline>${timeline}</SegmentTimeline></SegmentTemplate>` +
      `</Representation></AdaptationSet>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<MPD ${mpd.join(" ")}><Period id="0" start="PT0S">${sets.join("")}</Period></MPD>\n`;
}

/** Video first, then audio: what players expect, whatever the track numbers. */
function orderedTracks(tracks: readonly TrackInfo[]): TrackInfo[] {
  return [...tracks].filter((track) => codecKind(track) !== "aac").concat(tracks.filter((track) => codecKind(track) === "aac"));
}
