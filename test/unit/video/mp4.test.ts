import { describe, expect, it } from "vitest";
import { codecString, sampleEntry } from "../../../src/video/media/codecs";
import { InvalidCodecPrivateDataError, MissingCodecPrivateDataError, UnsupportedStreamMediaTypeError } from "../../../src/video/media/errors";
import { initSegment, mediaSegment } from "../../../src/video/media/fmp4";
import { readMkv } from "../../../src/video/media/mkv-reader";
import { clipMp4 } from "../../../src/video/media/mp4-clip";
import { fragmentDuration } from "../../../src/video/media/timing";
import type { TrackInfo } from "../../../src/video/media/types";
import { baseline, FIXTURES, highBframes, sha256, type ExpectedFrame, type Fixture } from "./fixtures";
import { VIDEO_TRACK } from "./helpers";
import { fileSamples, initTracks, mediaSegmentSamples, readBoxes, type ParsedSample } from "./mp4-parse";

/** ffprobe's profile names to avcC's profile_idc and the constraint flags of the second byte. */
const PROFILES: Record<string, string> = { "Constrained Baseline": "42c0", High: "6400" };

async function comparable(samples: readonly ParsedSample[], shift = 0) {
  return Promise.all(samples.map(async (sample) => ({ track: sample.track, pts: sample.pts + shift, keyframe: sample.sync, size: sample.data.length, sha256: await sha256(sample.data) })));
}

function expectedFrames(fixture: Fixture, track?: number) {
  return fixture.frames.filter((frame) => track === undefined || frame.track === track).map(({ track: number, pts, keyframe, size, sha256 }) => ({ track: number, pts, keyframe, size, sha256 }));
}

/** Audio frames are all sync samples in MP4, as ffmpeg marks them key frames. */
function byTrackThenDecodeOrder<T extends { track: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.track - b.track);
}

function segmentsOf(fixture: Fixture, tracks?: readonly TrackInfo[]) {
  const document = readMkv(fixture.bytes);
  const selected = tracks ?? document.tracks;
  const init = initSegment(selected, document.info.timecodeScale);
  const segments = document.fragments.map((fragment, index) => mediaSegment(fragment, selected, { sequenceNumber: index + 1, nextTimecode: document.fragments[index + 1]?.timecode }));
  return { document, init, segments, parsed: segments.map(mediaSegmentSamples) };
}

