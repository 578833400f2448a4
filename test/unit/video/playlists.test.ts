import { describe, expect, it } from "vitest";
import { dashManifest } from "../../../src/video/media/dash";
import { mediaSegment } from "../../../src/video/media/fmp4";
import { defaultDiscontinuityMode, hlsMasterPlaylist, hlsMediaPlaylist, peakBandwidth, type DiscontinuityMode } from "../../../src/video/media/hls";
import { readMkv } from "../../../src/video/media/mkv-reader";
import { selectFragments, type FragmentSelection, type NumberedFragment, type PlaylistFragment } from "../../../src/video/media/playlist-select";
import { baseline, highBframesAac, type Fixture } from "./fixtures";
import { mediaSegmentSamples } from "./mp4-parse";

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

/** The fixture's fragments as the index would list them, from ffprobe's key frames: each runs to the next. */
function indexOf(fixture: Fixture): PlaylistFragment[] {
  const video = fixture.frames.filter((frame) => frame.track === 1);
  const keyframes = video.filter((frame) => frame.keyframe);
  const end = Math.max(...video.map((frame) => frame.pts)) + 1000 / 15;
  return keyframes.map((frame, index) => ({
    fragmentNumber: String(91343852333181432392682062607743920146159169392n + BigInt(index)),
    startMs: T0 + frame.pts,
    durationMs: Math.round((keyframes[index + 1]?.pts ?? end) - frame.pts),
    sizeBytes: 1000 * (index + 1),
  }));
}

/** `count` fragments of `durationMs` each, back to back, numbered in ingestion order. */
function fragments(count: number, durationMs = 2000, from = 0): PlaylistFragment[] {
  return Array.from({ length: count }, (_, index) => ({ fragmentNumber: String(1000 + from + index), startMs: T0 + (from + index) * durationMs, durationMs }));
}

interface Segment {
  duration: number;
  uri: string;
  discontinuity: boolean;
  programDateTime?: string;
}

/** Reads a media playlist as a player would. */
function parse(text: string): { tags: Record<string, string>; segments: Segment[]; ended: boolean } {
  const lines = text.trim().split("\n");
  expect(lines[0]).toBe("#EXTM3U");
  const tags: Record<string, string> = {};
  const segments: Segment[] = [];
  let pending: Partial<Segment> = {};
  for (const line of lines.slice(1)) {
    if (line.startsWith("#EXTINF:")) pending.duration = Number(line.slice(8).replace(/,$/, ""));
    else if (line === "#EXT-X-DISCONTINUITY") pending.discontinuity = true;
    else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) pending.programDateTime = line.slice(25);
    else if (line.startsWith("#")) {
      const [name, ...value] = line.slice(1).split(":");
      tags[name ?? ""] = value.join(":");
    } else {
      segments.push({ duration: pending.duration ?? NaN, uri: line, discontinuity: pending.discontinuity ?? false, ...(pending.programDateTime ? { programDateTime: pending.programDateTime } : {}) });
      pending = {};
    }
  }
  return { tags, segments, ended: "EXT-X-ENDLIST" in tags };
}

function playlist(all: PlaylistFragment[], selection: FragmentSelection, discontinuityMode: DiscontinuityMode = "NEVER", displayFragmentTimestamp: "ALWAYS" | "NEVER" = "NEVER") {
  return parse(
    hlsMediaPlaylist({
      mode: selection.mode,
      selection: selectFragments(all, selection),
      discontinuityMode,
      displayFragmentTimestamp,
      initUrl: "getMP4InitFragment.mp4?SessionToken=abc&TrackNumber=1",
      fragmentUrl: (fragment: NumberedFragment) => `getMP4MediaFragment.mp4?SessionToken=abc&TrackNumber=1&FragmentNumber=${fragment.fragmentNumber}`,
    }),
  );
}

const numberOf = (segment: Segment) => segment.uri.split("FragmentNumber=")[1];

