/**
 * PutMedia: the acks a producer reads while it uploads (BUFFERING, RECEIVED, PERSISTED per fragment, in
 * order, with increasing fragment numbers), every ERROR with AWS's ErrorId, IDLE, and what is stored.
 */
import { runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { concatBytes } from "../../../src/bytes";
import { ingestTiming } from "../../../src/video/data/ingest";
import { clusterElement, PUT_MEDIA_ERROR, readMkv } from "../../../src/video/media";
import { VIDEO_DATA } from "../../../src/video/limits";
import { baseline, highBframes } from "../../unit/video/fixtures";
import { TestClock } from "../client";
import { dataCall, openPutMedia, producerBody, putMedia, useStreamClock, type Ack } from "./data-helpers";
import { advanceVideoClock, createActiveVideoStream, expectVideoError, useVideoClock, videoOk } from "./helpers";

const START = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeEach(useVideoClock);

function expectFragmentAcks(acks: Ack[], timecodes: number[], persisted = true): string[] {
  const perFragment = persisted ? 3 : 2;
  expect(acks).toHaveLength(timecodes.length * perFragment);
  const numbers: string[] = [];
  timecodes.forEach((timecode, index) => {
    const own = acks.filter((ack) => ack.FragmentTimecode === timecode);
    expect(own.map((ack) => ack.EventType)).toEqual(persisted ? ["BUFFERING", "RECEIVED", "PERSISTED"] : ["BUFFERING", "RECEIVED"]);
    const number = own[0]?.FragmentNumber ?? "";
    expect(number).toMatch(/^9\d{46}$/);
    expect(own.every((ack) => ack.FragmentNumber === number)).toBe(true);
    if (index > 0) expect(number > (numbers[index - 1] ?? "")).toBe(true);
    numbers.push(number);
  });
  // BUFFERING of each fragment comes before its RECEIVED, which comes before the next fragment's RECEIVED.
  const received = acks.filter((ack) => ack.EventType === "RECEIVED").map((ack) => ack.FragmentTimecode);
  expect(received).toEqual(timecodes);
  return numbers;
}

describe("PutMedia acks", () => {
  it("acknowledges each fragment BUFFERING, RECEIVED, then PERSISTED, as flat JSON lines", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 24 });
    const body = producerBody(baseline, START);
    const call = openPutMedia({ "x-amzn-stream-name": stream.StreamName, "x-amzn-fragment-timecode-type": "ABSOLUTE" });
    const response = await call.response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    await call.write(body.start);
    await call.write(body.fragments[0] ?? new Uint8Array());
    // The first fragment's BUFFERING arrives while the upload goes on.
    const first = await call.nextAck();
    expect(first).toEqual({ EventType: "BUFFERING", FragmentTimecode: START, FragmentNumber: expect.stringMatching(/^9\d{46}$/) });
    for (const fragment of body.fragments.slice(1)) await call.write(fragment);
    await call.end();
    expectFragmentAcks([first as Ack, ...(await call.allAcks())], body.timecodes);
  });

  it("stores what it persisted: ListFragments lists every fragment with its timestamps and duration", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 24 });
    const body = producerBody(highBframes, START);
    const acks = await putMedia(stream.StreamName, body.whole);
    const numbers = expectFragmentAcks(acks, body.timecodes);
    const listed = await videoOk<{ Fragments: { FragmentNumber: string; ProducerTimestamp: number; FragmentLengthInMilliseconds: number; FragmentSizeInBytes: number }[] }>(
      "/listFragments",
      { StreamName: stream.StreamName, FragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: START / 1000, EndTimestamp: START / 1000 + 10 } } },
    );
    expect(listed.Fragments.map((fragment) => fragment.FragmentNumber)).toEqual(numbers);
    expect(listed.Fragments.map((fragment) => fragment.ProducerTimestamp * 1000)).toEqual(body.timecodes);
    // 15 frames at 15 fps: one second each.
    expect(listed.Fragments.map((fragment) => fragment.FragmentLengthInMilliseconds)).toEqual([1000, 1000, 1000]);
  });

  it("sends no PERSISTED on a stream that keeps nothing", async () => {
    const stream = await createActiveVideoStream();
    const body = producerBody(baseline, START);
    const acks = await putMedia(stream.StreamName, body.whole);
    expectFragmentAcks(acks, body.timecodes, false);
  });

  it("adds RELATIVE timecodes to the producer start timestamp (seconds.milliseconds as the SDK prints it)", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const body = producerBody(baseline, 0);
    const acks = await putMedia(stream.StreamName, body.whole, { "x-amzn-fragment-timecode-type": "RELATIVE", "x-amzn-producer-start-timestamp": "1768478400.5" });
    expect(acks.filter((ack) => ack.EventType === "PERSISTED").map((ack) => ack.FragmentTimecode)).toEqual(body.timecodes);
    const listed = await videoOk<{ Fragments: { ProducerTimestamp: number }[] }>("/listFragments", { StreamName: stream.StreamName });
    expect(listed.Fragments.map((fragment) => Math.round(fragment.ProducerTimestamp * 1000))).toEqual(body.timecodes.map((timecode) => 1768478400005 + timecode));
  });
});