describe("fragmented MP4 (HLS and DASH)", () => {
  for (const fixture of FIXTURES) {
    describe(fixture.name, () => {
      const { document, init, parsed } = segmentsOf(fixture);

      it("has an init segment declaring each track with its codec configuration, size and sample rate", async () => {
        expect(readBoxes(init).map((each) => each.type)).toEqual(["ftyp", "moov"]);
        const tracks = initTracks(readBoxes(init));
        expect(tracks.map((track) => track.id)).toEqual(fixture.tracks.map((track) => track.number));
        for (const expected of fixture.tracks) {
          const track = tracks.find((each) => each.id === expected.number);
          expect(track?.timescale).toBe(1000);
          expect(track && (await sha256(track.config))).toBe(expected.codecPrivateSha256);
          if (expected.codec === "h264") expect(track).toMatchObject({ handler: "vide", entry: "avc1", width: expected.width, height: expected.height });
          else expect(track).toMatchObject({ handler: "soun", entry: "mp4a", sampleRate: expected.sampleRate, channels: expected.channels });
        }
      });

      it("names the codecs as players expect (profile and level from ffprobe)", () => {
        const video = document.tracks[0];
        const expected = fixture.tracks[0];
        expect(video && codecString(video)).toBe(`avc1.${PROFILES[expected?.profile ?? ""]}${(12).toString(16).padStart(2, "0")}`);
        const audio = document.tracks[1];
        if (audio) expect(codecString(audio)).toBe("mp4a.40.2"); // ffprobe: profile LC
      });

      it("carries every frame once, with its bytes, presentation time and key frame flag as sync sample", async () => {
        const samples = parsed.flatMap((segment) => segment.tracks.flatMap((track) => track.samples));
        expect(byTrackThenDecodeOrder(await comparable(samples))).toEqual(byTrackThenDecodeOrder(expectedFrames(fixture)));
      });

      it("gives each fragment a segment that starts with a key frame, numbered in sequence", () => {
        expect(parsed.map((segment) => segment.sequenceNumber)).toEqual(parsed.map((_, index) => index + 1));
        for (const segment of parsed) expect(segment.tracks.find((track) => track.id === 1)?.samples[0]?.sync).toBe(true);
      });

      it("lays each track's decode times end to end across segments, durations matching the next decode time", () => {
        for (const track of document.tracks) {
          const runs = parsed.map((segment) => segment.tracks.find((each) => each.id === track.number)).filter((run) => run !== undefined);
          for (let i = 0; i + 1 < runs.length; i++) {
            const run = runs[i];
            const last = run?.samples[run.samples.length - 1];
            expect(last && last.dts + last.duration).toBe(runs[i + 1]?.baseDecodeTime);
          }
          const samples = runs.flatMap((run) => run?.samples ?? []);
          for (let i = 0; i + 1 < samples.length; i++) expect(samples[i + 1]?.dts).toBeGreaterThan(samples[i]?.dts ?? Infinity);
        }
      });

      it("decodes in ffmpeg's decode order: its decode times are ours, its reorder delay later", () => {
        const samples = parsed.flatMap((segment) => segment.tracks.find((track) => track.id === 1)?.samples ?? []);
        const ffmpeg = fixture.frames.filter((frame) => frame.track === 1);
        // ffmpeg hands out the sorted presentation times as decode times "has_b_frames" frames late: the first
        // frames have none, and frame i + delay decodes at the time we give frame i.
        const delay = fixture.tracks[0]?.reorderDelay ?? 0;
        expect(ffmpeg.slice(0, delay).every((frame) => frame.dts === null)).toBe(true);
        expect(samples.slice(0, samples.length - delay).map((sample) => sample.dts)).toEqual(ffmpeg.slice(delay).map((frame) => frame.dts));
      });
    });
  }

  it("keeps B-frames' negative composition offsets in version 1 of trun, and uses version 0 when there are none", () => {
    const { parsed } = segmentsOf(highBframes);
    const offsets = parsed.flatMap((segment) => segment.tracks[0]?.samples.map((sample) => sample.compositionOffset) ?? []);
    expect(offsets.some((offset) => offset < 0)).toBe(true);
    expect(parsed.map((segment) => segment.tracks[0]?.trunVersion)).toEqual([1, 1, 1]);
    const baselineFixture = FIXTURES[0];
    if (baselineFixture === undefined) throw new Error("no baseline fixture");
    expect(segmentsOf(baselineFixture).parsed.map((segment) => segment.tracks[0]?.trunVersion)).toEqual([0, 0, 0]);
  });

  it("packages one track alone for a per-track HLS playlist, and shifts times by an offset", async () => {
    const audioFile = FIXTURES[2];
    if (audioFile === undefined) throw new Error("no audio fixture");
    const document = readMkv(audioFile.bytes);
    const audio = document.tracks.filter((track) => track.number === 2);
    expect(initTracks(readBoxes(initSegment(audio, 1_000_000))).map((track) => track.entry)).toEqual(["mp4a"]);
    const fragment = document.fragments[1];
    if (fragment === undefined) throw new Error("no second fragment");
    const segment = mediaSegmentSamples(mediaSegment(fragment, audio, { sequenceNumber: 7, timeOffset: 1_700_000_000_000 }));
    expect(segment.sequenceNumber).toBe(7);
    expect(segment.tracks.map((track) => track.id)).toEqual([2]);
    const expected = audioFile.frames.filter((frame) => frame.track === 2 && fragment.frames.some((each) => each.track === 2 && each.timecode === frame.pts));
    expect(await comparable(segment.tracks[0]?.samples ?? [], -1_700_000_000_000)).toEqual(expected.map(({ track, pts, keyframe, size, sha256 }) => ({ track, pts, keyframe, size, sha256 })));
  });
});