describe("HLS media playlists", () => {
  it("list a recording ON_DEMAND: every fragment in order with its duration, the init segment, and an end", () => {
    const index = indexOf(baseline);
    const { tags, segments, ended } = playlist(index, { mode: "ON_DEMAND" });
    expect(tags).toMatchObject({ "EXT-X-VERSION": "7", "EXT-X-TARGETDURATION": "1", "EXT-X-MEDIA-SEQUENCE": "1", "EXT-X-PLAYLIST-TYPE": "VOD", "EXT-X-MAP": 'URI="getMP4InitFragment.mp4?SessionToken=abc&TrackNumber=1"' });
    expect("EXT-X-INDEPENDENT-SEGMENTS" in tags).toBe(true);
    // ffprobe: key frames at 0, 1 and 2 s; the last fragment ends with the last frame (2.933 s + 1/15 s).
    expect(segments.map((segment) => segment.duration)).toEqual([1, 1, 1]);
    expect(segments.map(numberOf)).toEqual(index.map((fragment) => fragment.fragmentNumber));
    expect(ended).toBe(true);
  });

  it("keep every EXTINF, rounded, within TARGETDURATION", () => {
    const uneven = [2663, 4100, 1999].map((durationMs, index) => ({ fragmentNumber: String(index + 1), startMs: T0 + index * 5000, durationMs }));
    const { tags, segments } = playlist(uneven, { mode: "ON_DEMAND" });
    expect(segments.map((segment) => segment.duration)).toEqual([2.663, 4.1, 1.999]);
    expect(Number(tags["EXT-X-TARGETDURATION"])).toBeGreaterThanOrEqual(Math.max(...segments.map((segment) => Math.round(segment.duration))));
  });

  it("show the newest fragments LIVE (5 by default), numbered so the window slides", () => {
    const first = playlist(fragments(12), { mode: "LIVE" });
    expect(first.segments.map(numberOf)).toEqual(["1007", "1008", "1009", "1010", "1011"]);
    expect(first.tags["EXT-X-MEDIA-SEQUENCE"]).toBe("8");
    expect(first.ended).toBe(false);
    const next = playlist(fragments(13), { mode: "LIVE" });
    expect(next.tags["EXT-X-MEDIA-SEQUENCE"]).toBe("9");
    expect(next.segments.map(numberOf)).toEqual(["1008", "1009", "1010", "1011", "1012"]);
    expect(playlist(fragments(12), { mode: "LIVE", maxResults: 3 }).segments.map(numberOf)).toEqual(["1009", "1010", "1011"]);
  });

  it("never add a late fragment to a LIVE playlist once a newer one is there", () => {
    const late = { fragmentNumber: "1012", startMs: T0 + 5 * 2000 + 500, durationMs: 2000 };
    expect(playlist([...fragments(12), late], { mode: "LIVE" }).segments.map(numberOf)).toEqual(["1007", "1008", "1009", "1010", "1011"]);
  });

  it("release LIVE_REPLAY fragments from the start time as the session plays", () => {
    const all = fragments(10);
    const start = { mode: "LIVE_REPLAY" as const, startMs: T0 + 4000 };
    expect(playlist(all, { ...start, elapsedMs: 0 }).segments.map(numberOf)).toEqual(["1002"]);
    expect(playlist(all, { ...start, elapsedMs: 1999 }).segments.map(numberOf)).toEqual(["1002"]);
    expect(playlist(all, { ...start, elapsedMs: 4000 }).segments.map(numberOf)).toEqual(["1002", "1003", "1004"]);
    expect(playlist(all, { ...start, elapsedMs: 60_000 }).segments.map(numberOf)).toEqual(["1005", "1006", "1007", "1008", "1009"]);
  });

  it("take ON_DEMAND ranges inclusively, the oldest first up to the maximum, and keep the newest of equal timestamps", () => {
    const all = fragments(10);
    expect(playlist(all, { mode: "ON_DEMAND", startMs: T0 + 2000, endMs: T0 + 8000 }).segments.map(numberOf)).toEqual(["1001", "1002", "1003", "1004"]);
    expect(playlist(all, { mode: "ON_DEMAND", maxResults: 2 }).segments.map(numberOf)).toEqual(["1000", "1001"]);
    const resent = { fragmentNumber: "2000", startMs: T0 + 2000, durationMs: 2000 };
    expect(playlist([...all, resent], { mode: "ON_DEMAND", endMs: T0 + 4000 }).segments.map(numberOf)).toEqual(["1000", "2000", "1002"]);
  });

  it("mark discontinuities as the mode says: never, between all fragments, or across gaps over 50 ms", () => {
    const gappy = [
      { fragmentNumber: "1", startMs: T0, durationMs: 1000 },
      { fragmentNumber: "2", startMs: T0 + 1040, durationMs: 1000 }, // 40 ms gap: tolerated
      { fragmentNumber: "3", startMs: T0 + 2140, durationMs: 1000 }, // 100 ms gap
      { fragmentNumber: "4", startMs: T0 + 3000, durationMs: 1000 }, // 140 ms overlap
    ];
    const marks = (mode: DiscontinuityMode) => playlist(gappy, { mode: "ON_DEMAND" }, mode).segments.map((segment) => segment.discontinuity);
    expect(marks("NEVER")).toEqual([false, false, false, false]);
    expect(marks("ALWAYS")).toEqual([false, true, true, true]);
    expect(marks("ON_DISCONTINUITY")).toEqual([false, false, true, true]);
    expect(defaultDiscontinuityMode("SERVER_TIMESTAMP")).toBe("ALWAYS");
    expect(defaultDiscontinuityMode("PRODUCER_TIMESTAMP")).toBe("NEVER");
  });

  it("count the discontinuities that left a LIVE window, so players keep their timelines aligned", () => {
    const live = playlist(fragments(12), { mode: "LIVE" }, "ALWAYS");
    // Fragments 1001..1007 each followed a discontinuity; 1007 heads the window and keeps only the count.
    expect(live.tags["EXT-X-DISCONTINUITY-SEQUENCE"]).toBe("7");
    expect(live.segments.map((segment) => segment.discontinuity)).toEqual([false, true, true, true, true]);
  });

  it("give each fragment's start as PROGRAM-DATE-TIME when DisplayFragmentTimestamp is ALWAYS", () => {
    const index = indexOf(baseline);
    expect(playlist(index, { mode: "ON_DEMAND" }, "NEVER", "ALWAYS").segments.map((segment) => segment.programDateTime)).toEqual(["2026-01-15T12:00:00.000Z", "2026-01-15T12:00:01.000Z", "2026-01-15T12:00:02.000Z"]);
    expect(playlist(index, { mode: "ON_DEMAND" }).segments.every((segment) => segment.programDateTime === undefined)).toBe(true);
  });
});

