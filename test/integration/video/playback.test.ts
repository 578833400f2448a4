/**
 * HLS and DASH session URLs and GetClip: what a player loads from another origin without a signature
 * (playlists, manifest, init and media fragments, CORS), every frame as sent (bytes, presentation times, key
 * frames, B-frames' composition offsets), the session modes and the token's expiry.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { readMkv } from "../../../src/video/media";
import { baseline, highBframesAac, sha256, type Fixture } from "../../unit/video/fixtures";
import { fileSamples, initTracks, mediaSegmentSamples, readBoxes, type ParsedSample } from "../../unit/video/mp4-parse";
import { TestClock } from "../client";
import { dataCall, expectedFrames, mediaCall, playerGet, producerBody, putMedia, useStreamClock } from "./data-helpers";
import { createActiveVideoStream, expectVideoError, useVideoClock, videoOk } from "./helpers";

const START = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeEach(useVideoClock);

async function streamWithVideo(fixture: Fixture, retention = 24) {
  const stream = await createActiveVideoStream({ DataRetentionInHours: retention });
  const body = producerBody(fixture, START);
  await putMedia(stream.StreamName, body.whole);
  return { stream, body };
}

const range = { StartTimestamp: START / 1000, EndTimestamp: START / 1000 + 60 };

async function hlsUrl(streamName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await videoOk<{ HLSStreamingSessionURL: string }>("/getHLSStreamingSessionURL", {
    StreamName: streamName,
    PlaybackMode: "ON_DEMAND",
    HLSFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: range },
    ...extra,
  });
  return answer.HLSStreamingSessionURL;
}

async function text(url: string): Promise<string> {
  const response = await playerGet(url);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  return response.text();
}

async function bytes(url: string): Promise<Uint8Array> {
  const response = await playerGet(url);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("content-type")).toBe("video/mp4");
  return new Uint8Array(await response.arrayBuffer());
}

/** The URIs of a playlist's lines, resolved against the playlist's own URL. */
function uris(playlist: string, base: string): string[] {
  return playlist
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => new URL(line, base).toString());
}

async function comparable(samples: readonly ParsedSample[], shift: number) {
  return Promise.all(samples.map(async (sample) => ({ track: sample.track, pts: sample.pts - shift, keyframe: sample.sync, size: sample.data.length, sha256: await sha256(sample.data) })));
}

function ofTrack(fixture: Fixture, track: number) {
  return expectedFrames(fixture).filter((frame) => frame.track === track);
}

