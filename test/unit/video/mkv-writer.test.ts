import { describe, expect, it } from "vitest";
import { concatBytes } from "../../../src/bytes";
import { ID, UNKNOWN_SIZE, readSize, readString, vintLength, walkChildren } from "../../../src/video/media/ebml";
import { InvalidMkvDataError } from "../../../src/video/media/errors";
import { readMkv } from "../../../src/video/media/mkv-reader";
import {
  clusterElement,
  ebmlHeaderElement,
  formatTagTimestamp,
  getMediaChunk,
  getMediaErrorChunk,
  infoElement,
  producerFragment,
  producerStreamStart,
  segmentStart,
  tracksElement,
} from "../../../src/video/media/mkv-writer";
import type { SimpleTag } from "../../../src/video/media/types";
import { FIXTURES, highBframesAac } from "./fixtures";
import { syntheticFragment } from "./helpers";

/** The top-level elements of a Segment of unknown size that runs to the end of `bytes`. */
function segmentChildren(bytes: Uint8Array): { id: number; body: Uint8Array }[] {
  const [header, segment] = walkPrefix(bytes);
  expect(header?.id).toBe(ID.EBML);
  expect(segment?.id).toBe(ID.Segment);
  return walkChildren(bytes.subarray(segment?.bodyStart ?? 0), (message) => new InvalidMkvDataError(message));
}

/** Walks elements from the start, entering an unknown-size element instead of skipping it. */
function walkPrefix(bytes: Uint8Array): { id: number; bodyStart: number }[] {
  const found: { id: number; bodyStart: number }[] = [];
  let offset = 0;
  for (let i = 0; i < 2; i++) {
    const idLength = vintLength(bytes[offset] ?? 0);
    const sizeLength = vintLength(bytes[offset + idLength] ?? 0);
    let id = 0;
    for (let b = 0; b < idLength; b++) id = id * 256 + (bytes[offset + b] ?? 0);
    const size = readSize(bytes, offset + idLength, sizeLength);
    const bodyStart = offset + idLength + sizeLength;
    found.push({ id, bodyStart });
    offset = size === UNKNOWN_SIZE ? bodyStart : bodyStart + size;
  }
  return found;
}

function tagsIn(body: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const fail = (message: string) => new InvalidMkvDataError(message);
  for (const tag of walkChildren(body, fail)) {
    for (const simple of walkChildren(tag.body, fail)) {
      const fields = walkChildren(simple.body, fail);
      const name = fields.find((field) => field.id === ID.TagName);
      const value = fields.find((field) => field.id === ID.TagString);
      if (name && value) out[readString(name.body)] = readString(value.body);
    }
  }
  return out;
}