describe("the HLS master playlist", () => {
  it("names the video's codec, size, frame rate and peak bandwidth, and its media playlist", () => {
    const document = readMkv(baseline.bytes);
    const text = hlsMasterPlaylist({ tracks: document.tracks, bandwidth: peakBandwidth(indexOf(baseline)), frameRate: 15, mediaPlaylistUrl: (track) => `getHLSMediaPlaylist.m3u8?SessionToken=abc&TrackNumber=${track}` });
    // ffprobe: Constrained Baseline (profile_idc 66, constraint_set1), level 1.2, 320x240; the largest fragment is
    // 3000 bytes in one second.
    expect(text).toBe(
      "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n" +
        '#EXT-X-STREAM-INF:BANDWIDTH=24000,CODECS="avc1.42c00c",RESOLUTION=320x240,FRAME-RATE=15.000\n' +
        "getHLSMediaPlaylist.m3u8?SessionToken=abc&TrackNumber=1\n",
    );
  });

  it("offers an AAC track as the variant's audio rendition", () => {
    const document = readMkv(highBframesAac.bytes);
    const lines = hlsMasterPlaylist({ tracks: document.tracks, bandwidth: 100_000, mediaPlaylistUrl: (track) => `media.m3u8?TrackNumber=${track}` }).trim().split("\n");
    expect(lines).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Track 2",DEFAULT=YES,AUTOSELECT=YES,URI="media.m3u8?TrackNumber=2"');
    expect(lines).toContain('#EXT-X-STREAM-INF:BANDWIDTH=100000,CODECS="avc1.64000c,mp4a.40.2",RESOLUTION=320x240,AUDIO="audio"');
    expect(lines[lines.length - 1]).toBe("media.m3u8?TrackNumber=1");
  });
});

