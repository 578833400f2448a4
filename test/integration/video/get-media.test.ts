/**
 * GetMedia (every StartSelector, chunks pushed as fragments are stored, AWS's tags, the frames as sent),
 * ListFragments (both timestamp selectors, ranges, paging) and GetMediaForFragmentList.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { formatTagTimestamp } from "../../../src/video/media";
import { baseline, highBframes, highBframesAac } from "../../unit/video/fixtures";
import {
  dataCall,
  expectedFrames,
  framesOf,
  mediaCall,
  openPutMedia,
  producerBody,
  putMedia,
  readChunks,
  type Ack,
} from "./data-helpers";
import { createActiveVideoStream, expectVideoError, useVideoClock, videoOk } from "./helpers";

const START = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeEach(useVideoClock);

interface ListedFragment {
  FragmentNumber: string;
  FragmentSizeInBytes: number;
  ProducerTimestamp: number;
  ServerTimestamp: number;
  FragmentLengthInMilliseconds: number;
}

function persisted(acks: Ack[]): string[] {
  return acks.filter((ack) => ack.EventType === "PERSISTED").map((ack) => ack.FragmentNumber ?? "");
}

async function streamWithVideo(fixture = highBframes, retention = 24) {
  const stream = await createActiveVideoStream({ DataRetentionInHours: retention });
  const body = producerBody(fixture, START);
  const numbers = persisted(await putMedia(stream.StreamName, body.whole));
  return { stream, body, numbers };
}

async function getMedia(streamName: string, selector: Record<string, unknown>, count: number) {
  const response = await mediaCall("/getMedia", { StreamName: streamName, StartSelector: selector });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("video/webm");
  return readChunks(response, count);
}

describe("GetMedia", () => {
  it("EARLIEST: every fragment in order, each chunk with AWS's tags, the frames exactly as sent", async () => {
    const { stream, numbers, body } = await streamWithVideo(highBframesAac);
    const chunks = await getMedia(stream.StreamName, { StartSelectorType: "EARLIEST" }, 3);
    expect(chunks.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(numbers);
    const listed = (await videoOk<{ Fragments: ListedFragment[] }>("/listFragments", { StreamName: stream.StreamName })).Fragments;
    chunks.forEach((chunk, index) => {
      const fragment = listed[index];
      expect(chunk.tags.get("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP")).toBe(formatTagTimestamp(Math.round((fragment?.ProducerTimestamp ?? 0) * 1000)));
      expect(chunk.tags.get("AWS_KINESISVIDEO_SERVER_TIMESTAMP")).toBe(formatTagTimestamp(Math.round((fragment?.ServerTimestamp ?? 0) * 1000)));
      // The continuation token is the fragment's number: a reader goes on after it.
      expect(chunk.after.get("AWS_KINESISVIDEO_CONTINUATION_TOKEN")).toBe(numbers[index]);
      expect(Number(chunk.after.get("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW"))).toBeGreaterThanOrEqual(0);
    });
    expect(await framesOf(chunks.map((chunk) => chunk.fragment), body.shift)).toEqual(expectedFrames(highBframesAac));
  });

  it("FRAGMENT_NUMBER and CONTINUATION_TOKEN start after the fragment named", async () => {
    const { stream, numbers } = await streamWithVideo();
    const after = await getMedia(stream.StreamName, { StartSelectorType: "FRAGMENT_NUMBER", AfterFragmentNumber: numbers[0] }, 2);
    expect(after.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(numbers.slice(1));
    const continued = await getMedia(stream.StreamName, { StartSelectorType: "CONTINUATION_TOKEN", ContinuationToken: numbers[1] }, 1);
    expect(continued.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(numbers.slice(2));
  });

  it("PRODUCER_TIMESTAMP and SERVER_TIMESTAMP start with the fragment containing the time", async () => {
    const { stream, numbers } = await streamWithVideo();
    const producer = await getMedia(stream.StreamName, { StartSelectorType: "PRODUCER_TIMESTAMP", StartTimestamp: (START + 1500) / 1000 }, 2);
    expect(producer.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(numbers.slice(1));
    const listed = (await videoOk<{ Fragments: ListedFragment[] }>("/listFragments", { StreamName: stream.StreamName })).Fragments;
    const server = await getMedia(stream.StreamName, { StartSelectorType: "SERVER_TIMESTAMP", StartTimestamp: listed[2]?.ServerTimestamp }, 1);
    expect(server.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(numbers.slice(2));
  });

  it("NOW starts with the newest fragment, then pushes each new one as it is stored", async () => {
    const { stream, numbers } = await streamWithVideo(baseline);
    const response = await mediaCall("/getMedia", { StreamName: stream.StreamName, StartSelector: { StartSelectorType: "NOW" } });
    const reading = readChunks(response, 4);
    const more = producerBody(baseline, START + 10_000);
    const call = openPutMedia({ "x-amzn-stream-name": stream.StreamName, "x-amzn-fragment-timecode-type": "ABSOLUTE" });
    await call.write(more.start);
    for (const fragment of more.fragments) await call.write(fragment);
    await call.end();
    const later = persisted(await call.allAcks());
    const chunks = await reading;
    expect(chunks.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual([numbers[2], ...later]);
    expect(await framesOf(chunks.slice(1).map((chunk) => chunk.fragment), more.shift)).toEqual(expectedFrames(baseline));
  });

  it("serves live readers of a stream that keeps nothing", async () => {
    const stream = await createActiveVideoStream();
    const response = await mediaCall("/getMedia", { StreamName: stream.StreamName, StartSelector: { StartSelectorType: "NOW" } });
    const reading = readChunks(response, 3);
    const body = producerBody(baseline, START);
    const acks = await putMedia(stream.StreamName, body.whole);
    const chunks = await reading;
    expect(chunks.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(acks.filter((ack) => ack.EventType === "RECEIVED").map((ack) => ack.FragmentNumber));
    expect(await framesOf(chunks.map((chunk) => chunk.fragment), body.shift)).toEqual(expectedFrames(baseline));
    // Nothing was stored.
    expect((await videoOk<{ Fragments: ListedFragment[] }>("/listFragments", { StreamName: stream.StreamName })).Fragments).toEqual([]);
  });

  it("refuses a selector without the member its type needs, and an unknown stream", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    for (const selector of [{ StartSelectorType: "FRAGMENT_NUMBER" }, { StartSelectorType: "PRODUCER_TIMESTAMP" }, { StartSelectorType: "CONTINUATION_TOKEN" }]) {
      expectVideoError(await dataCall("/getMedia", { StreamName: stream.StreamName, StartSelector: selector }), 400, "InvalidArgumentException");
    }
    expectVideoError(await dataCall("/getMedia", { StreamName: "no-such-video", StartSelector: { StartSelectorType: "NOW" } }), 404, "ResourceNotFoundException");
  });
});

describe("ListFragments", () => {
  it("lists the fragments starting within a range of producer or server timestamps, both ends included", async () => {
    const { stream, body, numbers } = await streamWithVideo();
    const byProducer = async (start: number, end: number) =>
      (
        await videoOk<{ Fragments: ListedFragment[] }>("/listFragments", {
          StreamName: stream.StreamName,
          FragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: start / 1000, EndTimestamp: end / 1000 } },
        })
      ).Fragments.map((fragment) => fragment.FragmentNumber);
    expect(await byProducer(START + 1, START + 2000)).toEqual(numbers.slice(1, 3));
    expect(await byProducer(START, START)).toEqual(numbers.slice(0, 1));
    expect(await byProducer(START + 3000, START + 9000)).toEqual([]);
    const all = (await videoOk<{ Fragments: ListedFragment[] }>("/listFragments", { StreamName: stream.StreamName })).Fragments;
    expect(all.map((fragment) => [fragment.ProducerTimestamp * 1000, fragment.FragmentLengthInMilliseconds])).toEqual(body.timecodes.map((timecode) => [timecode, 1000]));
    expect(all.every((fragment) => fragment.FragmentSizeInBytes > 0)).toBe(true);
    const server = all[1]?.ServerTimestamp ?? 0;
    const byServer = await videoOk<{ Fragments: ListedFragment[] }>("/listFragments", {
      StreamName: stream.StreamName,
      FragmentSelector: { FragmentSelectorType: "SERVER_TIMESTAMP", TimestampRange: { StartTimestamp: server, EndTimestamp: server } },
    });
    expect(byServer.Fragments.map((fragment) => fragment.FragmentNumber)).toEqual([numbers[1]]);
  });

  it("pages with MaxResults and NextToken, which needs no selector", async () => {
    const { stream, numbers } = await streamWithVideo();
    const first = await videoOk<{ Fragments: ListedFragment[]; NextToken?: string }>("/listFragments", {
      StreamName: stream.StreamName,
      MaxResults: 2,
      FragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: START / 1000, EndTimestamp: START / 1000 + 60 } },
    });
    expect(first.Fragments.map((fragment) => fragment.FragmentNumber)).toEqual(numbers.slice(0, 2));
    expect(first.NextToken).toMatch(/^[a-zA-Z0-9+/]+={0,2}$/);
    const second = await videoOk<{ Fragments: ListedFragment[]; NextToken?: string }>("/listFragments", { StreamName: stream.StreamName, NextToken: first.NextToken });
    expect(second.Fragments.map((fragment) => fragment.FragmentNumber)).toEqual(numbers.slice(2));
    expect(second.NextToken).toBeUndefined();
    expectVideoError(await dataCall("/listFragments", { StreamName: stream.StreamName, NextToken: "bm90IGEgdG9rZW4=" }), 400, "InvalidArgumentException");
  });
});

describe("GetMediaForFragmentList", () => {
  it("answers the listed fragments, in the order listed, without GetMedia's reader tags", async () => {
    const { stream, numbers, body } = await streamWithVideo(baseline);
    const order = [numbers[2] ?? "", numbers[0] ?? ""];
    const response = await mediaCall("/getMediaForFragmentList", { StreamName: stream.StreamName, Fragments: order });
    expect(response.status).toBe(200);
    const chunks = await readChunks(response, 10);
    expect(chunks.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(order);
    expect(chunks.every((chunk) => chunk.after.size === 0)).toBe(true);
    const expected = expectedFrames(baseline);
    expect(await framesOf([chunks[1]?.fragment].flatMap((fragment) => (fragment ? [fragment] : [])), body.shift)).toEqual(expected.slice(0, 15));
  });

  it("refuses a fragment number the stream does not hold", async () => {
    const { stream, numbers } = await streamWithVideo(baseline);
    const unknown = `${(numbers[0] ?? "").slice(0, -3)}999`;
    expectVideoError(await dataCall("/getMediaForFragmentList", { StreamName: stream.StreamName, Fragments: [numbers[0], unknown] }), 404, "ResourceNotFoundException", `Fragment ${unknown} was not found in stream ${stream.StreamName}.`);
  });
});