describe("HLS", () => {
  it("serves a master playlist, per-track media playlists, init and media fragments holding every frame as sent", async () => {
    const { stream, body } = await streamWithVideo(highBframesAac);
    const url = await hlsUrl(stream.StreamName);
    expect(url).toMatch(/^https:\/\/kinesis\.us-east-1\.amazonaws\.com\/hls\/v1\/getHLSMasterPlaylist\.m3u8\?SessionToken=[\w-]+\.[\w-]+$/);
    const master = await text(url);
    expect(master).toMatch(/#EXT-X-STREAM-INF:BANDWIDTH=\d+,CODECS="avc1\.64000c,mp4a\.40\.2",RESOLUTION=320x240,FRAME-RATE=15\.000,AUDIO="audio"/);
    const [audioPlaylist, videoPlaylist] = [...master.matchAll(/URI="([^"]+)"|^(getHLSMediaPlaylist[^\n]+)$/gm)].map((match) => new URL(match[1] ?? match[2] ?? "", url).toString());
    for (const [playlistUrl, track] of [[videoPlaylist ?? "", 1], [audioPlaylist ?? "", 2]] as const) {
      expect(playlistUrl).toContain(`TrackNumber=${track}`);
      const playlist = await text(playlistUrl);
      expect(playlist).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
      expect(playlist).toContain("#EXT-X-ENDLIST");
      expect(playlist.match(/#EXTINF:1\.0\d\d,/g)).toHaveLength(3);
      const init = initTracks(readBoxes(await bytes(new URL(/URI="([^"]+)"/.exec(playlist)?.[1] ?? "", playlistUrl).toString())));
      expect(init.map((each) => each.id)).toEqual([track]);
      expect(await sha256(init[0]?.config ?? new Uint8Array())).toBe(highBframesAac.tracks[track - 1]?.codecPrivateSha256);
      const samples: ParsedSample[] = [];
      for (const segmentUrl of uris(playlist, playlistUrl)) samples.push(...mediaSegmentSamples(await bytes(segmentUrl)).tracks.flatMap((each) => each.samples));
      // On the producer's timeline: the frames' times as sent.
      expect(await comparable(samples, body.shift)).toEqual(ofTrack(highBframesAac, track));
    }
  });

  it("lists the newest fragments LIVE, growing as fragments arrive, with discontinuities on server timestamps", async () => {
    const { stream } = await streamWithVideo(baseline);
    const answer = await videoOk<{ HLSStreamingSessionURL: string }>("/getHLSStreamingSessionURL", { StreamName: stream.StreamName, MaxMediaPlaylistFragmentResults: 2 });
    const master = await text(answer.HLSStreamingSessionURL);
    const playlistUrl = uris(master, answer.HLSStreamingSessionURL)[0] ?? "";
    const first = await text(playlistUrl);
    expect(first).toContain("#EXT-X-MEDIA-SEQUENCE:1");
    expect(first.match(/#EXTINF/g)).toHaveLength(2);
    expect(first).not.toContain("#EXT-X-ENDLIST");
    await putMedia(stream.StreamName, producerBody(baseline, START + 10_000).whole);
    const later = await text(playlistUrl);
    expect(later).toContain("#EXT-X-MEDIA-SEQUENCE:4");
    expect(later).toContain("#EXT-X-DISCONTINUITY");
  });

  it("releases LIVE_REPLAY fragments as the session's playing time passes their durations, then ends", async () => {
    const { stream } = await streamWithVideo(baseline);
    const clock = new TestClock();
    clock.freeze();
    await useStreamClock(stream.StreamName, clock);
    const url = await hlsUrl(stream.StreamName, { PlaybackMode: "LIVE_REPLAY" });
    const playlistUrl = uris(await text(url), url)[0] ?? "";
    const count = async () => (await text(playlistUrl)).match(/#EXTINF/g)?.length ?? 0;
    expect(await count()).toBe(1);
    clock.advance(1000);
    expect(await count()).toBe(2);
    clock.advance(1000);
    const last = await text(playlistUrl);
    expect(last.match(/#EXTINF/g)).toHaveLength(3);
    expect(last).toContain("#EXT-X-ENDLIST");
  });

  it("answers CORS preflights, and refuses MPEG_TS, LIVE ranges and a stream that keeps nothing", async () => {
    const { stream } = await streamWithVideo(baseline);
    const url = await hlsUrl(stream.StreamName);
    const preflight = await playerGet(url, { method: "OPTIONS", headers: { origin: "https://player.example", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expectVideoError(await dataCall("/getHLSStreamingSessionURL", { StreamName: stream.StreamName, ContainerFormat: "MPEG_TS" }), 400, "InvalidArgumentException");
    expectVideoError(
      await dataCall("/getHLSStreamingSessionURL", { StreamName: stream.StreamName, PlaybackMode: "LIVE", HLSFragmentSelector: { TimestampRange: range } }),
      400,
      "InvalidArgumentException",
    );
    expectVideoError(await dataCall("/getHLSStreamingSessionURL", { StreamName: stream.StreamName, PlaybackMode: "ON_DEMAND" }), 400, "InvalidArgumentException");
    const empty = await createActiveVideoStream();
    expectVideoError(await dataCall("/getHLSStreamingSessionURL", { StreamName: empty.StreamName }), 400, "NoDataRetentionException");
    const other = await createActiveVideoStream({ DataRetentionInHours: 1 });
    expectVideoError(await dataCall("/getHLSStreamingSessionURL", { StreamName: other.StreamName }), 404, "ResourceNotFoundException");
  });

  it("expires its session as AWS's do: the token stops working after Expires seconds", async () => {
    const { stream } = await streamWithVideo(baseline);
    const clock = new TestClock();
    clock.freeze();
    await useStreamClock(stream.StreamName, clock);
    const url = await hlsUrl(stream.StreamName, { Expires: 300 });
    clock.advance(300_000);
    expect((await playerGet(url)).status).toBe(200);
    clock.advance(1);
    const expired = await playerGet(url);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("x-amzn-ErrorType")).toMatch(/^NotAuthorizedException:/);
    expect(expired.headers.get("access-control-allow-origin")).toBe("*");
    // A token changed by one character opens nothing.
    const forged = url.replace(/.$/, (last) => (last === "A" ? "B" : "A"));
    expect((await playerGet(forged)).status).toBe(401);
    expectVideoError(await dataCall("/getHLSStreamingSessionURL", { StreamName: stream.StreamName, Expires: 299 }), 400, "ValidationException");
  });
});

describe("DASH", () => {
  it("serves a static manifest of the fragments on a gapless timeline, and the same frames", async () => {
    const { stream } = await streamWithVideo(highBframesAac);
    const answer = await videoOk<{ DASHStreamingSessionURL: string }>("/getDASHStreamingSessionURL", {
      StreamName: stream.StreamName,
      PlaybackMode: "ON_DEMAND",
      DisplayFragmentNumber: "ALWAYS",
      DASHFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: range },
    });
    const url = answer.DASHStreamingSessionURL;
    expect(url).toMatch(/\/dash\/v1\/getDASHManifest\.mpd\?SessionToken=/);
    const manifest = await text(url);
    expect(manifest).toContain('type="static"');
    // The audio track runs 44 ms past the video's last frame: the last fragment lasts that much longer.
    expect(manifest).toContain('mediaPresentationDuration="PT3.044S"');
    expect([...manifest.matchAll(/<S t="(\d+)" d="(\d+)"/g)].slice(0, 3).map((match) => [Number(match[1]), Number(match[2])])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1044],
    ]);
    for (const track of [1, 2]) {
      const init = initTracks(readBoxes(await bytes(new URL(`getMP4InitFragment.mp4?SessionToken=${new URL(url).searchParams.get("SessionToken")}&TrackNumber=${track}`, url).toString())));
      expect(init.map((each) => each.id)).toEqual([track]);
      const template = [...manifest.matchAll(/media="([^"]+)"/g)].map((match) => (match[1] ?? "").replaceAll("&amp;", "&")).find((each) => each.includes(`TrackNumber=${track}`)) ?? "";
      // Each fragment's earliest frame sits at its S@t; its frames keep their distances from it.
      const timeline = [0, 1000, 2000];
      const clusters = readMkv(highBframesAac.bytes).fragments;
      for (const number of [1, 2, 3]) {
        const samples = mediaSegmentSamples(await bytes(new URL(template.replace("$Number$", String(number)), url).toString())).tracks.flatMap((each) => each.samples);
        const cluster = clusters[number - 1];
        const own = ofTrack(highBframesAac, track).filter((frame) => cluster?.frames.some((each) => each.track === track && each.timecode === frame.pts));
        const earliest = Math.min(...(cluster?.frames ?? []).map((frame) => frame.timecode));
        expect(await comparable(samples, (timeline[number - 1] ?? 0) - earliest)).toEqual(own);
      }
    }
  });
});

describe("GetClip", () => {
  it("answers an MP4 of the whole fragments in the range, every frame at its time", async () => {
    const { stream } = await streamWithVideo(highBframesAac);
    const response = await mediaCall("/getClip", { StreamName: stream.StreamName, ClipFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: range } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    const clip = fileSamples(new Uint8Array(await response.arrayBuffer()));
    expect(clip.boxOrder).toEqual(["ftyp", "moov", "mdat"]);
    const start = Math.min(...highBframesAac.frames.map((frame) => frame.pts));
    const byTrack = <T extends { track: number }>(items: T[]) => [...items].sort((a, b) => a.track - b.track);
    expect(byTrack(await comparable(clip.samples, -start))).toEqual(byTrack(expectedFrames(highBframesAac)));
  });

  it("cuts at whole fragments: a range starting inside the first gets the two after it", async () => {
    const { stream, body } = await streamWithVideo(baseline);
    const response = await mediaCall("/getClip", {
      StreamName: stream.StreamName,
      ClipFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: (START + 1) / 1000, EndTimestamp: START / 1000 + 60 } },
    });
    const clip = fileSamples(new Uint8Array(await response.arrayBuffer()));
    expect(await comparable(clip.samples, -(1000 + body.shift - START))).toEqual(expectedFrames(baseline).slice(15));
  });

  it("refuses a stream that keeps nothing, a range with nothing in it, and an empty range", async () => {
    const empty = await createActiveVideoStream();
    expectVideoError(
      await dataCall("/getClip", { StreamName: empty.StreamName, ClipFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: range } }),
      400,
      "NoDataRetentionException",
    );
    const { stream } = await streamWithVideo(baseline);
    const later = { StartTimestamp: START / 1000 + 100, EndTimestamp: START / 1000 + 200 };
    expectVideoError(await dataCall("/getClip", { StreamName: stream.StreamName, ClipFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: later } }), 404, "ResourceNotFoundException");
    const backwards = { StartTimestamp: START / 1000 + 2, EndTimestamp: START / 1000 + 1 };
    expectVideoError(await dataCall("/getClip", { StreamName: stream.StreamName, ClipFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: backwards } }), 400, "InvalidArgumentException");
  });
});