/** The S elements and a few attributes of an MPD, read with patterns (workerd has no DOMParser). */
function readMpd(text: string) {
  const attribute = (source: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(source)?.[1];
  const mpd = /<MPD[^>]*>/.exec(text)?.[0] ?? "";
  const sets = [...text.matchAll(/<AdaptationSet[^>]*>([\s\S]*?)<\/AdaptationSet>/g)].map((match) => {
    const set = match[0];
    const template = /<SegmentTemplate[^>]*>/.exec(set)?.[0] ?? "";
    return {
      contentType: attribute(set, "contentType"),
      codecs: attribute(set, "codecs"),
      startNumber: Number(attribute(template, "startNumber")),
      media: attribute(template, "media"),
      timeline: [...set.matchAll(/<S [^>]*\/>/g)].map(([s]) => ({ t: Number(attribute(s, "t")), d: Number(attribute(s, "d")), ts: attribute(s, "kvs:ts"), fn: attribute(s, "kvs:fn") })),
    };
  });
  return { type: attribute(mpd, "type"), duration: attribute(mpd, "mediaPresentationDuration"), availabilityStartTime: attribute(mpd, "availabilityStartTime"), sets };
}

describe("the DASH manifest", () => {
  const document = readMkv(highBframesAac.bytes);
  const manifest = (all: PlaylistFragment[], selection: FragmentSelection, display: "ALWAYS" | "NEVER" = "NEVER") =>
    dashManifest({
      mode: selection.mode,
      selection: selectFragments(all, selection),
      tracks: document.tracks,
      bandwidth: 50_000,
      frameRate: 15,
      displayFragmentTimestamp: display,
      displayFragmentNumber: display,
      initUrl: (track) => `getMP4InitFragment.mp4?SessionToken=abc&TrackNumber=${track}`,
      mediaTemplate: (track) => `getMP4MediaFragment.mp4?SessionToken=abc&TrackNumber=${track}&FragmentSequenceNumber=$Number$`,
      nowMs: T0 + 60_000,
    });

  it("lists an ON_DEMAND session as a static manifest whose timeline runs without gaps", () => {
    const gappy = [
      { fragmentNumber: "1", startMs: T0, durationMs: 1000 },
      { fragmentNumber: "2", startMs: T0 + 1500, durationMs: 1000 },
      { fragmentNumber: "3", startMs: T0 + 2500, durationMs: 900 },
    ];
    const mpd = readMpd(manifest(gappy, { mode: "ON_DEMAND" }, "ALWAYS"));
    expect(mpd.type).toBe("static");
    expect(mpd.duration).toBe("PT2.900S");
    expect(mpd.sets.map((set) => [set.contentType, set.codecs])).toEqual([
      ["video", "avc1.64000c"],
      ["audio", "mp4a.40.2"],
    ]);
    const video = mpd.sets[0];
    expect(video?.startNumber).toBe(1);
    expect(video?.media).toBe("getMP4MediaFragment.mp4?SessionToken=abc&amp;TrackNumber=1&amp;FragmentSequenceNumber=$Number$");
    // The timeline closes the 500 ms gap; kvs:ts keeps each fragment's true start and kvs:fn its number.
    expect(video?.timeline).toEqual([
      { t: 0, d: 1000, ts: "1768478400.000", fn: "1" },
      { t: 1000, d: 1000, ts: "1768478401.500", fn: "2" },
      { t: 2000, d: 900, ts: "1768478402.500", fn: "3" },
    ]);
    expect(readMpd(manifest(gappy, { mode: "ON_DEMAND" })).sets[0]?.timeline[0]).toEqual({ t: 0, d: 1000, ts: undefined, fn: undefined });
  });

  it("lists a LIVE session as a dynamic manifest of the newest fragments", () => {
    const mpd = readMpd(manifest(fragments(12), { mode: "LIVE" }));
    expect(mpd.type).toBe("dynamic");
    expect(mpd.availabilityStartTime).toBe("2026-01-15T12:00:00.000Z");
    expect(mpd.sets[0]?.startNumber).toBe(8);
    expect(mpd.sets[0]?.timeline.map((s) => s.t)).toEqual([14000, 16000, 18000, 20000, 22000]);
  });

  it("matches media segments packaged on its timeline: each segment's decode time is its S@t", () => {
    const index = indexOf(highBframesAac);
    const selection = selectFragments(index, { mode: "ON_DEMAND" });
    const video = document.tracks.filter((track) => track.number === 1);
    selection.fragments.forEach((listed, position) => {
      const fragment = document.fragments[position];
      if (fragment === undefined) throw new Error("missing fragment");
      const firstVideo = Math.min(...fragment.frames.filter((frame) => frame.track === 1).map((frame) => frame.timecode));
      const segment = mediaSegmentSamples(mediaSegment(fragment, video, { sequenceNumber: listed.number, timeOffset: listed.timelineMs - firstVideo }));
      expect(segment.tracks[0]?.baseDecodeTime).toBe(listed.timelineMs);
      expect(segment.sequenceNumber).toBe(listed.number);
    });
  });
});