describe("GetMedia chunks", () => {
  const source = readMkv(highBframesAac.bytes);
  const fragment = source.fragments[1];
  if (fragment === undefined) throw new Error("fixture has no second fragment");
  const producerTags: SimpleTag[] = [{ name: "AWS_KINESISVIDEO_NOTIFICATION", value: "", children: [{ name: "door", value: "front" }] }];
  const chunk = getMediaChunk({
    info: source.info,
    tracks: source.tracks,
    fragment: { ...fragment, tags: producerTags },
    fragmentNumber: "91343852333181432392682062607743920146159169392",
    serverTimestampMs: 1_511_852_108_513,
    producerTimestampMs: 1_511_852_107_005,
    millisBehindNow: 1234.4,
    continuationToken: "91343852333181432397633822764885441725874549018",
  });

  it("are laid out as AWS's parser library reads them: Info, Tracks, Tags, Cluster, Tags", () => {
    expect(segmentChildren(chunk).map((child) => child.id)).toEqual([ID.Info, ID.Tracks, ID.Tags, ID.Cluster, ID.Tags]);
  });

  it("carry the fragment's number and timestamps before the cluster, and MILLIS_BEHIND_NOW and CONTINUATION_TOKEN after it", () => {
    const children = segmentChildren(chunk);
    const before = tagsIn(children[2]?.body ?? new Uint8Array());
    const after = tagsIn(children[4]?.body ?? new Uint8Array());
    expect(before).toMatchObject({
      AWS_KINESISVIDEO_FRAGMENT_NUMBER: "91343852333181432392682062607743920146159169392",
      AWS_KINESISVIDEO_SERVER_TIMESTAMP: "1511852108.513",
      AWS_KINESISVIDEO_PRODUCER_TIMESTAMP: "1511852107.005",
      AWS_KINESISVIDEO_NOTIFICATION: "",
    });
    expect(after).toEqual({ AWS_KINESISVIDEO_MILLIS_BEHIND_NOW: "1234", AWS_KINESISVIDEO_CONTINUATION_TOKEN: "91343852333181432397633822764885441725874549018" });
  });

  it("read back to the same tracks, frames and producer tags", () => {
    const again = readMkv(chunk);
    expect(again.tracks).toEqual(source.tracks);
    expect(again.fragments).toHaveLength(1);
    expect(again.fragments[0]?.frames).toEqual(fragment.frames);
    expect(again.fragments[0]?.tags.slice(0, 1)).toEqual(producerTags);
    expect(again.tags.map((tag) => tag.name)).toContain("AWS_KINESISVIDEO_CONTINUATION_TOKEN");
  });

  it("make a stream one reader follows: every fragment in order, each with its own number", () => {
    const stream = concatBytes(
      source.fragments.map((each, index) =>
        getMediaChunk({
          info: source.info,
          tracks: source.tracks,
          fragment: each,
          fragmentNumber: String(1000 + index),
          serverTimestampMs: 1_700_000_000_000 + index,
          producerTimestampMs: 1_700_000_000_000 + each.timecode,
          millisBehindNow: 0,
          continuationToken: String(1001 + index),
        }),
      ),
    );
    const again = readMkv(stream);
    expect(again.fragments.map((each) => each.frames)).toEqual(source.fragments.map((each) => each.frames));
    // Each fragment's tags are its own chunk's: the previous chunk's trailing tags stay with that chunk.
    expect(again.fragments.map((each) => each.tags.map((tag) => tag.name === "AWS_KINESISVIDEO_FRAGMENT_NUMBER" && tag.value).filter(Boolean))).toEqual([["1000"], ["1001"], ["1002"]]);
    expect(again.fragments.every((each) => each.tags.every((tag) => tag.name !== "AWS_KINESISVIDEO_CONTINUATION_TOKEN"))).toBe(true);
  });

  it("end with AWS's error tags when GetMedia stops on an error", () => {
    const error = readMkv(getMediaErrorChunk({ errorId: 4000, errorCode: "FRAGMENT_NOT_FOUND", fragmentNumber: "12" }));
    expect(error.fragments).toEqual([]);
    expect(error.tags).toEqual([
      { name: "AWS_KINESISVIDEO_FRAGMENT_NUMBER", value: "12" },
      { name: "AWS_KINESISVIDEO_ERROR_CODE", value: "FRAGMENT_NOT_FOUND" },
      { name: "AWS_KINESISVIDEO_ERROR_ID", value: "4000" },
    ]);
  });

  it("format timestamps as seconds with three decimals", () => {
    expect(formatTagTimestamp(1_511_852_108_513)).toBe("1511852108.513");
    expect(formatTagTimestamp(1_511_852_108_005)).toBe("1511852108.005");
    expect(formatTagTimestamp(1_511_852_108_000)).toBe("1511852108.000");
  });
});

describe("the Matroska writer", () => {
  for (const fixture of FIXTURES) {
    it(`rewrites ${fixture.name} frame for frame, in both file and producer layouts`, () => {
      const source = readMkv(fixture.bytes);
      const file = concatBytes([ebmlHeaderElement(), segmentStart(), infoElement(source.info), tracksElement(source.tracks), ...source.fragments.map((each) => clusterElement(each))]);
      const producer = concatBytes([producerStreamStart(source.info, source.tracks), ...source.fragments.map((each) => producerFragment({ ...each, tags: [] }))]);
      for (const written of [file, producer]) {
        const again = readMkv(written);
        expect(again.tracks).toEqual(source.tracks);
        expect(again.fragments.map((each) => [each.timecode, each.frames])).toEqual(source.fragments.map((each) => [each.timecode, each.frames]));
      }
    });
  }

  it("writes clusters byte for byte as AWS's producer SDK does", () => {
    const cluster = producerFragment(syntheticFragment(0x0102, 1));
    expect(Array.from(cluster.subarray(0, 18))).toEqual([0x1f, 0x43, 0xb6, 0x75, 0xff, 0xe7, 0x88, 0, 0, 0, 0, 0, 0, 0x01, 0x02, 0xa7, 0x81, 0x00]);
    // SimpleBlock: 8-byte size, track 1, relative timecode 0, key frame flag, then the frame.
    expect(Array.from(cluster.subarray(18))).toEqual([0xa3, 0x01, 0, 0, 0, 0, 0, 0, 7, 0x81, 0, 0, 0x80, 0, 0x02, 0xab]);
  });

  it("keeps block durations and non-key frames through BlockGroups", () => {
    const fragment = syntheticFragment(500, 2);
    const withDurations = { ...fragment, frames: fragment.frames.map((frame) => ({ ...frame, duration: 100 })) };
    const again = readMkv(concatBytes([producerStreamStart({ timecodeScale: 1_000_000 }, readMkv(FIXTURES[0]?.bytes ?? new Uint8Array()).tracks), clusterElement(withDurations)]));
    expect(again.fragments[0]?.frames).toEqual(withDurations.frames);
  });
});