describe("PutMedia errors", () => {
  it("answers 404 ResourceNotFoundException for a stream that does not exist, before any ack", async () => {
    const call = openPutMedia({ "x-amzn-stream-name": "no-such-video-stream", "x-amzn-fragment-timecode-type": "ABSOLUTE" });
    await call.end();
    const response = await call.response;
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-ErrorType")).toBe("ResourceNotFoundException:https://kinesisvideo.amazonaws.com/doc/2017-09-30/");
    expect(await response.json()).toEqual({ Message: "The requested stream is not found or not active." });
  });

  it("refuses a missing timecode type with AWS's validation message, and RELATIVE without a start timestamp", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const missing = openPutMedia({ "x-amzn-stream-name": stream.StreamName });
    await missing.end();
    expect((await missing.response).status).toBe(400);
    expect((await missing.response).headers.get("x-amzn-ErrorType")).toMatch(/^ValidationException:/);
    const relative = openPutMedia({ "x-amzn-stream-name": stream.StreamName, "x-amzn-fragment-timecode-type": "RELATIVE", "x-amzn-producer-start-timestamp": "soon" });
    await relative.end();
    expect((await relative.response).headers.get("x-amzn-ErrorType")).toMatch(/^InvalidArgumentException:/);
  });

  async function errorAcks(streamName: string, body: Uint8Array): Promise<Ack[]> {
    return putMedia(streamName, body);
  }

  it("4006: a body that is not Matroska", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    expect(await errorAcks(stream.StreamName, new TextEncoder().encode("this is not a video"))).toEqual([{ EventType: "ERROR", ErrorId: PUT_MEDIA_ERROR.invalidMkvData }]);
  });

  it("4004: a fragment whose timecode is earlier than the previous one's, after the earlier fragments persisted", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const later = producerBody(baseline, START + 10_000);
    const earlier = producerBody(baseline, START);
    const acks = await errorAcks(stream.StreamName, concatBytes([later.start, ...later.fragments, ...earlier.fragments.slice(0, 1)]));
    expect(acks.filter((ack) => ack.EventType === "PERSISTED")).toHaveLength(3);
    expect(acks.at(-1)).toEqual({ EventType: "ERROR", FragmentTimecode: START, ErrorId: PUT_MEDIA_ERROR.fragmentTimecodeNotMonotonic });
  });

  it("4002: a fragment longer than 10 seconds", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const document = readMkv(baseline.bytes);
    const first = document.fragments[0];
    if (!first) throw new Error("no fragment");
    const long = { ...first, frames: first.frames.map((frame, index) => ({ ...frame, timecode: first.timecode + index * 800 })) };
    const body = producerBody(baseline, START);
    const acks = await errorAcks(stream.StreamName, concatBytes([body.start, clusterElement(long, { unknownSize: true })]));
    expect(acks.at(-1)).toMatchObject({ EventType: "ERROR", ErrorId: PUT_MEDIA_ERROR.fragmentDurationReached });
  });

  it("4001: a fragment over 50 MB, refused before it is all received", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const body = producerBody(baseline, START);
    // A Cluster that announces 51 MB.
    const cluster = Uint8Array.from([0x1f, 0x43, 0xb6, 0x75, 0x01, 0x00, 0x00, 0x00, 0x03, 0x30, 0x00, 0x00]);
    const acks = await errorAcks(stream.StreamName, concatBytes([body.start, cluster]));
    expect(acks).toEqual([{ EventType: "ERROR", ErrorId: PUT_MEDIA_ERROR.fragmentSizeReached }]);
  });

  it("4008: the stream is deleted while the upload goes on", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const body = producerBody(baseline, START);
    const call = openPutMedia({ "x-amzn-stream-name": stream.StreamName, "x-amzn-fragment-timecode-type": "ABSOLUTE" });
    await call.write(body.start);
    await call.write(body.fragments[0] ?? new Uint8Array());
    await call.write(body.fragments[1] ?? new Uint8Array());
    const seen: Ack[] = [];
    while (!seen.some((ack) => ack.EventType === "PERSISTED")) seen.push((await call.nextAck()) as Ack);
    await videoOk("/deleteStream", { StreamARN: stream.StreamARN });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call.write(body.fragments[2] ?? new Uint8Array());
    await call.end();
    const rest = await call.allAcks();
    expect(rest.at(-1)).toMatchObject({ EventType: "ERROR", ErrorId: PUT_MEDIA_ERROR.streamNotActive });
  });

  it("4010: a block for a track that Tracks does not declare", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const document = readMkv(baseline.bytes);
    const first = document.fragments[0];
    if (!first) throw new Error("no fragment");
    const stray = { ...first, timecode: START, frames: first.frames.map((frame) => ({ ...frame, track: 2, timecode: frame.timecode - first.timecode + START })) };
    const body = producerBody(baseline, START);
    const acks = await errorAcks(stream.StreamName, concatBytes([body.start, clusterElement(stray, { unknownSize: true })]));
    expect(acks.at(-1)).toMatchObject({ EventType: "ERROR", ErrorId: PUT_MEDIA_ERROR.trackNumberMismatch });
  });
});