describe("fragment durations", () => {
  it("run from one key frame to the next, the last to the end of its last frame (ffprobe's times)", () => {
    for (const fixture of [baseline, highBframes]) {
      const document = readMkv(fixture.bytes);
      const keyframes = fixture.frames.filter((frame) => frame.keyframe).map((frame) => frame.pts);
      // The videos run at 15 fps: the last frame lasts 1/15 s.
      const end = Math.max(...fixture.frames.map((frame) => frame.pts)) + 1000 / 15;
      const expected = keyframes.map((start, index) => (keyframes[index + 1] ?? end) - start);
      const actual = document.fragments.map((fragment) => fragmentDuration(fragment, document.tracks));
      // Within the millisecond that Matroska's timestamps are rounded to.
      actual.forEach((duration, index) => expect(Math.abs(duration - (expected[index] ?? NaN))).toBeLessThanOrEqual(1));
    }
  });
});

describe("GetClip's MP4", () => {
  for (const fixture of FIXTURES) {
    it(`is a traditional MP4 of ${fixture.name}: moov before mdat, every frame at its time, offsets never negative`, async () => {
      const document = readMkv(fixture.bytes);
      const clip = fileSamples(clipMp4(document.fragments, document.tracks));
      expect(clip.boxOrder).toEqual(["ftyp", "moov", "mdat"]);
      expect(clip.cttsVersions.every((version) => version === 0)).toBe(true);
      expect(clip.samples.every((sample) => sample.compositionOffset >= 0)).toBe(true);
      // The clip's timeline starts at its first frame.
      const start = Math.min(...fixture.frames.map((frame: ExpectedFrame) => frame.pts));
      expect(byTrackThenDecodeOrder(await comparable(clip.samples, start))).toEqual(byTrackThenDecodeOrder(expectedFrames(fixture)));
    });
  }

  it("can be cut from whole fragments in the middle of a stream", async () => {
    const document = readMkv(highBframes.bytes);
    const clip = fileSamples(clipMp4(document.fragments.slice(1, 2), document.tracks));
    const second = document.fragments[1];
    const expected = highBframes.frames.filter((frame) => second?.frames.some((each) => each.timecode === frame.pts));
    expect(await comparable(clip.samples, 1000)).toEqual(expectedFrames({ ...highBframes, frames: expected }));
  });
});

describe("codecs", () => {
  it("names H.265 from its hvcC record as RFC 6381 and Apple's HLS examples do", () => {
    // Main profile, compatibility flags 0x60000000, Main tier level 3.1 (93), constraint byte 0xB0.
    const hvcc = new Uint8Array(23);
    hvcc.set([1, 0x01, 0x60, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 93]);
    expect(codecString({ number: 1, type: 1, codecId: "V_MPEGH/ISO/HEVC", codecPrivate: hvcc })).toBe("hvc1.1.6.L93.B0");
    expect(readBoxes(sampleEntry({ number: 1, type: 1, codecId: "V_MPEGH/ISO/HEVC", codecPrivate: hvcc, video: { pixelWidth: 640, pixelHeight: 360 } }))[0]?.type).toBe("hvc1");
  });

  it("refuses what AWS refuses: other codecs, missing and broken codec private data", () => {
    expect(() => codecString({ ...VIDEO_TRACK, codecId: "V_VP8" })).toThrow(UnsupportedStreamMediaTypeError);
    expect(() => initSegment([{ ...VIDEO_TRACK, codecPrivate: undefined }], 1_000_000)).toThrow(MissingCodecPrivateDataError);
    expect(() => initSegment([{ ...VIDEO_TRACK, codecPrivate: Uint8Array.of(7, 7) }], 1_000_000)).toThrow(InvalidCodecPrivateDataError);
    expect(() => codecString({ number: 2, type: 2, codecId: "A_AAC", codecPrivate: Uint8Array.of(0x17) })).toThrow(InvalidCodecPrivateDataError);
  });
});
