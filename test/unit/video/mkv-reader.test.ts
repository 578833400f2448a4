import { describe, expect, it } from "vitest";
import { element, ID, uintElement } from "../../../src/video/media/ebml";
import { InvalidMkvDataError, PutMediaError } from "../../../src/video/media/errors";
import { PUT_MEDIA_ERROR } from "../../../src/video/media/limits";
import { readMkv, readMkvStream, MkvReader, type MkvEvent } from "../../../src/video/media/mkv-reader";
import { producerFragment, producerStreamStart, tracksElement } from "../../../src/video/media/mkv-writer";
import { concatBytes } from "../../../src/bytes";
import { FIXTURES, baseline, highBframes, highBframesAac, sha256 } from "./fixtures";
import { fragmentsOf, random, readInChunks, syntheticFragment, VIDEO_TRACK } from "./helpers";

const CODEC_IDS: Record<string, string> = { h264: "V_MPEG4/ISO/AVC", aac: "A_AAC" };

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("the Matroska reader", () => {
  for (const fixture of FIXTURES) {
    describe(fixture.name, () => {
      const document = readMkv(fixture.bytes);
      const frames = document.fragments.flatMap((fragment) => fragment.frames);

      it("yields exactly the frames ffmpeg wrote: count, order, timestamps, key frames, sizes and bytes", async () => {
        expect(document.info.timecodeScale).toBe(1_000_000); // ffprobe's time base is 1/1000 for these files
        expect(frames.length).toBe(fixture.frames.length);
        const actual = await Promise.all(
          frames.map(async (frame) => ({ track: frame.track, pts: frame.timecode, keyframe: frame.keyframe, size: frame.data.length, sha256: await sha256(frame.data) })),
        );
        expect(actual).toEqual(fixture.frames.map(({ track, pts, keyframe, size, sha256 }) => ({ track, pts, keyframe, size, sha256 })));
      });

      it("reads the tracks ffmpeg declared, CodecPrivate byte for byte", async () => {
        expect(document.tracks.map((track) => track.number)).toEqual(fixture.tracks.map((track) => track.number));
        for (const expected of fixture.tracks) {
          const track = document.tracks.find((candidate) => candidate.number === expected.number);
          expect(track?.codecId).toBe(CODEC_IDS[expected.codec]);
          if (expected.width !== undefined) expect(track?.video).toMatchObject({ pixelWidth: expected.width, pixelHeight: expected.height });
          if (expected.sampleRate !== undefined) expect(track?.audio).toMatchObject({ samplingFrequency: expected.sampleRate, channels: expected.channels });
          expect(track?.codecPrivate && (await sha256(track.codecPrivate))).toBe(expected.codecPrivateSha256);
        }
      });

      it("makes one fragment per cluster, whose video starts at one of the key frames", () => {
        // ffmpeg interleaves by decode time, so a cluster of the audio file may open with audio frames.
        const videoKeyframes = fixture.frames.filter((frame) => frame.track === 1 && frame.keyframe);
        expect(document.fragments.length).toBe(videoKeyframes.length);
        expect(document.fragments.map((fragment) => fragment.frames.find((frame) => frame.track === 1))).toEqual(videoKeyframes.map((frame) => expect.objectContaining({ track: 1, keyframe: true, timecode: frame.pts })));
        // The sizes add up to the clusters on the wire: less than the file, more than the frames.
        const clusterBytes = document.fragments.reduce((sum, fragment) => sum + fragment.byteLength, 0);
        expect(clusterBytes).toBeLessThan(fixture.bytes.length);
        expect(clusterBytes).toBeGreaterThan(frames.reduce((sum, frame) => sum + frame.data.length, 0));
      });
    });
  }

  it("gives identical results wherever the body is split (every split point, and byte by byte)", () => {
    for (const fixture of [baseline, highBframes]) {
      const whole = readInChunks(fixture.bytes, []);
      expect(readInChunks(fixture.bytes, Array.from({ length: fixture.bytes.length - 1 }, (_, index) => index + 1))).toEqual(whole);
      for (let cut = 1; cut < fixture.bytes.length; cut++) {
        const events = readInChunks(fixture.bytes, [cut]);
        if (JSON.stringify(summary(events)) !== JSON.stringify(summary(whole))) expect({ cut, events: summary(events) }).toEqual({ cut, events: summary(whole) });
      }
    }
  });

  it("gives identical results for random chunkings of the audio and video file", () => {
    const whole = readInChunks(highBframesAac.bytes, []);
    const next = random(13);
    for (let round = 0; round < 60; round++) {
      const cuts = new Set<number>();
      const count = 1 + Math.floor(next() * 40);
      for (let i = 0; i < count; i++) cuts.add(1 + Math.floor(next() * (highBframesAac.bytes.length - 1)));
      const sorted = [...cuts].sort((a, b) => a - b);
      expect({ round, events: readInChunks(highBframesAac.bytes, sorted) }).toEqual({ round, events: whole });
    }
  });

  it("reads a ReadableStream as it arrives", async () => {
    const chunks = [baseline.bytes.slice(0, 700), baseline.bytes.slice(700, 1500), baseline.bytes.slice(1500)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const events: MkvEvent[] = [];
    for await (const event of readMkvStream(stream)) events.push(event);
    expect(fragmentsOf(events)).toEqual(readMkv(baseline.bytes).fragments);
  });

  it("announces a fragment when its timecode arrives and completes it when the next cluster begins", () => {
    const reader = new MkvReader();
    const start = producerStreamStart({ timecodeScale: 1_000_000 }, [VIDEO_TRACK]);
    const first = producerFragment(syntheticFragment(1000));
    const second = producerFragment(syntheticFragment(2000));
    expect(reader.push(start).map((event) => event.type)).toEqual(["header", "info", "tracks"]);
    // The cluster's id, unknown size and 8-byte Timecode: enough for BUFFERING.
    expect(reader.push(first.slice(0, 15))).toEqual([{ type: "fragmentStart", timecode: 1000, timecodeScale: 1_000_000 }]);
    expect(reader.push(first.slice(15))).toEqual([]);
    // An unknown-size cluster is complete once the next one starts (RECEIVED).
    const events = reader.push(second);
    expect(events.map((event) => event.type)).toEqual(["fragment", "fragmentStart"]);
    expect(reader.end().map((event) => event.type)).toEqual(["fragment"]);
  });

  it("reads the producer SDK's layout: unknown sizes, 8-byte sizes, tags before each cluster", () => {
    const tagged = { ...syntheticFragment(3000), tags: [{ name: "AWS_KINESISVIDEO_NOTIFICATION", value: "", children: [{ name: "camera", value: "front door" }] }] };
    const body = concatBytes([producerStreamStart({ timecodeScale: 1_000_000 }, [VIDEO_TRACK]), producerFragment(syntheticFragment(2000)), producerFragment(tagged)]);
    const document = readMkv(body);
    expect(document.fragments.map((fragment) => fragment.timecode)).toEqual([2000, 3000]);
    expect(document.fragments[1]?.frames).toEqual(tagged.frames);
    expect(document.fragments[1]?.tags).toEqual(tagged.tags);
    expect(document.fragments[0]?.tags).toEqual([]);
  });

  it("splits laced blocks (Xiph, EBML, fixed) into frames spaced by the track's DefaultDuration", () => {
    // The Matroska specification's lacing example: three frames of 800, 500 and 1000 bytes.
    const sizes = [800, 500, 1000];
    const frames = sizes.map((size, index) => new Uint8Array(size).fill(index + 1));
    const laced = (flags: number, header: number[]) => element(ID.SimpleBlock, [Uint8Array.of(0x81, 0, 10, 0x80 | flags, 2, ...header), ...frames]);
    const xiph = laced(0x02, [255, 255, 255, 35, 255, 245]);
    const ebml = laced(0x06, [0x43, 0x20, 0x5e, 0xd3]);
    const audio = { number: 1, type: 2, codecId: "A_AAC", codecPrivate: Uint8Array.of(0x12, 0x08), defaultDuration: 20_000_000 };
    const cluster = element(ID.Cluster, [uintElement(ID.Timecode, 1000), xiph, ebml]);
    const document = readMkv(cluster, { context: { info: { timecodeScale: 1_000_000 }, tracks: [audio] } });
    const expected = frames.map((data, index) => ({ track: 1, timecode: 1010 + 20 * index, keyframe: true, data }));
    expect(document.fragments[0]?.frames).toEqual([...expected, ...expected]);
    // Fixed-size lacing: equal frames.
    const fixed = element(ID.Cluster, [uintElement(ID.Timecode, 0), element(ID.SimpleBlock, [Uint8Array.of(0x81, 0, 0, 0x84, 1), new Uint8Array(6).fill(9)])]);
    expect(readMkv(fixed, { context: { info: { timecodeScale: 1_000_000 }, tracks: [audio] } }).fragments[0]?.frames.map((frame) => [frame.timecode, frame.data.length])).toEqual([
      [0, 3],
      [20, 3],
    ]);
  });

  it("reads a stored cluster on its own, given the stream's Info and Tracks", () => {
    const document = readMkv(baseline.bytes);
    const cluster = producerFragment(syntheticFragment(5000));
    const alone = readMkv(cluster, { context: { info: document.info, tracks: [VIDEO_TRACK] } });
    expect(alone.fragments.map((fragment) => fragment.frames)).toEqual([syntheticFragment(5000).frames]);
  });
});

/** Event types and fragment frames, small enough to compare quickly. */
function summary(events: readonly MkvEvent[]): unknown[] {
  return events.map((event) => (event.type === "fragment" ? event.fragment.frames.map((frame) => [frame.timecode, frame.keyframe, frame.data.length, frame.data[frame.data.length - 1]]) : event.type));
}

describe("the Matroska reader's errors, as PutMedia ERROR ack ids", () => {
  it("refuses a body that is not Matroska on its first byte (4006)", () => {
    const mp4 = Uint8Array.from([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70]);
    const error = thrown(() => new MkvReader().push(mp4.slice(0, 1)));
    expect(error).toBeInstanceOf(InvalidMkvDataError);
    expect((error as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.invalidMkvData);
    expect(thrown(() => readMkv(new TextEncoder().encode("hello, this is not video")))).toBeInstanceOf(InvalidMkvDataError);
  });

  it("refuses an EBML document that is not Matroska, and a body that stops inside an element (4006)", () => {
    const notMatroska = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x84, 0x42, 0x82, 0x81, 0x78]);
    expect((thrown(() => readMkv(notMatroska)) as PutMediaError).errorId).toBe(4006);
    expect((thrown(() => readMkv(baseline.bytes.slice(0, 1200))) as PutMediaError).errorId).toBe(4006);
    expect((thrown(() => readMkv(new Uint8Array())) as PutMediaError).errorId).toBe(4006);
  });

  it("refuses a fragment whose timecode is earlier than the previous fragment's (4004), after delivering the earlier ones", () => {
    const reader = new MkvReader();
    const delivered = [
      ...reader.push(producerStreamStart({ timecodeScale: 1_000_000 }, [VIDEO_TRACK])),
      ...reader.push(producerFragment(syntheticFragment(1000))),
      ...reader.push(producerFragment(syntheticFragment(2000))),
    ];
    // The bad fragment's bytes complete the one before it: that one is delivered, the failure kept for the next call.
    delivered.push(...reader.push(producerFragment(syntheticFragment(1500))));
    expect(fragmentsOf(delivered).map((fragment) => fragment.timecode)).toEqual([1000, 2000]);
    const error = reader.error;
    expect((error as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.fragmentTimecodeNotMonotonic);
    // The connection is over: the same error again.
    expect(thrown(() => reader.push(new Uint8Array([1])))).toBe(error);
  });

  it("refuses a first fragment earlier than the stream's last one, when told it", () => {
    const body = concatBytes([producerStreamStart({ timecodeScale: 1_000_000 }, [VIDEO_TRACK]), producerFragment(syntheticFragment(1000))]);
    expect((thrown(() => readMkv(body, { previousTimecode: 1001 })) as PutMediaError).errorId).toBe(4004);
    expect(readMkv(body, { previousTimecode: 1000 }).fragments).toHaveLength(1);
  });

  it("refuses a fragment over the size limit (4001) before the rest of it arrives", () => {
    const firstClusterAt = indexOfId(baseline.bytes, ID.Cluster);
    const reader = new MkvReader({ maxFragmentBytes: 500 });
    // The first cluster holds an 882-byte key frame: its block alone passes the limit.
    // What came before the cluster is delivered; the failure stays for the next call.
    expect(reader.push(baseline.bytes.slice(0, firstClusterAt + 40)).map((event) => event.type)).toEqual(["header", "info", "tracks", "tags"]);
    expect((reader.error as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.fragmentSizeReached);
    expect(thrown(() => reader.push(new Uint8Array([0])))).toBe(reader.error);
  });

  it("refuses a fragment over the duration limit (4002)", () => {
    // The fixtures' clusters last one second.
    expect((thrown(() => readMkv(baseline.bytes, { maxFragmentDurationMs: 500 })) as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.fragmentDurationReached);
    expect(readMkv(baseline.bytes, { maxFragmentDurationMs: 1000 }).fragments).toHaveLength(3);
  });

  it("refuses blocks of an undeclared track (4010) and more than three tracks (4012)", () => {
    const start = producerStreamStart({ timecodeScale: 1_000_000 }, [VIDEO_TRACK]);
    expect((thrown(() => readMkv(concatBytes([start, producerFragment(syntheticFragment(0, 2, 3))]))) as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.trackNumberMismatch);
    const fourTracks = [1, 2, 3, 4].map((number) => ({ ...VIDEO_TRACK, number }));
    const tracks = tracksElement(fourTracks);
    const body = concatBytes([start.slice(0, indexOfId(start, ID.Tracks)), tracks]);
    expect((thrown(() => readMkv(body)) as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.moreThanAllowedTracksFound);
  });

  it("refuses more than ten metadata tags for one fragment (4009)", () => {
    const tags = Array.from({ length: 11 }, (_, index) => ({ name: `tag${index}`, value: "v" }));
    const body = concatBytes([producerStreamStart({ timecodeScale: 1_000_000 }, [VIDEO_TRACK]), producerFragment({ ...syntheticFragment(0), tags })]);
    expect((thrown(() => readMkv(body)) as PutMediaError).errorId).toBe(PUT_MEDIA_ERROR.fragmentMetadataLimitReached);
  });
});

function indexOfId(bytes: Uint8Array, id: number): number {
  const pattern = [(id >>> 24) & 0xff, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff];
  for (let index = 0; index + 4 <= bytes.length; index++) {
    if (pattern.every((byte, offset) => bytes[index + offset] === byte)) return index;
  }
  return -1;
}