describe("PutMedia IDLE", () => {
  afterEach(() => {
    ingestTiming.idleAckMs = VIDEO_DATA.idleAckMs;
    ingestTiming.idleCloseMs = VIDEO_DATA.idleCloseMs;
  });

  it("sends IDLE while nothing arrives, then closes the answer", async () => {
    ingestTiming.idleAckMs = 100;
    ingestTiming.idleCloseMs = 450;
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const body = producerBody(baseline, START);
    const call = openPutMedia({ "x-amzn-stream-name": stream.StreamName, "x-amzn-fragment-timecode-type": "ABSOLUTE" });
    await call.write(body.start);
    const acks = await call.allAcks();
    expect(acks.length, JSON.stringify(acks)).toBeGreaterThanOrEqual(2);
    expect(acks.every((ack) => JSON.stringify(ack) === '{"EventType":"IDLE"}')).toBe(true);
  });
});

describe("PutMedia and the stream's life", () => {
  it("answers 404 for a stream that is still being created", async () => {
    const name = `creating-${Date.now()}`;
    await videoOk("/createStream", { StreamName: name, DataRetentionInHours: 1 });
    const call = openPutMedia({ "x-amzn-stream-name": name, "x-amzn-fragment-timecode-type": "ABSOLUTE" });
    await call.end();
    const response = await call.response;
    expectVideoError({ status: response.status, headers: response.headers, text: "", bytes: new Uint8Array(), body: await response.json() }, 404, "ResourceNotFoundException");
    await advanceVideoClock(0);
  });

  it("keeps persisted fragments across the stream object's restart", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const body = producerBody(baseline, START);
    const numbers = expectFragmentAcks(await putMedia(stream.StreamName, body.whole), body.timecodes);
    const clock = new TestClock();
    const stub = await useStreamClock(stream.StreamName, clock);
    // Evict the object: its memory (pending fragments, waiting readers) is gone; its storage is not.
    await runInDurableObject(stub, (_instance, state) => state.abort("restart")).catch(() => undefined);
    const listed = await dataCall<{ Fragments: { FragmentNumber: string }[] }>("/listFragments", { StreamName: stream.StreamName });
    expect(listed.body.Fragments.map((fragment) => fragment.FragmentNumber)).toEqual(numbers);
    // Numbering goes on after the restart.
    const more = producerBody(baseline, START + 10_000);
    const later = expectFragmentAcks(await putMedia(stream.StreamName, more.whole), more.timecodes);
    expect(later[0] ?? "").toSatisfy((first: string) => first > (numbers.at(-1) ?? ""));
  });
});
